import { Role } from '@zj/shared';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('matching: explained matches for a need, a product and a bank', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('ranks fitting products with every criterion explained, lists near misses naming the failing criterion, and follows changes', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00', termMonths: 36, maxRatePercent: '3.60' });
    const bankA = await app.userWithRole(Role.BANK);
    const bankB = await app.userWithRole(Role.BANK);
    const exact = await publishedProduct(app, bankA, { name: '港口岸电专项贷（测试）', categoryRules: [{ version: 'GIC-2019', prefix: '5.2.2' }] });
    const broad = await publishedProduct(app, bankB, { name: '绿色交通贷（测试）', categoryRules: [{ version: 'GIC-2019', prefix: '5' }], rateMinPercent: '3.40', rateMaxPercent: '3.90' });
    const small = await publishedProduct(app, bankB, { name: '小额绿色贷（测试）', maxAmount: '300.00' });
    const other = await publishedProduct(app, bankA, { name: '光伏贷（测试）', categoryRules: [{ version: 'GIC-2019', prefix: '3.2' }], maxAmount: '300.00' });

    // Other test files publish products of their own into this database (fewer than 100 in the whole
    // suite); asking for the longest list keeps this file's products in view whatever ran before.
    const res = await app.http.get(`/api/v1/financing-needs/${need.id}/matches?limit=100`).set(g.enterprise.auth);
    expect(res.status).toBe(200);
    const ids = res.body.matches.map((m: { product: { id: string } }) => m.product.id);
    expect(ids.indexOf(exact.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(exact.id)).toBeLessThan(ids.indexOf(broad.id));
    expect(ids).not.toContain(small.id);
    expect(ids).not.toContain(other.id);
    const first = res.body.matches.find((m: { product: { id: string } }) => m.product.id === exact.id).match;
    expect(first.score).toBe(100);
    expect(first.criteria).toHaveLength(9);
    expect(first.criteria.find((c: { criterion: string }) => c.criterion === 'CATEGORY')).toMatchObject({ result: 'MET', explanation: '项目类别 5.2.2 与产品支持类别完全一致' });
    const second = res.body.matches.find((m: { product: { id: string } }) => m.product.id === broad.id).match;
    expect(second.criteria.find((c: { criterion: string }) => c.criterion === 'RATE').result).toBe('PARTLY');
    expect(second.score).toBeLessThan(first.score);

    const near = res.body.nearMisses.find((m: { product: { id: string } }) => m.product.id === small.id);
    expect(near.match.failed).toEqual(['AMOUNT']);
    expect(near.match.summary).toBe('金额高于产品上限300万元');
    // Two hard criteria failed: not even a near miss.
    expect(res.body.nearMisses.map((m: { product: { id: string } }) => m.product.id)).not.toContain(other.id);

    // Matching stays current: the bank raises the ceiling, the product now fits.
    const raised = await app.http.patch(`/api/v1/products/${small.id}`).set(bankB.auth).send({ version: small.version, maxAmount: '1000.00' });
    expect(raised.status).toBe(200);
    const again = await app.http.get(`/api/v1/financing-needs/${need.id}/matches?limit=100`).set(g.enterprise.auth);
    expect(again.body.matches.map((m: { product: { id: string } }) => m.product.id)).toContain(small.id);
    // … and withdraws it: it is no longer offered, neither as a match nor as a near miss.
    const withdrawn = await app.http.post(`/api/v1/products/${small.id}/withdraw`).set(bankB.auth).send({ version: raised.body.version });
    expect(withdrawn.status).toBe(200);
    const after = await app.http.get(`/api/v1/financing-needs/${need.id}/matches?limit=100`).set(g.enterprise.auth);
    expect([...after.body.matches, ...after.body.nearMisses].map((m: { product: { id: string } }) => m.product.id)).not.toContain(small.id);

    // The bureau renames bank A: its products' matches name it as it is now called.
    const bureau = await app.userWithRole(Role.BUREAU);
    const newName = `湛江测试银行更名${Date.now()}`;
    expect((await app.http.patch(`/api/v1/organizations/${bankA.organizationId}`).set(bureau.auth).send({ name: newName })).status).toBe(200);
    const renamed = await app.http.get(`/api/v1/financing-needs/${need.id}/matches?limit=100`).set(g.enterprise.auth);
    expect(renamed.body.matches.find((m: { product: { id: string } }) => m.product.id === exact.id).product.bankName).toBe(newName);

    // A bank sees only its own products for the need; another enterprise does not see the need at all.
    const asBank = await app.http.get(`/api/v1/financing-needs/${need.id}/matches`).set(bankA.auth);
    expect(asBank.status).toBe(200);
    expect(asBank.body.matches.every((m: { product: { bankOrgId: string } }) => m.product.bankOrgId === bankA.organizationId)).toBe(true);
    const stranger = await app.userWithRole(Role.ENTERPRISE);
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}/matches`).set(stranger.auth)).status).toBe(404);
  });

  it('a bank’s workbench lists the open needs shared with it that fit its products, best first; not needs kept private', async () => {
    // (A need asks for no more than its project's total investment: the project is large enough for the too-big need.)
    const g = await greenEnterprise(app, { project: { totalInvestment: '100000.00' } });
    const shared = await openNeed(app, g, { amount: '800.00' });
    const privateNeed = await openNeed(app, g, { amount: '800.00', sharing: 'NOT_SHARED' });
    const tooBig = await openNeed(app, g, { amount: '90000.00' });
    const bank = await app.userWithRole(Role.BANK);
    // The cheapest of the equally fitting products in this run: first among equals for the enterprise.
    const product = await publishedProduct(app, bank, { rateMinPercent: '2.50', rateMaxPercent: '2.90', categoryRules: [{ version: 'GIC-2019', prefix: '5.2.2' }] });

    const mine = await app.http.get('/api/v1/matches?limit=100').set(bank.auth);
    expect(mine.status).toBe(200);
    const needIds = mine.body.map((m: { need: { id: string } }) => m.need.id);
    expect(needIds).toContain(shared.id);
    expect(needIds).not.toContain(privateNeed.id);
    expect(needIds).not.toContain(tooBig.id);
    const row = mine.body.find((m: { need: { id: string } }) => m.need.id === shared.id);
    expect(row).toMatchObject({ productId: product.id, caseId: null });
    expect(row.match.eligible).toBe(true);
    expect(JSON.stringify(row)).not.toContain('13800138000');
    const scores = mine.body.map((m: { match: { score: number } }) => m.match.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const byProduct = await app.http.get(`/api/v1/products/${product.id}/matches?limit=100`).set(bank.auth);
    expect(byProduct.body.map((m: { need: { id: string } }) => m.need.id)).toContain(shared.id);
    const other = await app.userWithRole(Role.BANK);
    expect((await app.http.get(`/api/v1/products/${product.id}/matches`).set(other.auth)).status).toBe(404);

    const enterpriseView = await app.http.get('/api/v1/matches?limit=100').set(g.enterprise.auth);
    expect(enterpriseView.status).toBe(200);
    const forShared = enterpriseView.body.find((x: { needId: string }) => x.needId === shared.id);
    // The bank's product is among the best for the need (other tests' products may tie with it).
    const ours = forShared.matches.find((x: { product: { id: string } }) => x.product.id === product.id);
    expect(ours).toBeDefined();
    expect(ours.match.score).toBe(forShared.matches[0].match.score);
  });
});
