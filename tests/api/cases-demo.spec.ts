import { DEMO_PASSWORD } from '../../apps/api/src/setup/demo-seed';
import { startTestApp, TestApp } from '../support/test-app';

describe('matchmaking demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(() => app.close());

  it('seeds invented products for the demo banks and cases in various states, all marked as demo', async () => {
    const products = await app.dataSource.query(`SELECT name, status FROM products WHERE is_demo`);
    expect(products.length).toBeGreaterThanOrEqual(11);
    expect(products.every((p: { name: string; status: string }) => p.name.endsWith('（演示）') && p.status === 'PUBLISHED')).toBe(true);
    const states = (await app.dataSource.query(`SELECT DISTINCT state FROM matchmaking_cases WHERE is_demo AND source_event_id IS NULL`)).map((r: { state: string }) => r.state).sort();
    expect(states).toEqual(['ACCEPTED', 'APPROVED', 'DECLINED', 'DISBURSED', 'PENDING', 'UNDER_REVIEW']);
    const catalogue = await app.http.get('/api/v1/products').query({ q: '红树林生态修复贷（演示）' });
    expect(catalogue.body.total).toBeGreaterThanOrEqual(1);
    const bureau = await app.admin();
    const stats = await app.http.get('/api/v1/cases/statistics').set(bureau.auth);
    expect(Number(stats.body.totals.disbursedAmount)).toBeGreaterThanOrEqual(2000);
  });

  it('every demo login signs in, the zones\' counties too (county-440800Z01, as the README lists it)', async () => {
    const users: { email: string }[] = await app.dataSource.query(`SELECT u.email FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email LIKE '%@demo.zjgf.local' ORDER BY u.email`);
    expect(users.length).toBeGreaterThan(20);
    expect(users.map((u) => u.email)).toContain('county-440800z01@demo.zjgf.local');
    const refused: string[] = [];
    for (const { email } of users) {
      const res = await app.http.post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
      if (res.status !== 200) refused.push(`${email}: ${res.status}`);
    }
    expect(refused).toEqual([]);
    const typedAsListed = await app.http.post('/api/v1/auth/login').send({ email: 'county-440800Z01@demo.zjgf.local', password: DEMO_PASSWORD });
    expect(typedAsListed.status).toBe(200);
  });
});
