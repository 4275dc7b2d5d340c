import { ImportRowError, ImportSheet, Role } from '@zj/shared';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { zhanjiangDate } from '../common/time';
import { investmentProblem, NEED_STATUSES_WITHIN_INVESTMENT, needAmountProblem } from '../financing-needs';
import { libraryScope } from '../projects';
import { CatalogueVersion, Catalogues } from './catalogue';
import { ColumnDef, ENTERPRISE_COLUMNS, NEED_COLUMNS, PROJECT_COLUMNS } from './columns';
import { EnterpriseRecord, NeedRecord, parseEnterpriseRow, parseNeedRow, parseProjectRow, ProjectRecord } from './row-rules';
import type { SheetLayout } from './sheet-layout';
import type { ReadResult } from './xlsx-reader';

/**
 * The validation of an import file's rows into an import plan: each row by its sheet's rules
 * (row-rules.ts), then across the sheets and against the library (credit codes of other
 * organisations or counties, duplicates, projects and needs whose enterprise or project has an
 * error or is missing, investment and need amounts); with the catalogue versions the category codes
 * are checked against and the version a 项目 sheet names.
 */

export const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

/** The rows of a file that passed validation, to be written: 企业, 项目 (with the county each is in), 融资需求; and the 项目 sheet's name as the file gives it. */
export interface ImportPlan {
  enterprises: EnterpriseRecord[];
  projects: (ProjectRecord & { divisionCode: string })[];
  needs: NeedRecord[];
  projectSheet: string;
}

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

/** The identity of an imported need: a re-import of the same row finds it again. */
export function needImportKey(n: Pick<NeedRecord, 'creditCode' | 'projectName' | 'instrument' | 'amount' | 'termMonths' | 'purpose'>): string {
  return createHash('sha256').update([n.creditCode, n.projectName ?? '', n.instrument, n.amount, n.termMonths, n.purpose].join('\u0000')).digest('hex');
}

/** Every loaded catalogue version with its codes. */
export async function loadCatalogues(m: EntityManager): Promise<Catalogues> {
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

/** Validates the rows read into the plan of what to write, and the row errors found, in the order found (a row with an error is not in the plan). */
export async function validateImport(
  m: EntityManager,
  actor: Actor,
  read: ReadResult,
  catalogues: Catalogues,
  sheetVersion: string | undefined,
): Promise<{ plan: ImportPlan; errors: ImportRowError[] }> {
  const { rows, layouts } = read;
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
  return { plan: { enterprises, projects, needs, projectSheet: sheetName(ImportSheet.PROJECTS) }, errors };
}
