import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IMPORT_MAX_LISTED_ERRORS, type ImportJobAnswer, ImportJobStatus, ImportJobView, ImportMode, ImportRowError, ImportSheet } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { zhanjiangDate } from '../common/time';
import { Catalogues, currentVersion } from './catalogue';
import { buildTemplate } from './export.service';
import { openUploadedFile, refusal } from './import-file-checks';
import { ImportJobStore, RunningImportJob } from './import-jobs';
import { loadCatalogues, resolveSheetVersion, validateImport } from './import-validation';
import { ImportWriter } from './import-writer';
import { LibraryIoErrorCode } from './library-io.errors';
import { ReadResult, SpreadsheetError } from './xlsx-reader';
import { readImportFileInThread } from './xlsx-thread';
import type { ZipDirectory } from './xlsx-zip';

/**
 * An import job, the one service the controller uses: checks the upload (import-file-checks.ts),
 * starts the job and tracks it in the job store (import-jobs.ts), reads the file in a worker thread,
 * validates the rows (import-validation.ts), writes them unless only validating (import-writer.ts),
 * and ends with the job's status and message; also the import template.
 */

/** A job run by this process: its projectIds are the projects created or updated (and submitted), which the importer may pass on at once. */
interface Job extends RunningImportJob {
  /** Why the file was refused (a failed synchronous import answers it as an error). */
  refusal: SpreadsheetError | null;
  done: Promise<void>;
}

/** Row errors keep at most this much of a cell's value (a cell may hold 32,767 characters). */
const MAX_ERROR_VALUE = 100;

const SHEET_ORDER = [ImportSheet.ENTERPRISES, ImportSheet.PROJECTS, ImportSheet.NEEDS];

@Injectable()
export class ImportService {
  private readonly logger = new Logger('LibraryImport');
  private readonly store: ImportJobStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ImportWriter,
  ) {
    this.store = new ImportJobStore(dataSource);
  }

  /** Checks the upload, starts the job; waits for it unless `async`. */
  async start(actor: Actor, file: { originalname: string; buffer: Buffer } | undefined, mode: ImportMode, async: boolean): Promise<ImportJobAnswer> {
    const { name, zip } = openUploadedFile(file);
    const view: ImportJobView = {
      id: randomUUID(),
      status: ImportJobStatus.RUNNING,
      mode,
      fileName: name.slice(0, 200),
      phase: 'reading',
      totalRows: 0,
      processedRows: 0,
      errorCount: 0,
      errors: [],
      errorsTruncated: false,
      result: null,
      message: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    const job: Job = { view, userId: actor.userId, projectIds: [], notices: [], refusal: null, done: Promise.resolve() };
    await this.store.open(job, actor.organizationId);
    job.done = this.run(job, actor, zip)
      .catch((e) => {
        if (e instanceof SpreadsheetError) this.logger.warn({ msg: 'import file refused', jobId: view.id, reason: e.code });
        else this.logger.error({ msg: 'import failed', jobId: view.id, err: e instanceof Error ? e.stack : String(e) });
        view.status = ImportJobStatus.FAILED;
        job.refusal = e instanceof SpreadsheetError ? e : null;
        view.message = e instanceof AppException || e instanceof SpreadsheetError ? e.message : '导入失败，请稍后重试';
        view.finishedAt = new Date().toISOString();
      })
      .finally(() => this.store.close(job));
    if (!async) {
      await job.done;
      if (view.status === ImportJobStatus.FAILED && job.refusal) throw refusal(job.refusal);
    }
    return this.viewOf(job);
  }

  /** A job of the caller, from any API process (the one running it writes its progress as it goes). */
  async get(actor: Actor, id: string): Promise<ImportJobAnswer> {
    const found = await this.store.find(id, actor.userId);
    if (!found) throw AppException.notFound('导入任务', LibraryIoErrorCode.JOB_NOT_FOUND);
    return found;
  }

  private viewOf(job: Job): ImportJobAnswer {
    return { job: { ...job.view, errors: [...job.view.errors] }, projectIds: job.view.status === ImportJobStatus.RUNNING ? [] : job.projectIds, notices: job.notices };
  }

  private addErrors(job: Job, errors: ImportRowError[]) {
    job.view.errorCount += errors.length;
    for (const e of errors) {
      if (typeof e.value === 'string' && e.value.length > MAX_ERROR_VALUE) e.value = `${e.value.slice(0, MAX_ERROR_VALUE)}…`;
      if (job.view.errors.length < IMPORT_MAX_LISTED_ERRORS) job.view.errors.push(e);
      else job.view.errorsTruncated = true;
    }
  }

  private async run(job: Job, actor: Actor, zip: ZipDirectory) {
    const v = job.view;
    // Read in a worker thread with a memory bound (xlsx-thread.ts), not on the API's event loop.
    const read = await readImportFileInThread(zip.content, (n) => {
      v.processedRows = n;
      void this.store.write(job);
    });
    v.totalRows = read.rows[ImportSheet.ENTERPRISES].length + read.rows[ImportSheet.PROJECTS].length + read.rows[ImportSheet.NEEDS].length;
    v.phase = 'validating';
    v.processedRows = 0;
    void this.store.write(job, true);
    // Which catalogue version the category codes are of: the 分类标准 column row by row, else the one the
    // category header (or a title row) names, else GIC-2019 (files made before versions were named).
    const catalogues = await loadCatalogues(this.dataSource.manager);
    const sheetVersion = resolveSheetVersion(read.layouts[ImportSheet.PROJECTS], catalogues);
    const blocking = [...read.headerErrors, ...(sheetVersion.error ? [sheetVersion.error] : [])];
    this.addErrors(job, blocking);
    this.addErrors(job, read.columnErrors);
    const plan = blocking.length ? null : await this.validate(job, actor, read, catalogues, sheetVersion.version);
    const order = new Map(SHEET_ORDER.map((sheet, i) => [read.layouts[sheet]?.sheet ?? sheet, i]));
    v.errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : (order.get(a.sheet) ?? 9) - (order.get(b.sheet) ?? 9) || a.sheet.localeCompare(b.sheet)));

    const finish = (status: ImportJobStatus, message: string | null) => {
      v.status = status;
      v.message = message;
      v.phase = 'done';
      v.finishedAt = new Date().toISOString();
    };
    if (!plan) return finish(ImportJobStatus.REJECTED, '表头与模板不符，未导入');
    if (v.mode === ImportMode.VALIDATE) {
      return finish(ImportJobStatus.DONE, v.errorCount ? `校验完成：${v.errorCount} 处错误，可修改后重新上传，或仅导入无误的行` : '校验通过，可以导入');
    }
    if (v.mode === ImportMode.IMPORT_ALL && v.errorCount) return finish(ImportJobStatus.REJECTED, `文件有 ${v.errorCount} 处错误，未导入任何数据`);

    v.phase = 'importing';
    v.processedRows = 0;
    v.totalRows = plan.enterprises.length + plan.projects.length + plan.needs.length;
    void this.store.write(job, true);
    // Each written batch's progress goes to the store, as the reading's does.
    const result = await this.writer.write(job, actor, plan, () => void this.store.write(job));
    v.result = result;
    const skipped = v.errorCount ? `；${v.errorCount} 处错误所在的行未导入` : '';
    finish(
      ImportJobStatus.DONE,
      `导入完成：企业新增${result.enterprises.created}、更新${result.enterprises.updated}；项目新增${result.projects.created}、更新${result.projects.updated}、未变${result.projects.unchanged + result.projects.skipped}；融资需求新增${result.needs.created}${skipped}`,
    );
  }

  /** The rows read, validated: the errors go to the job, which has then processed every row. */
  private async validate(job: Job, actor: Actor, read: ReadResult, catalogues: Catalogues, sheetVersion: string | undefined) {
    const { plan, errors } = await validateImport(this.dataSource.manager, actor, read, catalogues, sheetVersion);
    this.addErrors(job, errors);
    job.view.processedRows = job.view.totalRows;
    return plan;
  }

  /** The import template, offering the current catalogue version (the category header names it; the 分类标准 column lists every loaded one). */
  async template(): Promise<Buffer> {
    const catalogues = await loadCatalogues(this.dataSource.manager);
    const current = currentVersion(catalogues.versions, zhanjiangDate()) ?? catalogues.fallback;
    const codes = [...(catalogues.get(current)?.codes ?? [])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return buildTemplate({
      versions: catalogues.versions.map((v) => ({ version: v.version, name: v.name })),
      current,
      exampleCode: codes.includes('3.2.2') ? '3.2.2' : (codes[0] ?? '3.2.2'),
    });
  }
}
