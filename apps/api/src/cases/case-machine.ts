import { CaseParty, CaseState, FINAL_CASE_STATES } from '@zj/shared';

/**
 * The matchmaking case (对接) state machine as one table: from-state → to-state → the parties that
 * may make that step. Everything else is refused. Side effects (need status, closing the other
 * cases of a need, tranches) live in the service; this table decides only who may do what.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseState, Partial<Record<CaseState, readonly CaseParty[]>>>> = {
  [CaseState.PENDING]: {
    [CaseState.ACCEPTED]: [CaseParty.BANK],
    [CaseState.DECLINED]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
    // The bureau takes back a case nobody answers (and reassigns it).
    [CaseState.CLOSED]: [CaseParty.BUREAU],
  },
  [CaseState.ACCEPTED]: {
    [CaseState.IN_CONTACT]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
    [CaseState.CLOSED]: [CaseParty.BUREAU],
  },
  [CaseState.IN_CONTACT]: {
    [CaseState.UNDER_REVIEW]: [CaseParty.BANK],
    [CaseState.REJECTED]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
    [CaseState.CLOSED]: [CaseParty.BUREAU],
  },
  [CaseState.UNDER_REVIEW]: {
    [CaseState.APPROVED]: [CaseParty.BANK],
    [CaseState.REJECTED]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
  },
  [CaseState.APPROVED]: {
    [CaseState.DISBURSED]: [CaseParty.BANK],
    // The enterprise turns the offer down (it chose another bank, or no longer needs the money).
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
  },
  [CaseState.DISBURSED]: {
    // Repaid or follow-up finished.
    [CaseState.CLOSED]: [CaseParty.BANK],
  },
  [CaseState.DECLINED]: {},
  [CaseState.REJECTED]: {},
  [CaseState.CLOSED]: {},
  [CaseState.WITHDRAWN]: {},
};

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

/** Sum of tranches in 万元 cents (bigint), to compare with the approval without floats. */
export function toCents(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) throw new Error(`not a decimal amount: ${amount}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -cents : cents;
}

export function fromCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
