import { Logger } from '@nestjs/common';
import { type ImportJobAnswer, ImportJobStatus, ImportJobView } from '@zj/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { LibraryIoErrorCode } from './library-io.errors';

/** A running job writes its progress at most this often… */
const PROGRESS_WRITE_MS = 1_000;
/** …and at least this often (its heartbeat), also while it only computes. */
export const HEARTBEAT_MS = 10_000;
/** A running job that has not written for this long died with the process that ran it. */
export const STALE_AFTER_SECONDS = 60;
/** Finished jobs (with their row errors) can be read back for a week. */
const KEEP_DAYS = 7;

/** A running job whose heartbeat stopped (the limit in seconds bound at $3). */
const STALE = `view->>'status' = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $3)`;

/** Advisory-lock namespace (with the organisation's hash) serialising the start of an organisation's imports. */
const ORG_START_LOCK = 7_261_004;

export const INTERRUPTED_MESSAGE = '导入因服务重启而中断，请重新上传文件（已导入的行不会重复导入）';

/** A job as the process running it holds it. */
export interface RunningImportJob {
  view: ImportJobView;
  userId: string;
  projectIds: string[];
  notices: string[];
}

interface Writer {
  /** Writes, in order: each write carries a snapshot taken when it was asked for. */
  chain: Promise<void>;
  writtenAt: number;
  heartbeat: NodeJS.Timeout;
}

/** The view a reader sees of a job that was running when its process died. */
export function interruptedView(view: ImportJobView, now: Date): ImportJobView {
  return { ...view, status: ImportJobStatus.FAILED, phase: 'done', message: INTERRUPTED_MESSAGE, finishedAt: now.toISOString() };
}

/**
 * Import jobs in the database (table import_jobs): the process running a job writes its view as it
 * goes, so any API process answers a poll, after a restart too.
 */
export class ImportJobStore {
  private readonly logger = new Logger('LibraryImport');
  private readonly writers = new Map<string, Writer>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a new running job and starts its heartbeat; drops jobs older than a week. One import per
   * organisation at a time: while a job of a user of the organisation is running (its heartbeat
   * fresh, in any process) the new one is refused with 409.
   */
  async open(job: RunningImportJob, organizationId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM import_jobs WHERE created_at < now() - make_interval(days => $1)`, [KEEP_DAYS]);
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ORG_START_LOCK, organizationId]);
      const [running] = await m.query(
        `SELECT j.view->>'fileName' AS "fileName" FROM import_jobs j JOIN users u ON u.id = j.user_id
          WHERE u.organization_id = $1 AND j.view->>'status' = 'RUNNING' AND j.heartbeat_at >= now() - make_interval(secs => $2) LIMIT 1`,
        [organizationId, STALE_AFTER_SECONDS],
      );
      if (running) {
        throw AppException.conflict(`本单位有一个导入（${String(running.fileName).slice(0, 60)}）正在进行，请等待其完成后再导入`, LibraryIoErrorCode.ALREADY_RUNNING);
      }
      await m.query(`INSERT INTO import_jobs (id, user_id, view) VALUES ($1, $2, $3::jsonb)`, [job.view.id, job.userId, JSON.stringify(job.view)]);
    });
    const heartbeat = setInterval(() => void this.write(job, true), HEARTBEAT_MS);
    heartbeat.unref();
    this.writers.set(job.view.id, { chain: Promise.resolve(), writtenAt: Date.now(), heartbeat });
  }

  /** Writes the job's progress, unless it was written less than a second ago (`force` writes anyway). */
  write(job: RunningImportJob, force = false): Promise<void> {
    const w = this.writers.get(job.view.id);
    if (!w) return Promise.resolve();
    const now = Date.now();
    if (!force && now - w.writtenAt < PROGRESS_WRITE_MS) return w.chain;
    w.writtenAt = now;
    const params = [job.view.id, JSON.stringify(job.view), [...job.projectIds], JSON.stringify(job.notices)];
    w.chain = w.chain
      .then(() => this.dataSource.query(`UPDATE import_jobs SET view = $2::jsonb, project_ids = $3::uuid[], notices = $4::jsonb, heartbeat_at = now() WHERE id = $1`, params))
      .then(
        () => undefined,
        (e: unknown) => this.logger.warn({ msg: 'import job progress not written', jobId: job.view.id, error: e instanceof Error ? e.message : String(e) }),
      );
    return w.chain;
  }

  /** Writes the ended job and stops its heartbeat. */
  async close(job: RunningImportJob): Promise<void> {
    const w = this.writers.get(job.view.id);
    if (!w) return;
    clearInterval(w.heartbeat);
    await this.write(job, true);
    this.writers.delete(job.view.id);
  }

  /**
   * A job of the user, as last written; a running job whose heartbeat stopped is reported (and
   * recorded, once) as interrupted.
   */
  async find(id: string, userId: string): Promise<ImportJobAnswer | null> {
    const [row] = await this.dataSource.query(
      `SELECT view, project_ids AS "projectIds", notices, ${STALE} AS stale, now() AS now FROM import_jobs WHERE id = $1 AND user_id = $2`,
      [id, userId, STALE_AFTER_SECONDS],
    );
    if (!row) return null;
    let view = row.view as ImportJobView;
    if (row.stale) {
      view = interruptedView(view, row.now);
      await this.dataSource.query(`UPDATE import_jobs SET view = $2::jsonb WHERE id = $1 AND ${STALE}`, [id, JSON.stringify(view), STALE_AFTER_SECONDS]);
    }
    return { job: view, projectIds: view.status === ImportJobStatus.RUNNING ? [] : row.projectIds, notices: row.notices };
  }
}
