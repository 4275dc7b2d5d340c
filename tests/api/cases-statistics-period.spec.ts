import { Role } from '@zj/shared';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * 对接统计与监测 for a period: `from` and `to` are calendar dates in Zhanjiang (Asia/Shanghai), so a
 * case opened at 01:00 on 10 March Beijing time (17:00 UTC on 9 March) belongs to 10 March, and
 * one opened at 23:30 on 10 March Beijing time still does too.
 */
describe('cases: statistics of a period count days in Zhanjiang time', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('a case belongs to the Beijing-time day it was opened on', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const product = await publishedProduct(app, bank);
    const opened: string[] = [];
    for (const at of ['2026-03-10T01:00:00+08:00', '2026-03-10T23:30:00+08:00', '2026-03-11T00:10:00+08:00']) {
      const g = await greenEnterprise(app);
      const need = await openNeed(app, g);
      const res = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
      expect(res.status).toBe(201);
      await app.dataSource.query(`UPDATE matchmaking_cases SET created_at = $2 WHERE id = $1`, [res.body.id, at]);
      opened.push(res.body.id);
    }
    const cases = async (from: string, to: string) => (await app.http.get('/api/v1/cases/statistics').query({ from, to }).set(bank.auth)).body.totals.cases;
    expect(await cases('2026-03-10', '2026-03-10')).toBe(2);
    expect(await cases('2026-03-09', '2026-03-09')).toBe(0);
    expect(await cases('2026-03-11', '2026-03-11')).toBe(1);
    expect(await cases('2026-03-09', '2026-03-11')).toBe(3);
  });
});
