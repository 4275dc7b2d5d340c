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
});
