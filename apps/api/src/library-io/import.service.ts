import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IMPORT_MAX_LISTED_ERRORS,
  ImportCounts,
  ImportJobStatus,
  ImportJobView,
  ImportMode,
  ImportRowError,
  ImportSheet,
  ProjectSource,
  ProjectStatus,
  ReviewAction,
  ReviewStage,
  Role,
} from '@zj/shared';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { zhanjiangDate } from '../common/time';
import { investmentProblem, NEED_STATUSES_WITHIN_INVESTMENT, needAmountProblem } from '../financing-needs/need-rules';
import { libraryScope } from '../projects/library-scope';
import { looksLikeZip } from '../projects/attachment-rules';
import { ProjectsService } from '../projects/projects.service';
import { longestPrefixRoute } from '../projects/review-routing';
import { CatalogueVersion, Catalogues, currentVersion } from './catalogue';
import { ColumnDef, ENTERPRISE_COLUMNS, NEED_COLUMNS, PROJECT_COLUMNS } from './columns';
import { buildTemplate } from './export.service';
import { LibraryIoErrorCode } from './library-io.errors';
import { EnterpriseRecord, NeedRecord, parseEnterpriseRow, parseNeedRow, parseProjectRow, ProjectRecord } from './row-rules';
import { ImportJobAnswer, ImportJobStore, RunningImportJob } from './import-jobs';
import type { SheetLayout } from './sheet-layout';
import { openImportFile, ReadResult, SpreadsheetError } from './xlsx-reader';
import { readImportFileInThread } from './xlsx-thread';
import type { ZipDirectory } from './xlsx-zip';

const BATCH = 500;
/** Serialises the write batches of concurrent imports, so two imports of one file create nothing twice. */
const IMPORT_LOCK = 7_261_003;

/** A job run by this process: its projectIds are the projects created or updated (and submitted), which the importer may pass on at once. */
interface Job extends RunningImportJob {
  /** Why the file was refused (a failed synchronous import answers it as an error). */
  refusal: SpreadsheetError | null;
  done: Promise<void>;
}

const SPREADSHEET_CODES: Record<SpreadsheetError['code'], LibraryIoErrorCode> = {
  CORRUPT: LibraryIoErrorCode.FILE_CORRUPT,
  EMPTY: LibraryIoErrorCode.FILE_EMPTY,
  NO_SHEETS: LibraryIoErrorCode.NO_TEMPLATE_SHEETS,
  TOO_MANY_ROWS: LibraryIoErrorCode.TOO_MANY_ROWS,
  TOO_LARGE: LibraryIoErrorCode.UNCOMPRESSED_TOO_LARGE,
  CELL_TOO_LONG: LibraryIoErrorCode.CELL_TOO_LONG,
};

/** The answer to a refused file: 413 for one that inflates beyond the limits, 400 otherwise. */
function refusal(e: SpreadsheetError): AppException {
  const status = e.code === 'TOO_LARGE' ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
  return new AppException(SPREADSHEET_CODES[e.code], e.message, status, [{ field: 'file', messages: [e.message] }]);
}

/** Row errors keep at most this much of a cell's value (a cell may hold 32,767 characters). */
const MAX_ERROR_VALUE = 100;

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 });
const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

const SAVE_AS_XLSX = '请用 WPS 表格、Microsoft Excel 或 LibreOffice Calc 打开它，点“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，保存后上传新文件（也可直接使用平台提供的模板）';

/** Why a file that is not an .xlsx workbook cannot be read, and how to make one of it; null for an .xlsx (or what claims to be one). */
export function notXlsxMessage(name: string, content: Buffer): string | null {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  // The OLE2 compound file signature: Excel 97-2003 (.xls), WPS (.et), or a workbook saved with an opening password.
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return `这是旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件${ext === 'xlsx' ? '（或设置了打开密码的工作簿，请先取消密码）' : ''}，平台只能读取 .xlsx：${SAVE_AS_XLSX}`;
  }
  if (ext === 'xlsx') return null;
  if (ext === 'csv' || ext === 'txt') return `这是 CSV 文本文件，平台只能读取 .xlsx：${SAVE_AS_XLSX}。打开 CSV 时如中文显示为乱码，请在导入向导中把编码选为 UTF-8 或 GBK`;
  if (ext === 'xls' || ext === 'et') return `这是旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件，平台只能读取 .xlsx：${SAVE_AS_XLSX}`;
  if (ext === 'ods') return `这是 OpenDocument（.ods）表格，平台只能读取 .xlsx：${SAVE_AS_XLSX}`;
  return `只支持 .xlsx 格式的 Excel 文件：${SAVE_AS_XLSX}`;
}

const SHEET_ORDER = [ImportSheet.ENTERPRISES, ImportSheet.PROJECTS, ImportSheet.NEEDS];

/**
 * The catalogue version a 项目 sheet names for rows that name none: in its category header's brackets
 * (绿色产业分类代码（GFC-2025）) or a title row (分类标准：GFC-2025). A bracket without a digit
 * (（三级）) is a remark, not a version; a version the platform has not loaded stops the import.
 */
export function resolveSheetVersion(layout: SheetLayout | undefined, catalogues: Catalogues): { version?: string; error?: ImportRowError } {
  const hint = layout?.versionHint?.trim();
  if (!layout || !hint) return {};
  const r = catalogues.resolve(hint);
  if ('version' in r) return { version: r.version };
  if (!/\d/.test(hint)) return {};
  const column = layout.headers.categories ?? '绿色产业分类代码';
  return { error: { sheet: layout.sheet, row: layout.headerRow, column, value: hint, message: `表头中的“${hint}”${r.problem.replace(/^“[^”]*”/, '')}` } };
}

/** Text that reads as CSV (UTF-8, commas or tabs on its first lines, no binary): an .xlsx that is a renamed CSV. */
function looksLikeCsv(content: Buffer): boolean {
  const head = content.subarray(0, 4096);
  if (head.includes(0)) return false;
  const text = head.toString('utf8');
  return !text.includes('\ufffd') && /[\r\n]/.test(text) && /^[^\r\n]*[,\t]/.test(text.replace(/^\ufeff/, ''));
}

/** The identity of an imported need: a re-import of the same row finds it again. */
export function needImportKey(n: Pick<NeedRecord, 'creditCode' | 'projectName' | 'instrument' | 'amount' | 'termMonths' | 'purpose'>): string {
  return createHash('sha256').update([n.creditCode, n.projectName ?? '', n.instrument, n.amount, n.termMonths, n.purpose].join('\u0000')).digest('hex');
}

@Injectable()
export class ImportService {
  private readonly logger = new Logger('LibraryImport');
  private readonly store: ImportJobStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
  ) {
    this.store = new ImportJobStore(dataSource);
  }

  /** Checks the upload, starts the job; waits for it unless `async`. */
  async start(actor: Actor, file: { originalname: string; buffer: Buffer } | undefined, mode: ImportMode, async: boolean): Promise<ImportJobAnswer> {
    if (!file) throw AppException.badRequest('请选择要导入的文件', LibraryIoErrorCode.FILE_REQUIRED, [{ field: 'file', messages: ['请选择要导入的文件'] }]);
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    if (!file.buffer.length) throw AppException.badRequest('文件是空的', LibraryIoErrorCode.FILE_EMPTY, [{ field: 'file', messages: ['文件是空的'] }]);
    // An old .xls, a CSV and the like answer how to save them as .xlsx.
    const other = notXlsxMessage(name, file.buffer) ?? (!looksLikeZip(file.buffer) && looksLikeCsv(file.buffer) ? `文件内容是 CSV 文本而不是 .xlsx 工作簿：${SAVE_AS_XLSX}` : null);
    if (other) throw AppException.badRequest(other, LibraryIoErrorCode.FILE_TYPE, [{ field: 'file', messages: [other] }]);
    if (!looksLikeZip(file.buffer)) throw AppException.badRequest('文件已损坏或不是有效的 Excel（.xlsx）文件', LibraryIoErrorCode.FILE_CORRUPT, [{ field: 'file', messages: ['文件内容不是 .xlsx'] }]);
    // The zip's directory, checked before anything is inflated: sizes (a cheap file can inflate to gigabytes), parts.
    let zip: ZipDirectory;
    try {
      zip = openImportFile(file.buffer);
    } catch (e) {
      throw e instanceof SpreadsheetError ? refusal(e) : e;
    }
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
    const catalogues = await this.catalogues();
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
    const result = { enterprises: counts(), projects: counts(), needs: counts() };
    await this.writeEnterprises(job, actor, plan.enterprises, result.enterprises);
    await this.writeProjects(job, actor, plan, result.projects);
    await this.writeNeeds(job, actor, plan.needs, result.needs);
    v.result = result;
    const skipped = v.errorCount ? `；${v.errorCount} 处错误所在的行未导入` : '';
    finish(
      ImportJobStatus.DONE,
      `导入完成：企业新增${result.enterprises.created}、更新${result.enterprises.updated}；项目新增${result.projects.created}、更新${result.projects.updated}、未变${result.projects.unchanged + result.projects.skipped}；融资需求新增${result.needs.created}${skipped}`,
    );
  }

  // ------------------------------------------------------------------ validation

  /** Every loaded catalogue version with its codes. */
  private async catalogues(): Promise<Catalogues> {
    const m = this.dataSource.manager;
    const versions: { version: string; name: string; effectiveFrom: string | null }[] = await m.query(
      `SELECT version, name, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom" FROM taxonomy_versions ORDER BY version`,
    );
    const codes: { version: string; code: string; level: number }[] = await m.query('SELECT version, code, level FROM taxonomy_categories');
    const loaded: CatalogueVersion[] = versions.map((v) => ({
      ...v,
      codes: new Set(codes.filter((c) => c.version === v.version && c.level === 3).map((c) => c.code)),
      upperCodes: new Set(codes.filter((c) => c.version === v.version && c.level < 3).map((c) => c.code)),
    }));
    return Catalogues.of(loaded, zhanjiangDate());
  }

  /** The import template, offering the current catalogue version (the category header names it; the 分类标准 column lists every loaded one). */
  async template(): Promise<Buffer> {
    const catalogues = await this.catalogues();
    const current = currentVersion(catalogues.versions, zhanjiangDate()) ?? catalogues.fallback;
    const codes = [...(catalogues.get(current)?.codes ?? [])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return buildTemplate({
      versions: catalogues.versions.map((v) => ({ version: v.version, name: v.name })),
      current,
      exampleCode: codes.includes('3.2.2') ? '3.2.2' : (codes[0] ?? '3.2.2'),
    });
  }

  private async validate(job: Job, actor: Actor, read: ReadResult, catalogues: Catalogues, sheetVersion: string | undefined) {
    const { rows, layouts } = read;
    const m = this.dataSource.manager;
    const scope = await libraryScope(m, actor);
    const county = actor.role === Role.COUNTY ? scope.divisionCode : null;
    const today = zhanjiangDate();
    const errors: ImportRowError[] = [];
    // Sheets and columns as the file names them (企业信息, 总投资（元）), the template's names otherwise.
    const sheetName = (sheet: ImportSheet) => layouts[sheet]?.sheet ?? sheet;
    const COLUMNS: Record<ImportSheet, ColumnDef[]> = { [ImportSheet.ENTERPRISES]: ENTERPRISE_COLUMNS, [ImportSheet.PROJECTS]: PROJECT_COLUMNS, [ImportSheet.NEEDS]: NEED_COLUMNS };
    const col = (sheet: ImportSheet, key: string) => layouts[sheet]?.headers[key] ?? COLUMNS[sheet].find((c) => c.key === key)!.header;
    const err = (sheet: ImportSheet, row: number, column: string, value: string | null, message: string) => errors.push({ sheet: sheetName(sheet), row, column, value, message });
    const ctx = (sheet: ImportSheet) => ({ layout: layouts[sheet] });

    // Existing organisations of every credit code in the file.
    const allCodes = [...new Set(Object.values(rows).flatMap((rs) => rs.map((r) => (r.cells.creditCode ?? '').trim().toUpperCase()).filter(Boolean)))];
    const existing = new Map<string, { id: string; type: string; division_code: string | null }>();
    for (let i = 0; i < allCodes.length; i += 5000) {
      const found = await m.query('SELECT id, type, credit_code, division_code FROM organizations WHERE credit_code = ANY($1)', [allCodes.slice(i, i + 5000)]);
      for (const o of found) existing.set(o.credit_code, o);
    }

    // 企业
    const enterprises: EnterpriseRecord[] = [];
    const entRow = new Map<string, number>();
    const badEnt = new Map<string, number>();
    for (const raw of rows[ImportSheet.ENTERPRISES]) {
      const { record, errors: e } = parseEnterpriseRow(raw, ctx(ImportSheet.ENTERPRISES));
      const code = (raw.cells.creditCode ?? '').trim().toUpperCase();
      const rowErrors = [...e];
      if (record) {
        const header = col(ImportSheet.ENTERPRISES, 'creditCode');
        const sheet = sheetName(ImportSheet.ENTERPRISES);
        const prev = entRow.get(record.creditCode);
        const ex = existing.get(record.creditCode);
        if (prev) rowErrors.push({ sheet, row: raw.row, column: header, value: record.creditCode, message: `与第${prev}行重复` });
        else if (ex && ex.type !== 'ENTERPRISE') rowErrors.push({ sheet, row: raw.row, column: header, value: record.creditCode, message: '该信用代码属于非企业机构' });
        else if (county && ex && ex.division_code !== county) rowErrors.push({ sheet, row: raw.row, column: header, value: record.creditCode, message: '该企业属于其他县（市、区），不能修改' });
        else if (county && record.divisionCode !== county) {
          rowErrors.push({ sheet, row: raw.row, column: col(ImportSheet.ENTERPRISES, 'division'), value: raw.cells.division, message: '只能导入本县（市、区）的企业' });
        }
      }
      if (rowErrors.length || !record) {
        errors.push(...rowErrors);
        if (code && !badEnt.has(code)) badEnt.set(code, raw.row);
      } else {
        entRow.set(record.creditCode, raw.row);
        enterprises.push(record);
      }
    }
    const entDivision = new Map<string, string>(enterprises.map((e) => [e.creditCode, e.divisionCode]));

    // Which enterprise a project or need row may refer to: in the file (valid) or already registered (and, for a county, its own).
    const enterpriseRef = (sheet: ImportSheet, raw: { row: number; cells: Record<string, string> }, code: string, header: string): string | null => {
      if (entDivision.has(code)) return entDivision.get(code)!;
      const bad = badEnt.get(code);
      if (bad) {
        err(sheet, raw.row, header, code, `所属企业（“${sheetName(ImportSheet.ENTERPRISES)}”工作表第${bad}行）有错误`);
        return null;
      }
      const ex = existing.get(code);
      if (!ex || ex.type !== 'ENTERPRISE') {
        err(sheet, raw.row, header, code, `企业尚未登记，请在“${sheetName(ImportSheet.ENTERPRISES)}”工作表中填写`);
        return null;
      }
      if (county && ex.division_code !== county) {
        err(sheet, raw.row, header, code, '该企业属于其他县（市、区）');
        return null;
      }
      return ex.division_code ?? '';
    };

    // 项目
    const projects: (ProjectRecord & { divisionCode: string })[] = [];
    const projRow = new Map<string, number>();
    const badProj = new Map<string, number>();
    // The largest need of each project of the sheet already in the library: a row may not lower its investment under it (issue 14).
    const largestNeed = new Map<string, string>();
    const projectRefs = rows[ImportSheet.PROJECTS].map((r) => ({ code: (r.cells.creditCode ?? '').trim().toUpperCase(), name: (r.cells.name ?? '').trim() })).filter((x) => x.code && x.name);
    if (projectRefs.length) {
      const found: { credit_code: string; name: string; largest: string }[] = await m.query(
        `SELECT o.credit_code, p.name, max(n.amount)::text AS largest FROM projects p JOIN organizations o ON o.id = p.enterprise_org_id
           JOIN financing_needs n ON n.project_id = p.id AND n.status = ANY($3::text[])
          WHERE (o.credit_code, p.name) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[])) GROUP BY 1, 2`,
        [projectRefs.map((x) => x.code), projectRefs.map((x) => x.name), NEED_STATUSES_WITHIN_INVESTMENT],
      );
      for (const f of found) largestNeed.set(pairKey(f.credit_code, f.name), f.largest);
    }
    for (const raw of rows[ImportSheet.PROJECTS]) {
      const before = errors.length;
      const { record, errors: e } = parseProjectRow(raw, { catalogues, sheetVersion }, ctx(ImportSheet.PROJECTS));
      errors.push(...e);
      const code = (raw.cells.creditCode ?? '').trim().toUpperCase();
      const name = (raw.cells.name ?? '').trim();
      if (record) {
        const entDiv = enterpriseRef(ImportSheet.PROJECTS, raw, record.creditCode, col(ImportSheet.PROJECTS, 'creditCode'));
        const key = pairKey(record.creditCode, record.name);
        const prev = projRow.get(key);
        if (prev) err(ImportSheet.PROJECTS, raw.row, col(ImportSheet.PROJECTS, 'name'), record.name, `与第${prev}行重复（同一企业的同名项目）`);
        const division = record.divisionCode ?? entDiv;
        if (entDiv !== null && !division) err(ImportSheet.PROJECTS, raw.row, col(ImportSheet.PROJECTS, 'division'), null, '请填写项目所在县（市、区）');
        if (county && division && division !== county) err(ImportSheet.PROJECTS, raw.row, col(ImportSheet.PROJECTS, 'division'), raw.cells.division, '只能导入本县（市、区）的项目');
        const low = investmentProblem(record.totalInvestment, largestNeed.get(key));
        if (low) err(ImportSheet.PROJECTS, raw.row, col(ImportSheet.PROJECTS, 'totalInvestment'), raw.cells.totalInvestment ?? null, low);
        if (errors.length === before) {
          projRow.set(key, raw.row);
          projects.push({ ...record, divisionCode: division! });
        }
      }
      // a bad row poisons needs that refer to it, unless a valid row of the same project came first
      if (errors.length !== before && code && name && !projRow.has(pairKey(code, name))) badProj.set(pairKey(code, name), raw.row);
    }

    // Existing projects of the enterprises named by need rows (for needs on projects not in the file).
    const needProjectRefs = rows[ImportSheet.NEEDS].map((r) => ({ code: (r.cells.creditCode ?? '').trim().toUpperCase(), name: (r.cells.projectName ?? '').trim() })).filter((x) => x.code && x.name && !projRow.has(pairKey(x.code, x.name)));
    const existingProjects = new Set<string>();
    // Each project's total investment, from the sheet or the library: a need asks for no more (issue 14).
    const investmentOf = new Map<string, string>(projects.map((p) => [pairKey(p.creditCode, p.name), p.totalInvestment]));
    if (needProjectRefs.length) {
      const found = await m.query(
        `SELECT o.credit_code, p.name, p.total_investment::text AS total_investment FROM projects p JOIN organizations o ON o.id = p.enterprise_org_id
          WHERE (o.credit_code, p.name) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[])) AND p.status <> 'ARCHIVED'`,
        [needProjectRefs.map((x) => x.code), needProjectRefs.map((x) => x.name)],
      );
      for (const f of found) {
        existingProjects.add(pairKey(f.credit_code, f.name));
        investmentOf.set(pairKey(f.credit_code, f.name), f.total_investment);
      }
    }

    // 融资需求
    const needs: NeedRecord[] = [];
    const needRow = new Map<string, number>();
    for (const raw of rows[ImportSheet.NEEDS]) {
      const before = errors.length;
      const { record, errors: e } = parseNeedRow(raw, today, ctx(ImportSheet.NEEDS));
      errors.push(...e);
      if (record) {
        enterpriseRef(ImportSheet.NEEDS, raw, record.creditCode, col(ImportSheet.NEEDS, 'creditCode'));
        if (record.projectName && errors.length === before) {
          const key = pairKey(record.creditCode, record.projectName);
          const bad = badProj.get(key);
          if (bad) err(ImportSheet.NEEDS, raw.row, col(ImportSheet.NEEDS, 'projectName'), record.projectName, `所属项目（“${sheetName(ImportSheet.PROJECTS)}”工作表第${bad}行）有错误`);
          else if (!projRow.has(key) && !existingProjects.has(key)) err(ImportSheet.NEEDS, raw.row, col(ImportSheet.NEEDS, 'projectName'), record.projectName, `该企业没有这个项目，请在“${sheetName(ImportSheet.PROJECTS)}”工作表中填写`);
          else {
            const above = needAmountProblem(record.amount, investmentOf.get(key));
            if (above) err(ImportSheet.NEEDS, raw.row, col(ImportSheet.NEEDS, 'amount'), raw.cells.amount ?? null, above);
          }
        }
        const k = needImportKey(record);
        const prev = needRow.get(k);
        if (prev && errors.length === before) err(ImportSheet.NEEDS, raw.row, col(ImportSheet.NEEDS, 'amount'), record.amount, `与第${prev}行重复`);
        if (errors.length === before) {
          needRow.set(k, raw.row);
          needs.push(record);
        }
      }
    }
    this.addErrors(job, errors);
    job.view.processedRows = job.view.totalRows;
    return { enterprises, projects, needs, projectSheet: sheetName(ImportSheet.PROJECTS) };
  }

  // ------------------------------------------------------------------ writes, in batches (each its own transaction with an audit row)

  private async batch(job: Job, actor: Actor, sheet: string, fn: (m: EntityManager) => Promise<{ ids: string[]; rows: number }>) {
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const { ids, rows } = await fn(m);
      await this.audit.record(m, actor, { action: 'library.import', entityType: 'import_job', entityId: job.view.id, after: { sheet, rows, mode: job.view.mode, fileName: job.view.fileName, ids } });
      job.view.processedRows += rows;
    });
    void this.store.write(job);
  }

  private async writeEnterprises(job: Job, actor: Actor, records: EnterpriseRecord[], c: ImportCounts) {
    for (let i = 0; i < records.length; i += BATCH) {
      const chunk = records.slice(i, i + BATCH);
      await this.batch(job, actor, ImportSheet.ENTERPRISES, async (m) => {
        const codes = chunk.map((r) => r.creditCode);
        const found: { id: string; credit_code: string }[] = await m.query('SELECT id, credit_code FROM organizations WHERE credit_code = ANY($1)', [codes]);
        const idOf = new Map(found.map((o) => [o.credit_code, o.id]));
        const missing = chunk.filter((r) => !idOf.has(r.creditCode));
        if (missing.length) {
          const inserted: { id: string; credit_code: string }[] = await m.query(
            `INSERT INTO organizations (type, name, credit_code, division_code)
             SELECT 'ENTERPRISE', x.name, x.code, x.div FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS x(name, code, div)
             RETURNING id, credit_code`,
            [missing.map((r) => r.name), missing.map((r) => r.creditCode), missing.map((r) => r.divisionCode)],
          );
          for (const o of inserted) idOf.set(o.credit_code, o.id);
        }
        const ids = chunk.map((r) => idOf.get(r.creditCode)!);
        const profiles: Record<string, unknown>[] = await m.query('SELECT * FROM enterprise_profiles WHERE organization_id = ANY($1)', [ids]);
        const profileOf = new Map(profiles.map((p) => [p.organization_id as string, p]));
        for (const r of chunk) {
          const orgId = idOf.get(r.creditCode)!;
          const fields: Record<string, unknown> = {
            industry_section: r.industrySection,
            industry_division: r.industryDivision,
            size: r.size,
            registered_capital: r.registeredCapital,
            contact_name: r.contactName,
            contact_phone: r.contactPhone,
            contact_email: r.contactEmail,
            env_credit_rating: r.envCreditRating,
            carbon_emissions_t: r.carbonEmissionsT,
            carbon_intensity: r.carbonIntensity,
            carbon_year: r.carbonYear,
            env_disclosure: r.envDisclosure,
          };
          // Empty cells do not erase what is already known.
          const given = Object.entries(fields).filter(([, val]) => val !== null);
          const prof = profileOf.get(orgId);
          if (!prof) {
            const cols = ['organization_id', 'created_by_org_id', ...given.map(([k]) => k)];
            const vals = [orgId, actor.organizationId, ...given.map(([, val]) => val)];
            await m.query(`INSERT INTO enterprise_profiles (${cols.join(', ')}) VALUES (${cols.map((_, j) => `$${j + 1}`).join(', ')})`, vals);
            if (missing.includes(r)) c.created++;
            else c.updated++;
            continue;
          }
          // A department updates only the profiles it registered; the enterprise's own data stays.
          if (actor.role === Role.DEPARTMENT && prof.created_by_org_id !== actor.organizationId) {
            c.skipped++;
            continue;
          }
          const changed = given.filter(([k, val]) => String(prof[k] ?? '') !== String(val) && !(typeof prof[k] === 'string' && typeof val === 'string' && Number(prof[k]) === Number(val) && /^[\d.]+$/.test(val)));
          if (!changed.length) {
            c.unchanged++;
            continue;
          }
          await m.query(
            `UPDATE enterprise_profiles SET ${changed.map(([k], j) => `${k} = $${j + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE organization_id = $1`,
            [orgId, ...changed.map(([, val]) => val)],
          );
          c.updated++;
        }
        return { ids, rows: chunk.length };
      });
    }
  }

  private async writeProjects(job: Job, actor: Actor, plan: { projects: (ProjectRecord & { divisionCode: string })[]; projectSheet: string }, c: ImportCounts) {
    const m0 = this.dataSource.manager;
    // Review routes of each catalogue version (a version without routes goes to the bureau).
    const routes: { version: string; prefix: string; departmentOrgId: string }[] = await m0.query(`SELECT taxonomy_version AS version, prefix, department_org_id AS "departmentOrgId" FROM review_routes`);
    const [bureau] = await m0.query(`SELECT id FROM organizations WHERE unit_code = 'finance-bureau'`);
    const [names] = await m0.query('SELECT u.display_name, o.name FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1', [actor.userId]);
    const dept = (version: string, code: string) =>
      longestPrefixRoute(
        routes.filter((r) => r.version === version),
        code,
      )?.departmentOrgId ?? bureau.id;
    const isCounty = actor.role === Role.COUNTY;
    const source = isCounty ? ProjectSource.COUNTY_SUBMITTED : ProjectSource.DEPARTMENT_RECOMMENDED;
    const stage = isCounty ? ReviewStage.COUNTY : ReviewStage.DEPARTMENT;

    for (let i = 0; i < plan.projects.length; i += BATCH) {
      const chunk = plan.projects.slice(i, i + BATCH);
      await this.batch(job, actor, ImportSheet.PROJECTS, async (m) => {
        const codes = [...new Set(chunk.map((r) => r.creditCode))];
        const orgs: { id: string; credit_code: string; is_demo: boolean }[] = await m.query('SELECT id, credit_code, is_demo FROM organizations WHERE credit_code = ANY($1)', [codes]);
        const orgOf = new Map(orgs.map((o) => [o.credit_code, o.id]));
        const existing: { id: string; enterprise_org_id: string; name: string; status: ProjectStatus; submitted_by_org_id: string; total_investment: string; stage: string; primary_category_version: string; primary_category_code: string; location: string | null; description: string | null }[] =
          await m.query(
            `SELECT id, enterprise_org_id, name, status, submitted_by_org_id, total_investment, stage, primary_category_version, primary_category_code, location, description FROM projects
              WHERE (enterprise_org_id, name) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[])) FOR UPDATE`,
            [chunk.map((r) => orgOf.get(r.creditCode)), chunk.map((r) => r.name)],
          );
        const exOf = new Map(existing.map((p) => [pairKey(p.enterprise_org_id, p.name), p]));
        const fresh: (ProjectRecord & { divisionCode: string; orgId: string })[] = [];
        const touched: string[] = [];
        const events: unknown[][] = [];
        const ev = (projectId: string, action: ReviewAction, from: ProjectStatus | null, to: ProjectStatus, st: ReviewStage | null) =>
          events.push([projectId, action, from, to, st, actor.userId, names?.display_name ?? null, actor.organizationId, names?.name ?? null, `批量导入：${job.view.fileName}`]);
        for (const r of chunk) {
          const orgId = orgOf.get(r.creditCode)!;
          const ex = exOf.get(pairKey(orgId, r.name));
          if (!ex) {
            fresh.push({ ...r, orgId });
            continue;
          }
          const same = Number(ex.total_investment) === Number(r.totalInvestment) && ex.stage === r.stage && ex.primary_category_version === r.taxonomyVersion && ex.primary_category_code === r.categories[0] && (ex.location ?? null) === r.location && (ex.description ?? null) === r.description;
          const editable = ex.status === ProjectStatus.DRAFT || ex.status === ProjectStatus.RETURNED;
          if (!editable) {
            if (same) c.unchanged++;
            else {
              c.skipped++;
              if (job.notices.length < 200) job.notices.push(`“${plan.projectSheet}”第${r.row}行：${r.name} 已${ex.status === ProjectStatus.LISTED ? '入库' : '提交审核或归档'}，未按文件修改`);
            }
            continue;
          }
          const d = dept(r.taxonomyVersion, r.categories[0]);
          const reviewer = stage === ReviewStage.COUNTY ? actor.organizationId : d;
          await m.query(
            `UPDATE projects SET division_code = $2, location = $3, description = $4, stage = $5, total_investment = $6, construction_start = $7, construction_end = $8,
                    co2_avoided_t = $9, coal_saved_tce = $10, water_saved_t = $11, tags = $12, green_building_stars = $13, primary_category_version = $14, primary_category_code = $15,
                    department_org_id = $16, status = 'SUBMITTED', review_stage = $17, reviewer_org_id = $18, submitted_at = now(), return_reasons = NULL,
                    source = $19, submitted_by_org_id = $20, category_terms = $21, version = version + 1, updated_at = now()
              WHERE id = $1`,
            [
              ex.id, r.divisionCode, r.location, r.description, r.stage, r.totalInvestment, r.constructionStart, r.constructionEnd, r.co2AvoidedT, r.coalSavedTce, r.waterSavedT, r.tags,
              r.greenBuildingStars, r.taxonomyVersion, r.categories[0], d, stage, reviewer, source, actor.organizationId, await this.projects.categoryTermsOf(m, r.taxonomyVersion, r.categories),
            ],
          );
          await m.query('DELETE FROM project_categories WHERE project_id = $1', [ex.id]);
          await m.query(
            `INSERT INTO project_categories (project_id, taxonomy_version, code, is_primary) SELECT $1, $2, x.code, x.ord = 1 FROM unnest($3::varchar[]) WITH ORDINALITY AS x(code, ord)`,
            [ex.id, r.taxonomyVersion, r.categories],
          );
          ev(ex.id, ReviewAction.UPDATE, ex.status, ex.status, null);
          ev(ex.id, ReviewAction.SUBMIT, ex.status, ProjectStatus.SUBMITTED, stage);
          touched.push(ex.id);
          c.updated++;
        }
        if (fresh.length) {
          const cols = {
            enterprise: fresh.map((r) => r.orgId),
            name: fresh.map((r) => r.name),
            division: fresh.map((r) => r.divisionCode),
            location: fresh.map((r) => r.location),
            description: fresh.map((r) => r.description),
            stage: fresh.map((r) => r.stage),
            total: fresh.map((r) => r.totalInvestment),
            cstart: fresh.map((r) => r.constructionStart),
            cend: fresh.map((r) => r.constructionEnd),
            co2: fresh.map((r) => r.co2AvoidedT),
            coal: fresh.map((r) => r.coalSavedTce),
            water: fresh.map((r) => r.waterSavedT),
            tags: fresh.map((r) => `{${r.tags.map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}`),
            stars: fresh.map((r) => r.greenBuildingStars),
            primary: fresh.map((r) => r.categories[0]),
            dept: fresh.map((r) => dept(r.taxonomyVersion, r.categories[0])),
            version: fresh.map((r) => r.taxonomyVersion),
            terms: [] as string[],
          };
          for (const r of fresh) cols.terms.push(await this.projects.categoryTermsOf(m, r.taxonomyVersion, r.categories));
          const reviewers = fresh.map((r, j) => (stage === ReviewStage.COUNTY ? actor.organizationId : cols.dept[j]));
          const inserted: { id: string; enterprise_org_id: string; name: string }[] = await m.query(
            `INSERT INTO projects (enterprise_org_id, name, division_code, location, description, stage, total_investment, construction_start, construction_end,
                                   co2_avoided_t, coal_saved_tce, water_saved_t, tags, green_building_stars, primary_category_version, primary_category_code,
                                   department_org_id, reviewer_org_id, source, submitted_by_org_id, status, review_stage, submitted_at, category_terms)
             SELECT x.enterprise, x.name, x.division, x.location, x.description, x.stage, x.total, x.cstart, x.cend, x.co2, x.coal, x.water, x.tags::text[], x.stars,
                    x.ver, x.prim, x.dept, x.reviewer, $18, $19, 'SUBMITTED', $20, now(), x.terms
               FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[], $7::numeric[], $8::date[], $9::date[],
                           $10::numeric[], $11::numeric[], $12::numeric[], $13::text[], $14::smallint[], $15::varchar[], $16::uuid[], $21::uuid[], $17::varchar[], $22::text[])
                 AS x(enterprise, name, division, location, description, stage, total, cstart, cend, co2, coal, water, tags, stars, prim, dept, reviewer, ver, terms)
             RETURNING id, enterprise_org_id, name`,
            [
              cols.enterprise, cols.name, cols.division, cols.location, cols.description, cols.stage, cols.total, cols.cstart, cols.cend,
              cols.co2, cols.coal, cols.water, cols.tags, cols.stars, cols.primary, cols.dept, cols.version, source, actor.organizationId, stage, reviewers, cols.terms,
            ],
          );
          const idOf = new Map(inserted.map((p) => [pairKey(p.enterprise_org_id, p.name), p.id]));
          const catP: string[] = [];
          const catC: string[] = [];
          const catPrim: boolean[] = [];
          const catV: string[] = [];
          for (const r of fresh) {
            const id = idOf.get(pairKey(r.orgId, r.name))!;
            r.categories.forEach((code, j) => {
              catP.push(id);
              catC.push(code);
              catPrim.push(j === 0);
              catV.push(r.taxonomyVersion);
            });
            ev(id, ReviewAction.CREATE, null, ProjectStatus.DRAFT, null);
            ev(id, ReviewAction.SUBMIT, ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, stage);
            touched.push(id);
          }
          await m.query(
            `INSERT INTO project_categories (project_id, taxonomy_version, code, is_primary) SELECT x.p, x.v, x.c, x.pr FROM unnest($1::uuid[], $2::varchar[], $3::boolean[], $4::varchar[]) AS x(p, c, pr, v)`,
            [catP, catC, catPrim, catV],
          );
          c.created += fresh.length;
        }
        if (events.length) {
          const colsOf = (k: number) => events.map((e) => e[k]);
          await m.query(
            `INSERT INTO project_review_events (project_id, action, from_status, to_status, review_stage, actor_user_id, actor_name, actor_org_id, actor_org_name, comment)
             SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::uuid[], $7::varchar[], $8::uuid[], $9::varchar[], $10::text[])`,
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(colsOf),
          );
        }
        job.projectIds.push(...touched);
        return { ids: touched, rows: chunk.length };
      });
    }
  }

  private async writeNeeds(job: Job, actor: Actor, records: NeedRecord[], c: ImportCounts) {
    for (let i = 0; i < records.length; i += BATCH) {
      const chunk = records.slice(i, i + BATCH);
      await this.batch(job, actor, ImportSheet.NEEDS, async (m) => {
        const codes = [...new Set(chunk.map((r) => r.creditCode))];
        const orgs: { id: string; credit_code: string }[] = await m.query('SELECT id, credit_code FROM organizations WHERE credit_code = ANY($1)', [codes]);
        const orgOf = new Map(orgs.map((o) => [o.credit_code, o.id]));
        const named = chunk.filter((r) => r.projectName);
        const projects: { id: string; enterprise_org_id: string; name: string }[] = named.length
          ? await m.query(`SELECT id, enterprise_org_id, name FROM projects WHERE (enterprise_org_id, name) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))`, [
              named.map((r) => orgOf.get(r.creditCode)),
              named.map((r) => r.projectName),
            ])
          : [];
        const projOf = new Map(projects.map((p) => [pairKey(p.enterprise_org_id, p.name), p.id]));
        const keys = chunk.map((r) => needImportKey(r));
        const existing: { enterprise_org_id: string; import_key: string }[] = await m.query(
          'SELECT enterprise_org_id, import_key FROM financing_needs WHERE import_key = ANY($1)',
          [keys],
        );
        const have = new Set(existing.map((e) => pairKey(e.enterprise_org_id, e.import_key)));
        const fresh = chunk.map((r, j) => ({ r, key: keys[j], orgId: orgOf.get(r.creditCode)! })).filter((x) => !have.has(pairKey(x.orgId, x.key)));
        c.unchanged += chunk.length - fresh.length;
        let ids: string[] = [];
        if (fresh.length) {
          const rows: { id: string }[] = await m.query(
            `INSERT INTO financing_needs (enterprise_org_id, project_id, amount, term_months, instrument, purpose, collateral, max_rate_percent, wanted_by, sharing,
                                          sharing_consented_at, status, created_by_org_id, import_key)
             SELECT x.org, x.project, x.amount, x.term, x.instrument, x.purpose, x.collateral::text[], x.rate, x.wanted, x.sharing,
                    CASE WHEN x.sharing = 'NOT_SHARED' THEN NULL ELSE now() END, 'OPEN', $12, x.key
               FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::int[], $5::varchar[], $6::varchar[], $7::text[], $8::numeric[], $9::date[], $10::varchar[], $11::varchar[])
                 AS x(org, project, amount, term, instrument, purpose, collateral, rate, wanted, sharing, key)
             RETURNING id`,
            [
              fresh.map((x) => x.orgId),
              fresh.map((x) => (x.r.projectName ? (projOf.get(pairKey(x.orgId, x.r.projectName)) ?? null) : null)),
              fresh.map((x) => x.r.amount),
              fresh.map((x) => x.r.termMonths),
              fresh.map((x) => x.r.instrument),
              fresh.map((x) => x.r.purpose),
              fresh.map((x) => `{${x.r.collateral.join(',')}}`),
              fresh.map((x) => x.r.maxRatePercent),
              fresh.map((x) => x.r.wantedBy),
              fresh.map((x) => x.r.sharing),
              fresh.map((x) => x.key),
              actor.organizationId,
            ],
          );
          ids = rows.map((r) => r.id);
          c.created += fresh.length;
        }
        return { ids, rows: chunk.length };
      });
    }
  }
}
