import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MeetingStatus, ScheduleRunStatus } from '@zj/shared';
import type { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit';
import { SYSTEM_ACTOR } from '../../common/auth/actor';
import { type TypedJob, typedWorker, QueueBackend, retryUntilReady } from '../../queue';
import { findEvent } from '../event-guards';
import { ScheduleResult, solveScheduleInWorker, validateSchedule } from '../scheduling';
import { EventMeeting, ScheduleRun } from './meeting.entities';
import { planApply } from './schedule-apply';
import { loadInstance } from './schedule-data';

/** Queue of the schedule solves; job id `schedule.<runId>`. */
export const SCHEDULE_QUEUE = 'event-schedule' as const;
export const scheduleJobId = (runId: string) => `schedule.${runId}`;

/** A solve that has not finished this long after its time limit is taken as lost (its worker died). */
export const STALE_RUN_GRACE_MS = 5 * 60_000;

/** Thrown for a failure whose message is meant for the bureau (Chinese). */
class RunFailure extends Error {}

/**
 * The worker side of the schedule: takes `event-schedule`/`solve` jobs, one at a time. A job names
 * a run; the run is re-read and only a QUEUED one is taken (a job delivered twice does nothing).
 * The instance is read from the database, solved with HiGHS in a worker thread (the event loop
 * stays free), and the answer is written in one transaction that locks the event — only if the
 * instance has not changed meanwhile and the answer passes the independent check. Meetings placed
 * again keep their rows, so their ids (the .ics UIDs) are stable across re-solves.
 */
@Injectable()
export class ScheduleProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ScheduleProcessor.name);
  private worker?: Worker;
  private starting?: Promise<void>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(QueueBackend) private readonly backend: QueueBackend,
  ) {}

  /** Starts in the background: the platform comes up even while the queue backend is down. */
  onApplicationBootstrap() {
    this.starting = this.start();
  }

  private async start() {
    const ready = await retryUntilReady(() => this.backend.ready(), { stopped: () => this.stopped, logger: this.logger, what: 'schedule queue' });
    if (!ready) return;
    const w = typedWorker(this.backend, SCHEDULE_QUEUE, (job: TypedJob<typeof SCHEDULE_QUEUE>) => this.solve(job.data.runId), {
      concurrency: 1,
      // The solve runs in a worker thread, so the lock is renewed on time; generous all the same.
      lockDuration: 120_000,
      maxStalledCount: 1,
      drainDelay: 1,
    });
    w.on('failed', (job, err) => this.logger.warn({ msg: 'schedule job failed', jobId: job?.id, error: err.message }));
    this.worker = w;
    await w.waitUntilReady().catch(() => undefined);
  }

  /** Resolves once the worker listens (tests may wait for it). */
  async started() {
    await this.starting;
  }

  async onModuleDestroy() {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    await this.worker?.close().catch(() => undefined);
  }

  /** Handles one run (idempotent). */
  async solve(runId: string): Promise<void> {
    const taken = await this.dataSource.transaction(async (m) => {
      const run = await m.findOne(ScheduleRun, { where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status !== ScheduleRunStatus.QUEUED) return null;
      run.status = ScheduleRunStatus.RUNNING;
      run.startedAt = new Date();
      return m.save(run);
    });
    if (!taken) return;
    try {
      const { instance, fingerprint } = await loadInstance(this.dataSource.manager, taken.eventId);
      if (!instance.slots.length) throw new RunFailure('尚未设置会谈时段');
      let result: ScheduleResult;
      try {
        result = await solveScheduleInWorker(instance, { timeLimitSeconds: taken.timeLimitSeconds });
      } catch (e) {
        throw new RunFailure(`求解器出错：${(e as Error).message}`);
      }
      const problems = validateSchedule(instance, result);
      if (problems.length) throw new RunFailure(`求解结果未通过校验，未保存：${problems.slice(0, 3).join('；')}`);
      await this.apply(runId, taken.eventId, fingerprint, result);
    } catch (e) {
      const message = e instanceof RunFailure ? e.message : `排期失败：${(e as Error).message}`;
      this.logger.warn({ msg: 'schedule run failed', runId, error: (e as Error).message });
      await this.dataSource.getRepository(ScheduleRun).update({ id: runId }, { status: ScheduleRunStatus.FAILED, error: message.slice(0, 1000), finishedAt: new Date() });
    }
  }

  /** Writes the answer in one transaction (the event row locked, as hand edits do). */
  private async apply(runId: string, eventId: string, fingerprint: string, result: ScheduleResult): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await findEvent(m, eventId, { lock: true });
      const now = await loadInstance(m, eventId);
      if (now.fingerprint !== fingerprint) throw new RunFailure('求解期间报名、邀约、时段或锁定的会谈有变动，结果未保存，请重新排期');
      const plan = planApply(now.movable, result.meetings);
      const movedIds = now.movable.map((x) => x.id);
      // Take the movable meetings off the board first: the unique indexes (desk per slot, enterprise
      // per slot) only hold SCHEDULED rows, and meetings may trade places.
      if (movedIds.length) await m.query(`UPDATE event_meetings SET status = 'CANCELLED' WHERE id = ANY($1::uuid[])`, [movedIds]);
      for (const k of plan.keep) {
        await m.query(
          `UPDATE event_meetings SET status = 'SCHEDULED', slot_id = $2, desk = $3, sequence = $4, version = version + $5, updated_at = now() WHERE id = $1`,
          [k.id, k.slotId, k.desk, k.sequence, k.changed ? 1 : 0],
        );
      }
      for (const c of plan.cancel) await m.query(`UPDATE event_meetings SET sequence = $2, version = version + 1, updated_at = now() WHERE id = $1`, [c.id, c.sequence]);
      const needs = new Map<string, string | null>();
      if (plan.insert.length) {
        const rows: { id: string; need_id: string | null }[] = await m.query(`SELECT id, need_id FROM event_meeting_requests WHERE id = ANY($1::uuid[])`, [plan.insert.map((p) => p.requestId)]);
        for (const r of rows) needs.set(r.id, r.need_id);
      }
      for (const p of plan.insert) {
        await m.insert(EventMeeting, {
          eventId,
          requestId: p.requestId,
          enterpriseOrgId: p.enterpriseId,
          bankOrgId: p.bankId,
          slotId: p.slotId,
          desk: p.desk,
          status: MeetingStatus.SCHEDULED,
          needId: needs.get(p.requestId) ?? null,
        });
      }
      await m.update(ScheduleRun, { id: runId }, {
        status: ScheduleRunStatus.DONE,
        method: result.method,
        objective: result.objective,
        bound: result.bound,
        quality: result.quality.toFixed(6),
        optimal: result.optimal,
        solveMs: Math.round(result.solveMs),
        notPlaced: result.notPlaced,
        error: null,
        finishedAt: new Date(),
      });
      await this.audit.record(m, SYSTEM_ACTOR, {
        action: 'event.schedule.apply',
        entityType: 'event',
        entityId: eventId,
        after: {
          runId,
          method: result.method,
          objective: result.objective,
          quality: result.quality,
          kept: plan.keep.filter((k) => !k.changed).map((k) => k.id),
          moved: plan.keep.filter((k) => k.changed).map((k) => k.id),
          cancelled: plan.cancel.map((c) => c.id),
          added: plan.insert.length,
          notPlaced: result.notPlaced.length,
        },
      });
    });
  }
}
