import { Role } from '@zj/shared';
import { productBody } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Dates and months that look right but name no day (2024-02-30, 2023-02-29, year 0000) are a 400
 * naming the field, on every route that takes one — not a 500 from PostgreSQL.
 */
describe('impossible calendar dates and months answer 400 naming the field', () => {
  let app: TestApp;
  let bureau: Session;
  let bank: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
    bank = await app.userWithRole(Role.BANK);
  });
  afterAll(() => app?.close());

  const expect400 = (res: { status: number; body: { error?: { details?: { field: string }[] } } }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.error?.details?.map((d) => d.field)).toContain(field);
  };

  it('case statistics, the work calendar, product validity and bank loan months', async () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-04-31', '0000-01-01']) {
      expect400(await app.http.get('/api/v1/cases/statistics').query({ from: bad }).set(bureau.auth), 'from');
      expect400(await app.http.get('/api/v1/cases/statistics').query({ to: bad }).set(bureau.auth), 'to');
      expect400(await app.http.post('/api/v1/products').set(bank.auth).send(productBody({ validFrom: bad })), 'validFrom');
    }
    expect400(await app.http.put('/api/v1/work-calendar/2023-02-29').set(bureau.auth).send({ kind: 'HOLIDAY', name: '不存在的日子' }), 'date');
    for (const month of ['0000-01', '2026-13']) {
      expect400(await app.http.get('/api/v1/bank-loan-reports/coverage').query({ month }).set(bureau.auth), 'month');
      expect400(await app.http.get('/api/v1/bank-loan-reports').query({ month }).set(bureau.auth), 'month');
    }
    // A real leap day is a date.
    expect((await app.http.get('/api/v1/cases/statistics').query({ from: '2024-02-29', to: '2024-02-29' }).set(bureau.auth)).status).toBe(200);
  });
});
