import { NotificationType, Role } from '@zj/shared';
import { greenEnterprise, GreenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

type Proposal = { product: { id: string; bankOrgId: string; bankName: string }; match: { summary: string; failed: string[]; criteria: unknown[] }; nearMiss: boolean };
type Ranked = { product: { id: string; bankOrgId: string } };

/**
 * 对接 after a decline (issue 14): the declined enterprise is offered the next best products of
 * OTHER banks with matching's reasons (near misses when nothing fits fully, and it says so), sends
 * the need on (a new case at the chosen bank, within the claim cap, the contact masked until that
 * bank accepts), the new bank is told, both cases link to each other on their timelines, and the
 * statistics count the referral and how far it went.
 */
describe('cases: referral after a decline (转介)', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  const post = (s: Session, path: string, body: object = {}) => app.http.post(`/api/v1${path}`).set(s.auth).send(body);
  const get = (s: Session, path: string) => app.http.get(`/api/v1${path}`).set(s.auth);

  /** An enterprise's need applied for at bank A's product and declined by bank A. */
  async function declined(g: GreenEnterprise, productA: { id: string }, bankA: Session, needId: string) {
    const applied = await post(g.enterprise, '/cases/apply', { needId, productId: productA.id });
    expect(applied.status).toBe(201);
    const d = await post(bankA, `/cases/${applied.body.id}/transitions`, { to: 'DECLINED', reasonCode: 'CAPACITY', reasonText: '本季度额度已用完' });
    expect(d.status).toBe(200);
    return applied.body.id as string;
  }

  /** The need's full ranking without the given banks (other test files' products share the database). */
  async function rankingWithout(s: Session, needId: string, bankOrgIds: string[]) {
    const r = await get(s, `/financing-needs/${needId}/matches?limit=100`).expect(200);
    const keep = (m: Ranked) => !bankOrgIds.includes(m.product.bankOrgId);
    return { matches: (r.body.matches as Ranked[]).filter(keep), nearMisses: (r.body.nearMisses as Ranked[]).filter(keep) };
  }

  it('proposes other banks’ products with reasons; the enterprise sends the need on; the new bank is told; both timelines link; statistics count it', async () => {
    const before = (await get(bureau, '/cases/statistics').expect(200)).body;
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const bankA = await app.userWithRole(Role.BANK);
    const bankB = await app.userWithRole(Role.BANK);
    const pa = await publishedProduct(app, bankA);
    const pb = await publishedProduct(app, bankB);
    const caseA = await declined(g, pa, bankA, need.id);

    // The proposals: the next best of the ranking, from other banks only, each with its reasons.
    const offer = await get(g.enterprise, `/cases/${caseA}/referrals`);
    expect(offer.status).toBe(200);
    expect(offer.body).toMatchObject({ caseId: caseA, needId: need.id, canRefer: true, blockedReason: null, widened: false, made: [] });
    expect(offer.body.note).toEqual(expect.any(String));
    expect(offer.body.note.length).toBeGreaterThan(0);
    const proposals = offer.body.proposals as Proposal[];
    const ranking = await rankingWithout(g.enterprise, need.id, [bankA.organizationId]);
    expect(proposals.map((p) => p.product.id)).toEqual(ranking.matches.slice(0, 5).map((m) => m.product.id));
    expect(proposals.map((p) => p.product.bankOrgId)).not.toContain(bankA.organizationId);
    for (const p of proposals) {
      expect(p.nearMiss).toBe(false);
      expect(p.match.criteria.length).toBeGreaterThan(0);
      expect(p.match.summary.length).toBeGreaterThan(0);
    }

    // The enterprise sends the need on to bank B's product: a new case, pending at bank B.
    const referred = await post(g.enterprise, `/cases/${caseA}/refer`, { productId: pb.id });
    expect(referred.status).toBe(201);
    const caseB = referred.body.id as string;
    expect(referred.body).toMatchObject({ origin: 'REFERRAL', state: 'PENDING', bankOrgId: bankB.organizationId, productId: pb.id, needId: need.id });
    expect(referred.body.referredFrom).toMatchObject({ fromCaseId: caseA, toCaseId: caseB, fromBankName: bankA.user.organization.name, toBankName: bankB.user.organization.name, referredBy: 'ENTERPRISE' });
    expect((await get(g.enterprise, `/financing-needs/${need.id}`)).body.status).toBe('IN_MATCHMAKING');

    // Bank B sees the case, the enterprise's contact masked until it accepts (the contact-reveal rule).
    const atB = await get(bankB, `/cases/${caseB}`);
    expect(atB.status).toBe(200);
    expect(atB.body.contact.revealed).toBe(false);
    expect(atB.body.contact.contactPhone).toBe('***');
    // Bank A never sees bank B's case, nor where the enterprise went; bank B is not told who declined.
    expect((await get(bankA, `/cases/${caseB}`)).status).toBe(404);
    const atA = (await get(bankA, `/cases/${caseA}`)).body;
    expect(atA.referrals).toEqual([]);
    expect(atA.timeline.filter((t: { linkedCaseId: string | null }) => t.linkedCaseId)).toEqual([]);
    expect(JSON.stringify(atA.timeline)).not.toContain(bankB.user.organization.name);
    expect(atB.body.referredFrom).toBeNull();
    expect(JSON.stringify(atB.body.timeline)).not.toContain(bankA.user.organization.name);

    // Bank B is told (the case notice, written with the change).
    const notices: { payload: { to: { organizations?: string[] }; link: string } }[] = await app.dataSource.query(
      `SELECT payload FROM notification_outbox WHERE kind = 'NOTIFY' AND type = $1 AND payload->>'link' = $2`,
      [NotificationType.CASE_STATUS_CHANGED, `/cases/${caseB}`],
    );
    expect(notices.some((n) => n.payload.to.organizations?.includes(bankB.organizationId))).toBe(true);

    // Both timelines show the referral and link to the other case.
    const fromDetail = (await get(g.enterprise, `/cases/${caseA}`)).body;
    expect(fromDetail.referrals).toEqual([expect.objectContaining({ fromCaseId: caseA, toCaseId: caseB, toBankName: pb.bankName, productName: pb.name, referredBy: 'ENTERPRISE', state: 'PENDING' })]);
    const outgoing = fromDetail.timeline.find((t: { linkedCaseId: string | null }) => t.linkedCaseId === caseB);
    expect(outgoing).toBeTruthy();
    expect(outgoing.comment).toContain(pb.bankName);
    const toDetail = (await get(g.enterprise, `/cases/${caseB}`)).body;
    expect(toDetail.referredFrom).toMatchObject({ fromCaseId: caseA, toCaseId: caseB });
    expect(toDetail.timeline.find((t: { linkedCaseId: string | null }) => t.linkedCaseId === caseA)).toBeTruthy();
    // The referral options now list it.
    expect((await get(g.enterprise, `/cases/${caseA}/referrals`)).body.made).toEqual([expect.objectContaining({ toCaseId: caseB })]);

    // Bank B takes it up: the contact is revealed to it; it approves and disburses.
    for (const body of [{ to: 'ACCEPTED' }, { to: 'IN_CONTACT' }, { to: 'UNDER_REVIEW' }, { to: 'APPROVED', approvedAmount: '600.00', ratePercent: '3.20', termMonths: 60 }]) {
      expect((await post(bankB, `/cases/${caseB}/transitions`, body)).status).toBe(200);
    }
    expect((await get(bankB, `/cases/${caseB}`)).body.contact.revealed).toBe(true);
    const mid = (await get(bureau, '/cases/statistics')).body;
    expect(mid.referrals.made - before.referrals.made).toBe(1);
    expect(mid.referrals.reachedApproval - before.referrals.reachedApproval).toBe(1);
    expect(mid.referrals.disbursed - before.referrals.disbursed).toBe(0);
    expect((await post(bankB, `/cases/${caseB}/transitions`, { to: 'DISBURSED', amount: '600.00' })).status).toBe(200);
    const after = (await get(bureau, '/cases/statistics')).body;
    expect(after.referrals.made - before.referrals.made).toBe(1);
    expect(after.referrals.disbursed - before.referrals.disbursed).toBe(1);
    expect(Number(after.referrals.disbursedAmount) - Number(before.referrals.disbursedAmount)).toBeCloseTo(600, 2);
    // A bank's statistics count the referrals it received; the declining bank received none.
    expect((await get(bankB, '/cases/statistics')).body.referrals).toMatchObject({ made: 1, reachedApproval: 1, disbursed: 1, disbursedAmount: '600.00' });
    expect((await get(bankA, '/cases/statistics')).body.referrals).toMatchObject({ made: 0, reachedApproval: 0, disbursed: 0 });
  });

  it('when no other bank’s product fits fully, the near misses are proposed and the answer says so', async () => {
    const g = await greenEnterprise(app, { project: { totalInvestment: '9500000.00' } });
    // Very large and very long: only products for such amounts and terms fit.
    const need = await openNeed(app, g, { amount: '9000000.00', termMonths: 300 });
    const bankA = await app.userWithRole(Role.BANK);
    const bankB = await app.userWithRole(Role.BANK);
    const pa = await publishedProduct(app, bankA, { maxAmount: '10000000.00', maxTermMonths: 360 });
    // Bank B's product fails the term only (up to 240 months): a near miss.
    const pb = await publishedProduct(app, bankB, { maxAmount: '10000000.00', maxTermMonths: 240 });
    const caseA = await declined(g, pa, bankA, need.id);

    const ranking = await rankingWithout(g.enterprise, need.id, [bankA.organizationId]);
    expect(ranking.matches).toEqual([]);
    expect(ranking.nearMisses.map((m) => m.product.id)).toContain(pb.id);
    const offer = (await get(g.enterprise, `/cases/${caseA}/referrals`).expect(200)).body;
    expect(offer.widened).toBe(true);
    expect(offer.note).toContain('没有完全符合');
    const proposals = offer.proposals as Proposal[];
    expect(proposals.map((p) => p.product.id)).toEqual(ranking.nearMisses.slice(0, 5).map((m) => m.product.id));
    for (const p of proposals) {
      expect(p.nearMiss).toBe(true);
      expect(p.match.failed).toHaveLength(1);
    }
    const mine = proposals.find((p) => p.product.id === pb.id);
    if (mine) {
      expect(mine.match.failed).toEqual(['TERM']);
      expect(mine.match.summary).toContain('期限');
    }
    // A near miss can still be chosen: the bank decides.
    const referred = await post(g.enterprise, `/cases/${caseA}/refer`, { productId: pb.id });
    expect(referred.status).toBe(201);
    expect(referred.body).toMatchObject({ origin: 'REFERRAL', bankOrgId: bankB.organizationId });
  });

  it('only a declined case of the caller is referred, only to another bank, within the claim cap; the bureau may name a bank', async () => {
    const g = await greenEnterprise(app);
    const other = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const [bankA, bankB, bankC, bankD, bankE, bankF] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => app.userWithRole(Role.BANK)));
    const pa = await publishedProduct(app, bankA);
    const pa2 = await publishedProduct(app, bankA);
    const pb = await publishedProduct(app, bankB);
    const caseA = await declined(g, pa, bankA, need.id);

    // A live case is not referred (the bank has not declined it).
    const liveNeed = await openNeed(app, g, { amount: '500.00' });
    const live = await post(g.enterprise, '/cases/apply', { needId: liveNeed.id, productId: pb.id });
    const notDeclined = await post(g.enterprise, `/cases/${live.body.id}/refer`, { productId: pa.id });
    expect(notDeclined.status).toBe(409);
    expect(notDeclined.body.error.code).toBe('CASE_REFERRAL_NOT_ALLOWED');
    expect((await get(g.enterprise, `/cases/${live.body.id}/referrals`)).body).toMatchObject({ canRefer: false, blockedReason: expect.any(String) });

    // Not back to the bank that declined (another of its products neither).
    const sameBank = await post(g.enterprise, `/cases/${caseA}/refer`, { productId: pa2.id });
    expect(sameBank.status).toBe(409);
    expect(sameBank.body.error.code).toBe('CASE_REFERRAL_BANK_DECLINED');
    // Who may: not the bank, not another enterprise.
    expect((await post(bankA, `/cases/${caseA}/refer`, { productId: pb.id })).status).toBe(403);
    expect((await post(other.enterprise, `/cases/${caseA}/refer`, { productId: pb.id })).status).toBe(404);
    expect((await get(other.enterprise, `/cases/${caseA}/referrals`)).status).toBe(404);
    // What: a product (the enterprise), or a product or a bank (the bureau); nothing else.
    const nothing = await post(g.enterprise, `/cases/${caseA}/refer`, {});
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.details.map((d: { field: string }) => d.field)).toContain('productId');
    expect((await post(g.enterprise, `/cases/${caseA}/refer`, { bankOrgId: bankB.organizationId })).status).toBe(400);
    expect((await post(g.enterprise, `/cases/${caseA}/refer`, { productId: pb.id, extra: 1 })).status).toBe(400);

    // The claim cap holds: three banks already handle the need, so no fourth is told.
    for (const bank of [bankC, bankD, bankE]) expect((await post(bank, '/cases/claim', { needId: need.id })).status).toBe(201);
    const full = await post(g.enterprise, `/cases/${caseA}/refer`, { productId: pb.id });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('CASE_CLAIM_CAP_REACHED');
    const fullByBureau = await post(bureau, `/cases/${caseA}/refer`, { bankOrgId: bankF.organizationId });
    expect(fullByBureau.status).toBe(409);
    expect(fullByBureau.body.error.code).toBe('CASE_CLAIM_CAP_REACHED');
    expect((await get(bankB, `/cases?needId=${need.id}`)).body.total).toBe(0);

    // A place frees up: the bureau names a bank (no product); the case is the bureau's referral.
    const cCase = (await get(bankC, `/cases?needId=${need.id}`)).body.items[0];
    expect((await post(g.enterprise, `/cases/${cCase.id}/transitions`, { to: 'WITHDRAWN' })).status).toBe(200);
    const byBureau = await post(bureau, `/cases/${caseA}/refer`, { bankOrgId: bankF.organizationId, comment: '请贵行优先评估' });
    expect(byBureau.status).toBe(201);
    expect(byBureau.body).toMatchObject({ origin: 'REFERRAL', bankOrgId: bankF.organizationId, productId: null, state: 'PENDING' });
    expect(byBureau.body.referredFrom).toMatchObject({ fromCaseId: caseA, referredBy: 'BUREAU' });
    expect((await post(bureau, `/cases/${caseA}/refer`, { bankOrgId: g.enterprise.organizationId })).status).toBe(400);
  });
});
