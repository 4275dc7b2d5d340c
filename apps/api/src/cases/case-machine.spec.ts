import { CaseParty, CaseState } from '@zj/shared';
import { allowedTargets, CASE_TRANSITIONS, checkTransition } from './case-machine';

/** Every allowed step, written out by hand: the table must say exactly this. */
const EXPECTED_ALLOWED: [CaseState, CaseState, CaseParty][] = [
  [CaseState.PENDING, CaseState.ACCEPTED, CaseParty.BANK],
  [CaseState.PENDING, CaseState.DECLINED, CaseParty.BANK],
  [CaseState.PENDING, CaseState.WITHDRAWN, CaseParty.ENTERPRISE],
  [CaseState.PENDING, CaseState.CLOSED, CaseParty.BUREAU],
  [CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseParty.BANK],
  [CaseState.ACCEPTED, CaseState.WITHDRAWN, CaseParty.ENTERPRISE],
  [CaseState.ACCEPTED, CaseState.CLOSED, CaseParty.BUREAU],
  [CaseState.IN_CONTACT, CaseState.UNDER_REVIEW, CaseParty.BANK],
  [CaseState.IN_CONTACT, CaseState.REJECTED, CaseParty.BANK],
  [CaseState.IN_CONTACT, CaseState.WITHDRAWN, CaseParty.ENTERPRISE],
  [CaseState.IN_CONTACT, CaseState.CLOSED, CaseParty.BUREAU],
  [CaseState.UNDER_REVIEW, CaseState.APPROVED, CaseParty.BANK],
  [CaseState.UNDER_REVIEW, CaseState.REJECTED, CaseParty.BANK],
  [CaseState.UNDER_REVIEW, CaseState.WITHDRAWN, CaseParty.ENTERPRISE],
  [CaseState.APPROVED, CaseState.DISBURSED, CaseParty.BANK],
  [CaseState.APPROVED, CaseState.WITHDRAWN, CaseParty.ENTERPRISE],
  [CaseState.DISBURSED, CaseState.CLOSED, CaseParty.BANK],
];

const key = (from: CaseState, to: CaseState, p: CaseParty) => `${from}>${to}@${p}`;

describe('case state machine', () => {
  const expected = new Set(EXPECTED_ALLOWED.map(([f, t, p]) => key(f, t, p)));

  it('allows exactly the expected steps, for every state pair and every party', () => {
    let allowed = 0;
    let refused = 0;
    for (const from of Object.values(CaseState)) {
      for (const to of Object.values(CaseState)) {
        for (const party of Object.values(CaseParty)) {
          const r = checkTransition(from, to, party);
          expect({ step: key(from, to, party), ok: r.ok }).toEqual({ step: key(from, to, party), ok: expected.has(key(from, to, party)) });
          if (r.ok) allowed++;
          else refused++;
        }
      }
    }
    expect(allowed).toBe(EXPECTED_ALLOWED.length);
    expect(refused).toBe(10 * 10 * 3 - EXPECTED_ALLOWED.length);
  });

  it('tells a step that does not exist from a step of another party', () => {
    expect(checkTransition(CaseState.PENDING, CaseState.APPROVED, CaseParty.BANK)).toEqual({ ok: false, reason: 'NOT_A_TRANSITION' });
    expect(checkTransition(CaseState.PENDING, CaseState.ACCEPTED, CaseParty.ENTERPRISE)).toEqual({ ok: false, reason: 'WRONG_PARTY' });
    expect(checkTransition(CaseState.PENDING, CaseState.ACCEPTED, CaseParty.BUREAU)).toEqual({ ok: false, reason: 'WRONG_PARTY' });
  });

  it('final states lead nowhere', () => {
    for (const s of [CaseState.DECLINED, CaseState.REJECTED, CaseState.CLOSED, CaseState.WITHDRAWN]) {
      expect(Object.keys(CASE_TRANSITIONS[s])).toEqual([]);
    }
  });

  it('lists what a party may do next', () => {
    expect(allowedTargets(CaseState.PENDING, CaseParty.BANK).sort()).toEqual([CaseState.ACCEPTED, CaseState.DECLINED].sort());
    expect(allowedTargets(CaseState.APPROVED, CaseParty.ENTERPRISE)).toEqual([CaseState.WITHDRAWN]);
    expect(allowedTargets(CaseState.DISBURSED, CaseParty.ENTERPRISE)).toEqual([]);
    expect(allowedTargets(CaseState.PENDING, null)).toEqual([]);
  });
});
