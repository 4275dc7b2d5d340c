import { AuditService } from '../../apps/api/src/audit/audit.service';
import { IndicatorsService } from '../../apps/api/src/plan/indicators.service';
import { seedPlanDemo } from '../../apps/api/src/plan/plan-demo';
import { startTestApp, TestApp } from '../support/test-app';

describe('plan: demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(() => app.close());

  it('gives the demo banks profiles and green-loan reports, two events and a period with reports in several states, once', async () => {
    const audit = app.platform.app.get(AuditService);
    const indicators = app.platform.app.get(IndicatorsService);
    // Loaded on first start; a second attempt adds nothing.
    expect(await app.dataSource.transaction((m) => seedPlanDemo(m, audit, { demo: true }))).toEqual([]);

    const [months] = await app.dataSource.query(`SELECT count(DISTINCT month)::int AS n, count(DISTINCT bank_org_id)::int AS banks FROM bank_loan_reports WHERE is_demo`);
    expect(months).toEqual({ n: 6, banks: 5 });
    const statuses = (await app.dataSource.query(`SELECT status FROM plan_reports WHERE is_demo`)).map((r: { status: string }) => r.status);
    expect(new Set(statuses)).toEqual(new Set(['ACCEPTED', 'SUBMITTED', 'CONSOLIDATED', 'RETURNED', 'DRAFT']));
    const names = await app.dataSource.query(`SELECT title AS name FROM events WHERE is_demo UNION ALL SELECT name FROM plan_reporting_periods WHERE is_demo`);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names.every((r: { name: string }) => r.name.endsWith('（演示）'))).toBe(true);

    // The demo banks' ratio rises month by month (other tests' banks may share this database).
    const demoRatio = await app.dataSource.query(
      `SELECT month, sum(green_loan_balance) / sum(total_loan_balance) AS ratio FROM bank_loan_reports WHERE is_demo GROUP BY month ORDER BY month`,
    );
    const ratios = demoRatio.map((r: { ratio: string }) => Number(r.ratio));
    expect(ratios).toEqual([...ratios].sort((a, b) => a - b));

    const list = await indicators.list({ series: true });
    expect(list.find((i) => i.code === 'green-loan-ratio')!.series.length).toBeGreaterThanOrEqual(6);
    expect(Number(list.find((i) => i.code === 'banks-green-team')!.current.value)).toBeGreaterThanOrEqual(4);
  });
});
