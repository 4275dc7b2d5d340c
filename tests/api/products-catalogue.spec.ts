import { Role } from '@zj/shared';
import { productBody, publishedProduct } from '../support/matchmaking-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('products: a bank’s products and the public catalogue', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('a bank creates a draft, publishes it, and anyone sees it in the catalogue; drafts stay private', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const draft = await app.http.post('/api/v1/products').set(bank.auth).send(productBody({ name: '红树林生态修复贷（测试）', categoryRules: [{ version: 'GIC-2019', prefix: '4.3' }] }));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'DRAFT', bankOrgId: bank.organizationId, maxAmount: '5000.00', rateMinPercent: '3.10' });

    // Not in the public catalogue, not visible to another bank or anonymous callers.
    expect((await app.http.get(`/api/v1/products/${draft.body.id}`)).status).toBe(404);
    const other = await app.userWithRole(Role.BANK);
    expect((await app.http.get(`/api/v1/products/${draft.body.id}`).set(other.auth)).status).toBe(404);
    expect((await app.http.get(`/api/v1/products/${draft.body.id}`).set(bank.auth)).status).toBe(200);
    const otherEdit = await app.http.patch(`/api/v1/products/${draft.body.id}`).set(other.auth).send({ version: 1, name: '偷改' });
    expect(otherEdit.status).toBe(404);

    const pub = await app.http.post(`/api/v1/products/${draft.body.id}/publish`).set(bank.auth).send({ version: draft.body.version });
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('PUBLISHED');
    const pub2 = await app.http.get(`/api/v1/products/${draft.body.id}`);
    expect(pub2.status).toBe(200);

    const catalogue = await app.http.get('/api/v1/products').query({ q: '红树林生态修复贷', category: '4.3.2', amount: '300.00' });
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.items.map((p: { id: string }) => p.id)).toContain(draft.body.id);
    const wrongCategory = await app.http.get('/api/v1/products').query({ q: '红树林生态修复贷', category: '3.2.1' });
    expect(wrongCategory.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.body.id);
    const tooBig = await app.http.get('/api/v1/products').query({ q: '红树林生态修复贷', amount: '6000.00' });
    expect(tooBig.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.body.id);

    // The other bank's "mine" does not list it.
    const mine = await app.http.get('/api/v1/products/mine').set(other.auth);
    expect(mine.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.body.id);

    // Withdrawn: out of the catalogue.
    const wd = await app.http.post(`/api/v1/products/${draft.body.id}/withdraw`).set(bank.auth).send({ version: pub.body.version });
    expect(wd.status).toBe(200);
    expect((await app.http.get(`/api/v1/products/${draft.body.id}`)).status).toBe(404);
  });

  it('validates ranges, rates and categories, and refuses unknown fields', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const range = await app.http.post('/api/v1/products').set(bank.auth).send(productBody({ minAmount: '600.00', maxAmount: '500.00' }));
    expect(range.status).toBe(400);
    expect(range.body.error.code).toBe('PRODUCT_RANGE_INVALID');
    const rate = await app.http.post('/api/v1/products').set(bank.auth).send(productBody({ rateKind: 'LPR_PLUS', rateMinPercent: null }));
    expect(rate.body.error.code).toBe('PRODUCT_RATE_INVALID');
    const cat = await app.http.post('/api/v1/products').set(bank.auth).send(productBody({ categoryRules: [{ version: 'GIC-2019', prefix: '9.9' }] }));
    expect(cat.status).toBe(400);
    expect(cat.body.error.code).toBe('PRODUCT_CATEGORY_INVALID');
    const unknown = await app.http.post('/api/v1/products').set(bank.auth).send(productBody({ secret: 1 }));
    expect(unknown.status).toBe(400);
    const money = await app.http.post('/api/v1/products').set(bank.auth).send(productBody({ maxAmount: 500 }));
    expect(money.status).toBe(400);
    const enterprise = await app.userWithRole(Role.ENTERPRISE);
    expect((await app.http.post('/api/v1/products').set(enterprise.auth).send(productBody())).status).toBe(403);
  });

  it('a stale version loses with 409; every change is audited', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const p = await publishedProduct(app, bank);
    const a = await app.http.patch(`/api/v1/products/${p.id}`).set(bank.auth).send({ version: p.version, maxAmount: '8000.00' });
    expect(a.status).toBe(200);
    expect(a.body.maxAmount).toBe('8000.00');
    const b = await app.http.patch(`/api/v1/products/${p.id}`).set(bank.auth).send({ version: p.version, maxAmount: '9000.00' });
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('PRODUCT_VERSION_CONFLICT');
    const audit = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [p.id]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['product.create', 'product.publish', 'product.update']);
  });
});
