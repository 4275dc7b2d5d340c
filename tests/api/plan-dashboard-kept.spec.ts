import { Role } from '@zj/shared';
import type { IndicatorView } from '@zj/shared';
import { DashboardService } from '../../apps/api/src/plan/dashboard.service';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const HOUR = 3600_000;
const zjToday = () => new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);

/**
 * Issue 16: the plan dashboard is kept by each API process and served while the facts it was computed
 * from stand (plan/dashboard.service.ts, migration 1764301500000). Kept or not, its figures must be the
 * ones a computation from the rows gives now, on every process.
 */
describe('plan dashboard: kept figures equal a computation from the rows', () => {
  let app: TestApp;
  let other: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    // A second API process on the same database: it keeps its own copy.
    other = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  /** The dashboard computed from the rows now, in one snapshot, bypassing what any process keeps. */
  const recomputed = async () => {
    const body = await app.dataSource.transaction('REPEATABLE READ', (m) => app.platform.app.get(DashboardService).compute(undefined, m));
    return JSON.parse(JSON.stringify(body));
  };
  const served = async (t: TestApp) => {
    const res = await t.http.get('/api/v1/plan/dashboard').set(bureau.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const indicator = (d: { indicators: IndicatorView[] }, code: string) => d.indicators.find((i) => i.code === code)!;

  it('every table the dashboard reads moves the version of the facts when it changes', async () => {
    // The scans this connection has not yet reported, before and after one computation: the difference
    // is what the computation read.
    const read = await app.dataSource.transaction(async (m) => {
      const scans = async () =>
        new Map(((await m.query(`SELECT relname, seq_scan + coalesce(idx_scan, 0) AS n FROM pg_stat_xact_user_tables`)) as { relname: string; n: string }[]).map((r) => [r.relname, Number(r.n)]));
      const start = await scans();
      await app.platform.app.get(DashboardService).compute(undefined, m);
      const end = await scans();
      return [...end].filter(([t, n]) => n > (start.get(t) ?? 0)).map(([t]) => t);
    });
    const watched: { relname: string }[] = await app.dataSource.query(
      `SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = c.relname || '_plan_dashboard_fact' AND t.tgdeferrable`,
    );
    // The computation reads the plan, the pipeline, the library, events and banks' reports…
    expect(read).toEqual(expect.arrayContaining(['plan_indicators', 'green_identifications', 'case_tranches', 'events', 'projects', 'bank_loan_reports']));
    // … and a change to any of them is seen.
    expect(read.filter((t) => !watched.map((w) => w.relname).includes(t))).toEqual([]);
  });

  it('as facts change (a value recorded, financing disbursed, a unit renamed), both processes serve what the rows say now', async () => {
    // Both processes keep today's dashboard.
    const before = await served(app);
    expect(await served(other)).toEqual(before);
    expect(before).toEqual(await recomputed());

    // 1. The bureau records a value of a reported indicator (through the first process).
    const [task] = (await app.http.get('/api/v1/plan/tasks').set(bureau.auth)).body as { id: string }[];
    const code = `kept-${uniq()}`;
    const created = await app.http.post('/api/v1/plan/indicators').set(bureau.auth).send({ taskId: task.id, code, name: '测试指标（看板缓存）', unit: '家', source: 'REPORTED', targets: [] });
    expect(created.status).toBe(201);
    expect((await app.http.post(`/api/v1/plan/indicators/${created.body.id}/values`).set(bureau.auth).send({ value: '7', asOf: zjToday(), evidence: '测试统计' })).status).toBe(201);
    const afterValue = await served(other);
    expect(indicator(afterValue, code).current.value).toBe('7.00');
    expect(afterValue).toEqual(await recomputed());

    // 2. A bank disburses 120 万元 on a case (the pipeline, not the plan, changed).
    const bank = await app.userWithRole(Role.BANK);
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const product = await publishedProduct(app, bank);
    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
    expect(applied.status).toBe(201);
    for (const body of [{ to: 'ACCEPTED' }, { to: 'IN_CONTACT' }, { to: 'UNDER_REVIEW' }, { to: 'APPROVED', approvedAmount: '300.00', ratePercent: '3.30', termMonths: 36 }]) {
      expect((await app.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(bank.auth).send(body)).status).toBe(200);
    }
    const disbursedBefore = indicator(await served(other), 'financing-disbursed').current.value!;
    expect((await app.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(bank.auth).send({ to: 'DISBURSED', amount: '120.00', disbursedOn: zjToday() })).status).toBe(200);
    const afterDisbursement = await served(other);
    expect(Math.round(Number(indicator(afterDisbursement, 'financing-disbursed').current.value) * 100) - Math.round(Number(disbursedBefore) * 100)).toBe(12000);
    expect(afterDisbursement).toEqual(await recomputed());
    expect(await served(app)).toEqual(afterDisbursement);

    // 3. The bureau renames a reporting unit: the ranking names it as it is called now.
    const ranked = afterDisbursement.ranking[0];
    if (ranked) {
      const name = `${ranked.name}（更名${uniq()}）`;
      expect((await app.http.patch(`/api/v1/organizations/${ranked.organizationId}`).set(bureau.auth).send({ name })).status).toBe(200);
      const renamed = await served(other);
      expect(renamed.ranking.map((r: { name: string }) => r.name)).toContain(name);
      expect(renamed).toEqual(await recomputed());
    }
  });
});
