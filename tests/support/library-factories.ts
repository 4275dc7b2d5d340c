import ExcelJS from 'exceljs';
import { Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { ENTERPRISE_COLUMNS, headerText, NEED_COLUMNS, PROJECT_COLUMNS } from '../../apps/api/src/library-io/columns';
import { Session, TestApp } from './test-app';

/** The id of a seeded government unit (e.g. 'transport', 'housing-construction', 'finance-bureau'). */
export async function unitOrgId(app: TestApp, unitCode: string): Promise<string> {
  const [row] = await app.dataSource.query('SELECT id FROM organizations WHERE unit_code = $1', [unitCode]);
  if (!row) throw new Error(`no unit ${unitCode}`);
  return row.id;
}

/** A department reviewer of a seeded unit. */
export async function departmentUser(app: TestApp, unitCode: string): Promise<Session> {
  return app.userWithRole(Role.DEPARTMENT, { organizationId: await unitOrgId(app, unitCode) });
}

export const uniq = () => randomUUID().slice(0, 6);

/** A valid project body; category 5.2.2 (绿色交通 → 交通运输局) unless told otherwise. */
export function projectBody(o: Record<string, unknown> = {}) {
  return {
    name: `测试港口岸电项目${uniq()}`,
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '4500.00',
    location: '湛江市霞山区港区',
    description: '港口岸电设施建设，减少船舶靠港燃油消耗',
    co2AvoidedT: '3800',
    tags: ['重大基础设施'],
    categories: [{ version: 'GIC-2019', code: '5.2.2' }],
    ...o,
  };
}

export function needBody(o: Record<string, unknown> = {}) {
  return {
    amount: '3000.00',
    termMonths: 96,
    instrument: 'LOAN',
    purpose: '岸电电源及船舶受电设施改造',
    collateral: ['RECEIVABLES'],
    maxRatePercent: '3.60',
    sharing: 'ALL_BANKS',
    ...o,
  };
}

/** Creates a project as `s` and answers its body. */
export async function createProject(app: TestApp, s: Session, o: Record<string, unknown> = {}) {
  const res = await app.http.post('/api/v1/projects').set(s.auth).send(projectBody(o));
  if (res.status !== 201) throw new Error(`create project failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Creates and submits a project as an enterprise user; answers the submitted project, which waits for
 * the first review of the county of its division (reviewStage COUNTY; see countyPassed).
 */
export async function submittedProject(app: TestApp, s: Session, o: Record<string, unknown> = {}) {
  const p = await createProject(app, s, o);
  const res = await app.http.post(`/api/v1/projects/${p.id}/submit`).set(s.auth).send({});
  if (res.status !== 200) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const countySessions = new WeakMap<TestApp, Map<string, Promise<Session>>>();

/** A reviewer of a county organisation (by id; one session per organisation and app). */
export function countyReviewer(app: TestApp, organizationId: string): Promise<Session> {
  const byOrg = countySessions.get(app) ?? new Map<string, Promise<Session>>();
  countySessions.set(app, byOrg);
  if (!byOrg.has(organizationId)) byOrg.set(organizationId, app.userWithRole(Role.COUNTY, { organizationId }));
  return byOrg.get(organizationId)!;
}

/** A reviewer of the county (县区) of a division that reviews its enterprises' submissions first (reference organisation county-<code>). */
export async function countyUser(app: TestApp, divisionCode: string): Promise<Session> {
  return countyReviewer(app, await unitOrgId(app, `county-${divisionCode}`));
}

/**
 * An enterprise's project submitted and passed on by its county's first review: it waits for the
 * routed department (reviewStage DEPARTMENT). Answers the project as the county's PASS answered it.
 */
export async function countyPassed(app: TestApp, s: Session, o: Record<string, unknown> = {}) {
  const p = await submittedProject(app, s, o);
  if (p.reviewStage !== 'COUNTY') return p;
  const county = await countyReviewer(app, p.reviewerOrgId);
  const res = await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'PASS', version: p.version });
  if (res.status !== 200) throw new Error(`county pass failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}


/** Builds an import .xlsx from rows keyed by column key (only the given sheets). */
export async function importFile(sheets: { enterprises?: Record<string, unknown>[]; projects?: Record<string, unknown>[]; needs?: Record<string, unknown>[] }, opts: { formulaAt?: { sheet: 'projects'; row: number; key: string } } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const add = (name: string, cols: typeof ENTERPRISE_COLUMNS, rows: Record<string, unknown>[] | undefined, kind: string) => {
    if (!rows) return;
    const ws = wb.addWorksheet(name);
    ws.columns = cols.map((c) => ({ header: headerText(c), key: c.key }));
    rows.forEach((r, i) => {
      const row = ws.addRow(r);
      if (opts.formulaAt && opts.formulaAt.sheet === kind && opts.formulaAt.row === i) {
        row.getCell(cols.findIndex((c) => c.key === opts.formulaAt!.key) + 1).value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
      }
    });
  };
  add('企业', ENTERPRISE_COLUMNS, sheets.enterprises, 'enterprises');
  add('项目', PROJECT_COLUMNS, sheets.projects, 'projects');
  add('融资需求', NEED_COLUMNS, sheets.needs, 'needs');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
