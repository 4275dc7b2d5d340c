import { Role } from '@zj/shared';
import { greenEnterprise, openNeed } from '../support/matchmaking-factories';
import { unitUser } from '../support/plan-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 14: who reads the greenwashing (洗绿) warnings follows the plan's responsibilities. Task
 * （十七）加强绿色金融风险防控 — whose work item is watching that product money is used as agreed and
 * avoiding 洗绿 — is led by 湛江银保监分局 (now the financial regulator's Zhanjiang branch), with
 * 市金融工作局 and 人民银行 cooperating: each of these units reads the warnings; other regulators read none.
 */
describe('rules: the units responsible for task 17 read the greenwashing warnings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('the lead regulator and the cooperating central bank read them; another regulator none; a bank its own only', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '500.00' });
    const bank = await app.userWithRole(Role.BANK);
    const claimed = await app.http.post('/api/v1/cases/claim').set(bank.auth).send({ needId: need.id });
    const t = (body: object) => app.http.post(`/api/v1/cases/${claimed.body.id}/transitions`).set(bank.auth).send(body);
    for (const body of [{ to: 'IN_CONTACT' }, { to: 'UNDER_REVIEW' }, { to: 'APPROVED', approvedAmount: '500.00', ratePercent: '3.30', termMonths: 36 }, { to: 'DISBURSED', amount: '500.00' }]) {
      expect((await t(body)).status).toBe(200);
    }
    const dev = await app.http.post(`/api/v1/cases/${claimed.body.id}/fund-use-checks`).set(bank.auth).send({ checkedOn: '2026-01-30', result: 'DEVIATION', detail: '部分资金用于偿还非绿色项目贷款' });
    expect(dev.status).toBe(201);

    const lead = await unitUser(app, 'nfra-zhanjiang');
    const cooperating = await unitUser(app, 'pbc-zhanjiang');
    for (const s of [lead, cooperating]) {
      const res = await app.http.get('/api/v1/cases/greenwashing-warnings').query({ pageSize: 100 }).set(s.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.find((w: { caseId: string }) => w.caseId === claimed.body.id)).toMatchObject({ detail: '部分资金用于偿还非绿色项目贷款', status: 'OPEN' });
    }
    // A regulator that is no unit of the task reads none (an empty list: whether it may depends on the plan's data, not on its role).
    const otherRegulator = await app.userWithRole(Role.REGULATOR);
    const none = await app.http.get('/api/v1/cases/greenwashing-warnings').query({ pageSize: 100 }).set(otherRegulator.auth);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
    // Reading is not deciding: the bureau resolves them.
    const warning = (await app.http.get('/api/v1/cases/greenwashing-warnings').query({ pageSize: 100 }).set(lead.auth)).body.items.find((w: { caseId: string }) => w.caseId === claimed.body.id);
    expect((await app.http.post(`/api/v1/cases/greenwashing-warnings/${warning.id}/resolve`).set(lead.auth).send({ note: '已约谈' })).status).toBe(403);
    const otherBank = await app.userWithRole(Role.BANK);
    expect((await app.http.get('/api/v1/cases/greenwashing-warnings').query({ pageSize: 100 }).set(otherBank.auth)).body.items.map((w: { caseId: string }) => w.caseId)).not.toContain(claimed.body.id);
  });
});
