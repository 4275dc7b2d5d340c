import { CASE_TRANSITIONS, CaseParty, CaseState, FINAL_CASE_STATES } from '@zj/shared';

/**
 * The matchmaking case (对接) state machine: the table (from-state → to-state → the parties that may
 * make that step) lives in @zj/shared beside the steps' action labels (CASE_ACTION_LABELS), so the web
 * names the steps the API allows. Everything else is refused. Side effects (need status, closing the
 * other cases of a need, tranches) live in the service; this table decides only who may do what.
 */
export { CASE_TRANSITIONS };

export type TransitionCheck = { ok: true } | { ok: false; reason: 'NOT_A_TRANSITION' | 'WRONG_PARTY' };

export function checkTransition(from: CaseState, to: CaseState, party: CaseParty): TransitionCheck {
  const parties = CASE_TRANSITIONS[from][to];
  if (!parties) return { ok: false, reason: 'NOT_A_TRANSITION' };
  if (!parties.includes(party)) return { ok: false, reason: 'WRONG_PARTY' };
  return { ok: true };
}

/** The states a party may move a case in `from` to. */
export function allowedTargets(from: CaseState, party: CaseParty | null): CaseState[] {
  if (!party) return [];
  return (Object.entries(CASE_TRANSITIONS[from]) as [CaseState, readonly CaseParty[]][]).filter(([, ps]) => ps.includes(party)).map(([to]) => to);
}

export function isFinal(state: CaseState): boolean {
  return FINAL_CASE_STATES.includes(state);
}

/** What a transition must carry. */
export const REQUIRED_FIELDS: Partial<Record<CaseState, readonly ('reasonCode' | 'reasonText' | 'approvedAmount' | 'ratePercent' | 'termMonths' | 'amount')[]>> = {
  [CaseState.DECLINED]: ['reasonCode'],
  [CaseState.REJECTED]: ['reasonText'],
  [CaseState.APPROVED]: ['approvedAmount', 'ratePercent', 'termMonths'],
  [CaseState.DISBURSED]: ['amount'],
};

/** The working-day deadline that runs in a state: answering a pending case, first contact after accepting. */
export enum DeadlineKind {
  ANSWER = 'ANSWER',
  FIRST_CONTACT = 'FIRST_CONTACT',
}
export function deadlineKindFor(state: CaseState): DeadlineKind | null {
  if (state === CaseState.PENDING) return DeadlineKind.ANSWER;
  if (state === CaseState.ACCEPTED) return DeadlineKind.FIRST_CONTACT;
  return null;
}

/**
 * The date of a tranche (放款日期), the one rule every path that records one follows (the API's
 * first disbursement and later tranches, the demo writer): a calendar date (YYYY-MM-DD that exists),
 * not after today and not before the day of the credit approval (the case's APPROVED step), both
 * dates in Zhanjiang. Answers what is wrong, in words a person can act on, or null.
 */
export function trancheDateProblem(on: string, o: { today: string; approvedOn: string | null }): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return '放款日期应为有效日期（YYYY-MM-DD）';
  if (on > o.today) return `放款日期不能晚于今天（${o.today}）`;
  if (!o.approvedOn) return '尚未授信，不能登记放款';
  if (on < o.approvedOn) return `放款日期不能早于授信日期（${o.approvedOn}）`;
  return null;
}
