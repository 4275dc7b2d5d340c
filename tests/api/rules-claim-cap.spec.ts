import { Role } from '@zj/shared';
import { greenEnterprise, GreenEnterprise, openNeed } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 14: the claim cap (CASE_CLAIM_CAP) and the contact-reveal rule hold on every path into a case
 * — claim, application, bureau push, reassignment, intents signed at events — and on the accept step:
 * never more than CAP banks have a live case on one need, and never more than CAP see the contact.
 */
describe('rules: the claim cap holds on every path into a case', () => {
  const CAP = 3;
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp({ env: { CASE_CLAIM_CAP: String(CAP) } });
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  const banks = async (n: number) => {
    const out: Session[] = [];
    for (let i = 0; i < n; i++) out.push(await app.userWithRole(Role.BANK));
    return out;
  };
  const push = (needId: string, bankOrgIds: string[]) => app.http.post('/api/v1/cases/push').set(bureau.auth).send({ needId, bankOrgIds });
  const accept = (bank: Session, caseId: string) => app.http.post(`/api/v1/cases/${caseId}/transitions`).set(bank.auth).send({ to: 'ACCEPTED' });
  /** The banks (of `among`) that see the enterprise's phone number on the need. */
  const seeingContact = async (needId: string, among: Session[]) => {
    const out: string[] = [];
    for (const b of among) {
      const r = await app.http.get(`/api/v1/financing-needs/${needId}`).set(b.auth);
      if (r.status === 200 && r.body.contact.contactPhone !== '***') out.push(b.organizationId);
    }
    return out;
  };
  const liveCases = async (needId: string): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM matchmaking_cases WHERE need_id = $1 AND state IN ('PENDING','ACCEPTED','IN_CONTACT','UNDER_REVIEW','APPROVED')`, [needId]))[0].n;
  /** A case as one written before the cap held on every path (a push past the cap): PENDING, for `bank`. */
  const legacyPendingCase = async (g: GreenEnterprise, needId: string, bank: Session): Promise<string> => {
    const [row] = await app.dataSource.query(
      `INSERT INTO matchmaking_cases (need_id, bank_org_id, enterprise_org_id, origin, state, due_on) VALUES ($1, $2, $3, 'PUSH', 'PENDING', current_date + 3) RETURNING id`,
      [needId, bank.organizationId, g.enterprise.organizationId],
    );
    return row.id;
  };

  it('a push past the cap is refused whole with 409 naming the cap; never more than CAP banks accept and see the contact', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '500.00' });
    const five = await banks(5);
    const tooMany = await push(need.id, five.map((b) => b.organizationId));
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: 'CASE_CLAIM_CAP_REACHED', details: { cap: CAP, live: 0, free: CAP, requested: 5 } });
    expect(tooMany.body.error.message).toContain(`${CAP}家`);
    expect(await liveCases(need.id)).toBe(0);

    // Whatever the answer, each bank that got a case tries to accept it: at most CAP can, at most CAP see the contact.
    const tryAll = async () => {
      const cases: { id: string; bank_org_id: string }[] = await app.dataSource.query(`SELECT id, bank_org_id FROM matchmaking_cases WHERE need_id = $1 AND state = 'PENDING'`, [need.id]);
      for (const c of cases) await accept(five.find((b) => b.organizationId === c.bank_org_id)!, c.id);
    };
    await tryAll();
    // Within the cap the push goes through; one more bank is refused on every path.
    const ok = await push(need.id, five.slice(0, CAP).map((b) => b.organizationId));
    expect(ok.status).toBe(201);
    expect(ok.body.created).toHaveLength(CAP);
    await tryAll();
    const more = await push(need.id, [five[3].organizationId]);
    expect(more.status).toBe(409);
    expect(more.body.error.details).toMatchObject({ cap: CAP, live: CAP, free: 0, requested: 1 });
    expect((await app.http.post('/api/v1/cases/claim').set(five[4].auth).send({ needId: need.id })).body.error.code).toBe('CASE_CLAIM_CAP_REACHED');
    expect(await liveCases(need.id)).toBe(CAP);
    expect((await seeingContact(need.id, five)).sort()).toEqual(five.slice(0, CAP).map((b) => b.organizationId).sort());
  });

  it('accepting is refused while CAP other banks already took the need up (cases written before the rule held)', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '500.00' });
    const four = await banks(4);
    const ok = await push(need.id, four.slice(0, CAP).map((b) => b.organizationId));
    expect(ok.status).toBe(201);
    const extra = await legacyPendingCase(g, need.id, four[3]);
    for (const [i, id] of (ok.body.created as string[]).entries()) expect((await accept(four[i], id)).status).toBe(200);
    const refused = await accept(four[3], extra);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CASE_CLAIM_CAP_REACHED', details: { cap: CAP } });
    const masked = await app.http.get(`/api/v1/cases/${extra}`).set(four[3].auth);
    expect(masked.body).toMatchObject({ state: 'PENDING', contact: { contactPhone: '***', revealed: false } });
    expect(await seeingContact(need.id, four)).toHaveLength(CAP);
    // A place frees up (one bank declines… here the enterprise withdraws one case): the fourth bank may accept.
    const withdrawn = await app.http.post(`/api/v1/cases/${ok.body.created[0]}/transitions`).set(g.enterprise.auth).send({ to: 'WITHDRAWN' });
    expect(withdrawn.status).toBe(200);
    expect((await accept(four[3], extra)).status).toBe(200);
    expect(await seeingContact(need.id, four)).toHaveLength(CAP);
  });

  it('a reassignment stays within the cap: the new bank gets the place the old one leaves, never one more', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '500.00' });
    const five = await banks(5);
    const ok = await push(need.id, five.slice(0, CAP).map((b) => b.organizationId));
    // The place of the reassigned case passes to the new bank.
    const moved = await app.http.post(`/api/v1/cases/${ok.body.created[0]}/reassign`).set(bureau.auth).send({ bankOrgId: five[3].organizationId });
    expect(moved.status).toBe(200);
    expect(await liveCases(need.id)).toBe(CAP);
    // Over the cap already (a case written before the rule held): reassigning would keep it over, and is refused.
    await legacyPendingCase(g, need.id, five[4]);
    const extraBank = await app.userWithRole(Role.BANK);
    const refused = await app.http.post(`/api/v1/cases/${ok.body.created[1]}/reassign`).set(bureau.auth).send({ bankOrgId: extraBank.organizationId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CASE_CLAIM_CAP_REACHED');
    // Nothing changed: the case is still live with its bank.
    expect((await app.http.get(`/api/v1/cases/${ok.body.created[1]}`).set(bureau.auth)).body.state).toBe('PENDING');
  });
});
