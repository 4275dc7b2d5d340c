import { CaseParty, CaseState, Role } from '@zj/shared';
import { CASE_TRANSITIONS } from '../../apps/api/src/cases/case-machine';
import { greenEnterprise, GreenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/** Every step allowed, by hand. The matrix below is generated from the states and parties, and asserted against this list. */
const EXPECTED_ALLOWED = new Set([
  'PENDING>ACCEPTED@BANK',
  'PENDING>DECLINED@BANK',
  'PENDING>WITHDRAWN@ENTERPRISE',
  'PENDING>CLOSED@BUREAU',
  'ACCEPTED>IN_CONTACT@BANK',
  'ACCEPTED>WITHDRAWN@ENTERPRISE',
  'ACCEPTED>CLOSED@BUREAU',
  'IN_CONTACT>UNDER_REVIEW@BANK',
  'IN_CONTACT>REJECTED@BANK',
  'IN_CONTACT>WITHDRAWN@ENTERPRISE',
  'IN_CONTACT>CLOSED@BUREAU',
  'UNDER_REVIEW>APPROVED@BANK',
  'UNDER_REVIEW>REJECTED@BANK',
  'UNDER_REVIEW>WITHDRAWN@ENTERPRISE',
  'APPROVED>DISBURSED@BANK',
  'APPROVED>WITHDRAWN@ENTERPRISE',
  'DISBURSED>CLOSED@BANK',
]);

/** What each step must carry. */
const BODY: Partial<Record<CaseState, Record<string, unknown>>> = {
  [CaseState.DECLINED]: { reasonCode: 'OTHER', reasonText: '测试' },
  [CaseState.REJECTED]: { reasonText: '审查未通过' },
  [CaseState.APPROVED]: { approvedAmount: '400.00', ratePercent: '3.30', termMonths: 36 },
  [CaseState.DISBURSED]: { amount: '100.00' },
};

/** How to bring a new case (born PENDING) into each state, through allowed steps. */
const PATH: Record<CaseState, [CaseState, CaseParty][]> = {
  [CaseState.PENDING]: [],
  [CaseState.ACCEPTED]: [[CaseState.ACCEPTED, CaseParty.BANK]],
  [CaseState.DECLINED]: [[CaseState.DECLINED, CaseParty.BANK]],
  [CaseState.IN_CONTACT]: [[CaseState.ACCEPTED, CaseParty.BANK], [CaseState.IN_CONTACT, CaseParty.BANK]],
  [CaseState.UNDER_REVIEW]: [[CaseState.ACCEPTED, CaseParty.BANK], [CaseState.IN_CONTACT, CaseParty.BANK], [CaseState.UNDER_REVIEW, CaseParty.BANK]],
  [CaseState.APPROVED]: [[CaseState.ACCEPTED, CaseParty.BANK], [CaseState.IN_CONTACT, CaseParty.BANK], [CaseState.UNDER_REVIEW, CaseParty.BANK], [CaseState.APPROVED, CaseParty.BANK]],
  [CaseState.REJECTED]: [[CaseState.ACCEPTED, CaseParty.BANK], [CaseState.IN_CONTACT, CaseParty.BANK], [CaseState.REJECTED, CaseParty.BANK]],
  [CaseState.DISBURSED]: [
    [CaseState.ACCEPTED, CaseParty.BANK],
    [CaseState.IN_CONTACT, CaseParty.BANK],
    [CaseState.UNDER_REVIEW, CaseParty.BANK],
    [CaseState.APPROVED, CaseParty.BANK],
    [CaseState.DISBURSED, CaseParty.BANK],
  ],
  [CaseState.CLOSED]: [[CaseState.CLOSED, CaseParty.BUREAU]],
  [CaseState.WITHDRAWN]: [[CaseState.WITHDRAWN, CaseParty.ENTERPRISE]],
};

describe('cases: every transition by every party', () => {
  let app: TestApp;
  let g: GreenEnterprise;
  let bank: Session;
  let bureau: Session;
  let outsider: Session;
  let productId: string;
  beforeAll(async () => {
    app = await startTestApp();
    g = await greenEnterprise(app);
    bank = await app.userWithRole(Role.BANK);
    outsider = await app.userWithRole(Role.BANK);
    bureau = await app.admin();
    productId = (await publishedProduct(app, bank)).id;
  });
  afterAll(() => app.close());

  const session = (p: CaseParty) => (p === CaseParty.BANK ? bank : p === CaseParty.ENTERPRISE ? g.enterprise : bureau);
  const step = (id: string, to: CaseState, p: CaseParty) => app.http.post(`/api/v1/cases/${id}/transitions`).set(session(p).auth).send({ to, ...BODY[to] });

  async function caseIn(state: CaseState): Promise<string> {
    const need = await openNeed(app, g, { amount: '400.00' });
    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId });
    if (applied.status !== 201) throw new Error(JSON.stringify(applied.body));
    for (const [to, p] of PATH[state]) {
      const r = await step(applied.body.id, to, p);
      if (r.status !== 200) throw new Error(`path to ${state}: ${to} by ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    return applied.body.id;
  }

  it('the machine’s table is the expected list (so this test can fail if either changes)', () => {
    const fromTable = new Set<string>();
    for (const [from, tos] of Object.entries(CASE_TRANSITIONS)) for (const [to, parties] of Object.entries(tos)) for (const p of parties!) fromTable.add(`${from}>${to}@${p}`);
    expect([...fromTable].sort()).toEqual([...EXPECTED_ALLOWED].sort());
  });

  for (const from of Object.values(CaseState)) {
    it(`from ${from}: allowed steps succeed, every other step by every party is refused`, async () => {
      const refusedCase = await caseIn(from);
      const results: string[] = [];
      const expected: string[] = [];
      for (const to of Object.values(CaseState)) {
        for (const party of Object.values(CaseParty)) {
          const key = `${from}>${to}@${party}`;
          if (EXPECTED_ALLOWED.has(key)) {
            const id = await caseIn(from);
            const r = await step(id, to, party);
            results.push(`${key}:${r.status}:${r.body.state}`);
            expected.push(`${key}:200:${to}`);
          } else {
            const r = await step(refusedCase, to, party);
            const wrongParty = Object.values(CaseParty).some((p) => EXPECTED_ALLOWED.has(`${from}>${to}@${p}`));
            results.push(`${key}:${r.status}:${r.body.error?.code}`);
            expected.push(`${key}:${wrongParty ? '403:CASE_TRANSITION_FORBIDDEN' : '409:CASE_TRANSITION_NOT_ALLOWED'}`);
          }
        }
      }
      expect(results).toEqual(expected);
      // Refused steps changed nothing, and another bank cannot even see the case.
      expect((await app.http.get(`/api/v1/cases/${refusedCase}`).set(bureau.auth)).body.state).toBe(from);
      expect((await app.http.post(`/api/v1/cases/${refusedCase}/transitions`).set(outsider.auth).send({ to: 'ACCEPTED' })).status).toBe(404);
    });
  }
});
