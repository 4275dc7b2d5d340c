import { InstitutionKind, OrgType, ReportingFrequency, Role } from '@zj/shared';
import { randomInt } from 'node:crypto';
import { orgFactory } from './factories';
import type { Session, TestApp } from './test-app';

/** The organisation id of a plan unit (a government unit by unit code, e.g. 'nfra-zhanjiang'). */
export async function unitOrgId(app: TestApp, unitCode: string): Promise<string> {
  const [row] = await app.dataSource.query(`SELECT id FROM organizations WHERE unit_code = $1`, [unitCode]);
  if (!row) throw new Error(`no unit ${unitCode}`);
  return row.id;
}

/** A new user of a plan unit, signed in (REGULATOR for the central bank and the regulator, BUREAU for the bureau, else DEPARTMENT/COUNTY). */
export async function unitUser(app: TestApp, unitCode: string): Promise<Session> {
  const role =
    unitCode === 'finance-bureau' ? Role.BUREAU : ['pbc-zhanjiang', 'nfra-zhanjiang'].includes(unitCode) ? Role.REGULATOR : unitCode.startsWith('county-4') ? Role.COUNTY : Role.DEPARTMENT;
  return app.userWithRole(role, { organizationId: await unitOrgId(app, unitCode) });
}

/** The task of a number, as GET /plan/tasks answers it. */
export async function taskByNumber(app: TestApp, s: Session, n: number) {
  const res = await app.http.get('/api/v1/plan/tasks').query({ year: 2023 }).set(s.auth);
  if (res.status !== 200) throw new Error(`tasks: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.find((t: { number: number }) => t.number === n);
}

/** A fresh reporting period in a far year (periods are unique per month), due at `dueAt`. */
export async function createPeriod(app: TestApp, bureau: Session, dueAt: Date, o: { frequency?: ReportingFrequency; workYear?: number } = {}) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await app.http
      .post('/api/v1/plan/periods')
      .set(bureau.auth)
      .send({ frequency: o.frequency ?? ReportingFrequency.MONTHLY, year: 2040 + randomInt(0, 60), index: randomInt(1, 13), workYear: o.workYear ?? 2023, dueAt: dueAt.toISOString() });
    if (res.status === 201) return res.body as { id: string; name: string; dueAt: string; version: number; workYear: number };
    if (res.status !== 409) throw new Error(`period: ${res.status} ${JSON.stringify(res.body)}`);
  }
  throw new Error('no free period');
}

/** A bank organisation with a BANK user, signed in. */
export async function bankUser(app: TestApp, kind: InstitutionKind = InstitutionKind.BANK): Promise<Session> {
  const admin = await app.admin();
  const body = { ...orgFactory(OrgType.FINANCIAL_INSTITUTION), institutionKind: kind };
  const res = await app.http.post('/api/v1/organizations').set(admin.auth).send(body);
  if (res.status !== 201) throw new Error(`bank: ${res.status} ${JSON.stringify(res.body)}`);
  return app.userWithRole(Role.BANK, { organizationId: res.body.id });
}

/** Items of a report covering every work item of a task's year, all with one status. */
export function itemsFor(task: { keyWorks: { workItems: { id: string; year: number }[] }[] }, status: string, narrative: string, shareDone = 50, year = 2023) {
  return task.keyWorks.flatMap((k) => k.workItems.filter((i) => i.year === year)).map((i) => ({ workItemId: i.id, status, narrative, shareDone }));
}
