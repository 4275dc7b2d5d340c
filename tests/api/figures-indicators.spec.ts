import { Role, sumDecimal } from '@zj/shared';
import type { IndicatorRowsView, IndicatorTargetView, IndicatorView } from '@zj/shared';
import { uniq } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 14: indicator targets are judged against the right value. A target whose deadline has passed
 * is judged on the value at its deadline (met / missed / no data); one whose deadline is ahead is in
 * progress with the latest value; every target says which value it used and of which day.
 */
describe('figures: indicator targets', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  it('judges each target on the value at its deadline, shows one still ahead in progress with the latest value, and says which value it used', async () => {
    const [task] = (await app.http.get('/api/v1/plan/tasks').set(bureau.auth)).body as { id: string }[];
    const code = `banks-served-${uniq()}`;
    const created = await app.http
      .post('/api/v1/plan/indicators')
      .set(bureau.auth)
      .send({
        taskId: task.id,
        code,
        name: '开展绿色金融服务的银行（测试）',
        unit: '家',
        source: 'REPORTED',
        targets: [
          { comparison: 'AT_LEAST', value: '1', deadline: '2022-12-31' },
          { comparison: 'AT_LEAST', value: '5', deadline: '2023-12-31' },
          { comparison: 'AT_LEAST', value: '8', deadline: '2024-12-31' },
          { comparison: 'AT_LEAST', value: '5', deadline: '2099-12-31' },
        ],
      });
    expect(created.status).toBe(201);
    for (const [value, asOf] of [
      ['6', '2023-06-30'],
      ['3', '2024-03-31'],
      ['9', '2025-06-30'],
    ]) {
      expect((await app.http.post(`/api/v1/plan/indicators/${created.body.id}/values`).set(bureau.auth).send({ value, asOf, evidence: '测试统计' })).status).toBe(201);
    }

    const dashboard = await app.http.get('/api/v1/plan/dashboard').set(bureau.auth);
    expect(dashboard.status).toBe(200);
    const i = (dashboard.body.indicators as IndicatorView[]).find((x) => x.code === code)!;
    expect(i.current).toMatchObject({ value: '9.00', asOf: '2025-06-30' });
    const byDeadline = Object.fromEntries(i.targets.map((t) => [t.deadline, t])) as Record<string, IndicatorTargetView>;
    // Nothing was known by the end of 2022: no data, not "missed".
    expect(byDeadline['2022-12-31']).toMatchObject({ status: 'NO_DATA', basis: 'DEADLINE', valueAtDeadline: null, valueAsOf: null });
    expect(byDeadline['2023-12-31']).toMatchObject({ status: 'MET', basis: 'DEADLINE', valueAtDeadline: '6.00', valueAsOf: '2023-06-30' });
    // The latest value (9) would meet 8; the value at the deadline (3) decides.
    expect(byDeadline['2024-12-31']).toMatchObject({ status: 'MISSED', basis: 'DEADLINE', valueAtDeadline: '3.00', valueAsOf: '2024-03-31' });
    // Already reached, but the deadline is ahead: in progress, with the latest value.
    expect(byDeadline['2099-12-31']).toMatchObject({ status: 'PENDING', basis: 'LATEST', valueAtDeadline: '9.00', valueAsOf: '2025-06-30' });

    // The indicator read on its own says the same.
    const one = await app.http.get(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth);
    expect(one.body.targets).toEqual(i.targets);
  });
});

/**
 * Issue 15: the regulator drills from a figure to the rows behind it. The rows of a computed indicator
 * (financing disbursed: the cases; library projects: the listed projects) add up to its figure and
 * name the records a person would look for; a reported indicator answers with its recorded values.
 */
describe('figures: the rows behind an indicator', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  it('lists the disbursed cases and the listed projects behind their figures, each summing to the figure, for the regulator only among non-bureau users', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const product = await publishedProduct(app, bank);
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '800.00' });
    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
    expect(applied.status).toBe(201);
    const caseId = applied.body.id as string;
    for (const body of [
      { to: 'ACCEPTED' },
      { to: 'IN_CONTACT' },
      { to: 'UNDER_REVIEW' },
      { to: 'APPROVED', approvedAmount: '500.00', ratePercent: '3.45', termMonths: 36 },
      { to: 'DISBURSED', amount: '300.25' },
    ]) {
      const res = await app.http.post(`/api/v1/cases/${caseId}/transitions`).set(bank.auth).send(body);
      expect(res.status).toBe(200);
    }
    expect((await app.http.post(`/api/v1/cases/${caseId}/tranches`).set(bank.auth).send({ amount: '100.50' })).status).toBe(201);

    const regulator = await app.userWithRole(Role.REGULATOR);
    const indicators = (await app.http.get('/api/v1/plan/indicators').set(regulator.auth)).body as IndicatorView[];
    const byComputation = (c: string) => indicators.find((i) => i.computation === c)!;
    const rowsOf = async (i: IndicatorView) => {
      const res = await app.http.get(`/api/v1/plan/indicators/${i.id}/rows`).set(regulator.auth);
      expect(res.status).toBe(200);
      return res.body as IndicatorRowsView;
    };

    // Financing disbursed: the cases, with bank, enterprise, 万元 and date; their sum is the figure.
    const financing = byComputation('FINANCING_DISBURSED');
    const disbursed = await rowsOf(financing);
    expect(disbursed).toMatchObject({ kind: 'DISBURSED_CASES', value: financing.current.value, total: financing.current.value });
    expect(sumDecimal(disbursed.rows.map((r) => r.amount))).toBe(financing.current.value);
    const bankName = (await app.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [bank.organizationId]))[0].name;
    const enterpriseName = (await app.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [g.enterprise.organizationId]))[0].name;
    const mine = disbursed.rows.find((r) => r.id === caseId)!;
    expect(mine).toMatchObject({ bankName, enterpriseName, amount: '400.75' });
    expect(mine.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Library projects: the listed projects, one each; their count is the figure.
    const library = byComputation('LIBRARY_PROJECTS');
    const listed = await rowsOf(library);
    expect(listed).toMatchObject({ kind: 'LISTED_PROJECTS', total: library.current.value });
    expect(listed.rows.length.toFixed(2)).toBe(library.current.value);
    expect(listed.rows.find((r) => r.id === g.projectId)).toMatchObject({ enterpriseName });

    // Events held: the events of the year; their count is the figure.
    const events = byComputation('EVENTS_HELD');
    const held = await rowsOf(events);
    expect(held).toMatchObject({ kind: 'HELD_EVENTS', total: events.current.value });

    // The rows name banks and enterprises: a county (a plan reader) may not open them; a bank never.
    const county = await app.userWithRole(Role.COUNTY);
    expect((await app.http.get(`/api/v1/plan/indicators/${financing.id}/rows`).set(county.auth)).status).toBe(403);
    expect((await app.http.get(`/api/v1/plan/indicators/${financing.id}/rows`).set(bank.auth)).status).toBe(403);
  });

  it('answers a reported indicator with its recorded values, newest first, with their date and who reported them', async () => {
    const [task] = (await app.http.get('/api/v1/plan/tasks').set(bureau.auth)).body as { id: string }[];
    const created = await app.http
      .post('/api/v1/plan/indicators')
      .set(bureau.auth)
      .send({ taskId: task.id, code: `rows-${uniq()}`, name: '绿色金融服务网点（测试）', unit: '个', source: 'REPORTED', targets: [{ comparison: 'AT_LEAST', value: '5', deadline: '2099-12-31' }] });
    expect(created.status).toBe(201);
    for (const [value, asOf] of [
      ['3', '2024-06-30'],
      ['7', '2025-06-30'],
    ]) {
      expect((await app.http.post(`/api/v1/plan/indicators/${created.body.id}/values`).set(bureau.auth).send({ value, asOf, evidence: `统计表${asOf}` })).status).toBe(201);
    }
    const res = await app.http.get(`/api/v1/plan/indicators/${created.body.id}/rows`).set(bureau.auth);
    expect(res.status).toBe(200);
    const body = res.body as IndicatorRowsView;
    expect(body).toMatchObject({ kind: 'REPORTED_VALUES', unit: '个', value: '7.00', asOf: '2025-06-30', total: null });
    expect(body.rows.map((r) => [r.amount, r.date, r.label])).toEqual([
      ['7.00', '2025-06-30', '统计表2025-06-30'],
      ['3.00', '2024-06-30', '统计表2024-06-30'],
    ]);
    expect(body.rows[0].organizationName).toBeTruthy();
  });
});
