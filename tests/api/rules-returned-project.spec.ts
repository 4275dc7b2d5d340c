import { Role } from '@zj/shared';
import { needListedSql } from '../../apps/api/src/financing-needs/need-rules';
import { countyPassed, countyReviewer, departmentUser, needBody } from '../support/library-factories';
import { greenEnterprise, publishedProduct } from '../support/matchmaking-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 14: a project returned for changes (退回) no longer shows its need as 待对接 to banks. The
 * library already hides needs of projects not listed; no path into a case may bring such a need to a
 * bank either (the enterprise's application, the bureau's push, a reassignment).
 */
describe('rules: a returned project’s need reaches no bank', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('a need of a returned project cannot be applied for or pushed; no bank sees it, in the library or in its cases', async () => {
    const g = await greenEnterprise(app);
    const p = await countyPassed(app, g.enterprise);
    const transport = await departmentUser(app, 'transport');
    const started = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'START_REVIEW', version: p.version });
    const returned = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'RETURN', version: started.body.version, reasons: [{ field: 'totalInvestment', message: '总投资与可研报告不一致，请核实' }] });
    expect(returned.body.status).toBe('RETURNED');
    const need = await app.http.post('/api/v1/financing-needs').set(g.enterprise.auth).send(needBody({ projectId: p.id }));
    expect(need.status).toBe(201);
    const bank = await app.userWithRole(Role.BANK);
    const product = await publishedProduct(app, bank);

    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.body.id, productId: product.id });
    expect(applied.status).toBe(409);
    expect(applied.body.error.code).toBe('CASE_NEED_NOT_LISTED');
    expect(applied.body.error.message).toContain('退回');
    const bureau = await app.admin();
    const pushed = await app.http.post('/api/v1/cases/push').set(bureau.auth).send({ needId: need.body.id, bankOrgIds: [bank.organizationId] });
    expect(pushed.status).toBe(409);
    expect(pushed.body.error.code).toBe('CASE_NEED_NOT_LISTED');

    // The bank sees it nowhere: not in the library, not as a case.
    expect((await app.http.get(`/api/v1/financing-needs/${need.body.id}`).set(bank.auth)).status).toBe(404);
    const cases = await app.http.get('/api/v1/cases').query({ pageSize: 100 }).set(bank.auth);
    expect(cases.body.items.map((c: { needId: string }) => c.needId)).not.toContain(need.body.id);
    expect((await app.http.get(`/api/v1/financing-needs/${need.body.id}`).set(g.enterprise.auth)).body.status).toBe('OPEN');

    // Resubmitted and listed, the need is open to banks again.
    const resubmitted = await app.http.post(`/api/v1/projects/${p.id}/submit`).set(g.enterprise.auth).send({});
    // the resubmission passes the county's first review again, then the department lists it
    const county = await countyReviewer(app, resubmitted.body.reviewerOrgId);
    const passed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'PASS', version: resubmitted.body.version });
    const again = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'START_REVIEW', version: passed.body.version });
    const listed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'LIST', version: again.body.version });
    expect(listed.body.status).toBe('LISTED');
    expect((await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.body.id, productId: product.id })).status).toBe(201);
  });
});

describe('rules: the demo pipeline holds the same rules', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(() => app.close());

  it('its cases are on needs of listed projects, within the cap, with credit within the need and the product', async () => {
    const unlisted = await app.dataSource.query(
      `SELECT c.id FROM matchmaking_cases c JOIN financing_needs n ON n.id = c.need_id WHERE c.is_demo AND c.source_event_id IS NULL AND NOT ${needListedSql('n')}`,
    );
    expect(unlisted).toEqual([]);
    const overCap = await app.dataSource.query(
      `SELECT need_id FROM matchmaking_cases WHERE is_demo AND state IN ('PENDING','ACCEPTED','IN_CONTACT','UNDER_REVIEW','APPROVED') GROUP BY need_id HAVING count(DISTINCT bank_org_id) > 3`,
    );
    expect(overCap).toEqual([]);
    const overCredit = await app.dataSource.query(
      `SELECT c.id FROM matchmaking_cases c JOIN financing_needs n ON n.id = c.need_id LEFT JOIN products p ON p.id = c.product_id
        WHERE c.is_demo AND c.approved_amount IS NOT NULL AND (c.approved_amount > n.amount OR c.approved_amount > p.max_amount)`,
    );
    expect(overCredit).toEqual([]);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM matchmaking_cases WHERE is_demo AND source_event_id IS NULL`);
    expect(n).toBe(6);
  });
});
