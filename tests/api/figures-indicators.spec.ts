import type { IndicatorTargetView, IndicatorView } from '@zj/shared';
import { uniq } from '../support/library-factories';
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
