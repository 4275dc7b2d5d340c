import { compareDecimal, formatDecimal, MASKED, NeedSharing, NeedStatus } from '@zj/shared';

/** Financing need rules as plain functions: status transitions, bank visibility, contact masking. */

const TRANSITIONS: Record<NeedStatus, NeedStatus[]> = {
  [NeedStatus.OPEN]: [NeedStatus.IN_MATCHMAKING, NeedStatus.WITHDRAWN, NeedStatus.EXPIRED],
  [NeedStatus.IN_MATCHMAKING]: [NeedStatus.SATISFIED, NeedStatus.OPEN, NeedStatus.WITHDRAWN],
  [NeedStatus.SATISFIED]: [],
  [NeedStatus.WITHDRAWN]: [],
  [NeedStatus.EXPIRED]: [],
};

export function needTransitionAllowed(from: NeedStatus, to: NeedStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** An enterprise may change its need while it is open (not once a bank handles it). */
export function needEditable(status: NeedStatus): boolean {
  return status === NeedStatus.OPEN;
}

/** Statuses in which a bank may discover a need. */
export const BANK_VISIBLE_NEED_STATUSES: readonly NeedStatus[] = [NeedStatus.OPEN, NeedStatus.IN_MATCHMAKING];

/**
 * A WHERE fragment: the need aliased `n` is visible to the bank whose id is bound at `bankParam`
 * (e.g. ':bankOrgId' for a query builder, '$1' for raw SQL): open or in matchmaking, shared with the
 * bank, and its project listed (a need of the enterprise as a whole: the enterprise has a listed project
 * or a valid green identification).
 */
export function needVisibleToBankSql(n = 'n', bankParam = ':bankOrgId'): string {
  return `(${n}.status IN ('OPEN','IN_MATCHMAKING')
    AND (${n}.sharing = 'ALL_BANKS' OR (${n}.sharing = 'SELECTED_BANKS' AND EXISTS (SELECT 1 FROM financing_need_banks fnb WHERE fnb.need_id = ${n}.id AND fnb.bank_org_id = ${bankParam})))
    AND ${needListedSql(n)})`;
}

/**
 * A WHERE fragment: the need aliased `n` stands in the library for banks — its project is listed (入库;
 * not a draft, under review, or returned for changes, 退回), or, for a need of the enterprise as a
 * whole, the enterprise has a listed project or a valid green identification. Every path into a case
 * (application, claim, the bureau's push, reassignment, referral, an intent at an event) requires it:
 * a need of a returned project reaches no bank (issue 14).
 */
export function needListedSql(n = 'n'): string {
  return `(
      (${n}.project_id IS NOT NULL AND EXISTS (SELECT 1 FROM projects vp WHERE vp.id = ${n}.project_id AND vp.status = 'LISTED'))
      OR (${n}.project_id IS NULL AND (
        EXISTS (SELECT 1 FROM projects vp2 WHERE vp2.enterprise_org_id = ${n}.enterprise_org_id AND vp2.status = 'LISTED')
        OR EXISTS (SELECT 1 FROM green_identifications gi WHERE gi.enterprise_org_id = ${n}.enterprise_org_id AND gi.status = 'APPROVED' AND current_date BETWEEN gi.valid_from AND gi.valid_until)
      ))
    )`;
}

/** Needs that count against their project's total investment (a withdrawn or expired need no longer does). */
export const NEED_STATUSES_WITHIN_INVESTMENT: readonly NeedStatus[] = [NeedStatus.OPEN, NeedStatus.IN_MATCHMAKING, NeedStatus.SATISFIED];

/**
 * A need asks for no more than its project's total investment (总投资): the message for the amount
 * field, or null. Every path that writes a need's amount uses it — the form/API (the enterprise, the
 * county or department that registered it, the bureau), the import — and `investmentProblem` the other
 * way round, when a project's investment changes. A need of the enterprise as a whole has no bound.
 */
export function needAmountProblem(amount: string, totalInvestment: string | null | undefined): string | null {
  if (totalInvestment === null || totalInvestment === undefined) return null;
  return compareDecimal(amount, totalInvestment) > 0 ? `不能超过所属项目总投资${formatDecimal(totalInvestment)}万元` : null;
}

/** A project's total investment is no less than the largest of its needs (`largestNeed`, null when none): the message for the field, or null. */
export function investmentProblem(totalInvestment: string, largestNeed: string | null | undefined): string | null {
  if (largestNeed === null || largestNeed === undefined) return null;
  return compareDecimal(totalInvestment, largestNeed) < 0 ? `不能低于该项目融资需求的金额${formatDecimal(largestNeed)}万元` : null;
}

/** Same rule on loaded values (for a single need). */
export function needVisibleToBank(
  need: { status: NeedStatus; sharing: NeedSharing; sharedWith: string[] },
  bankOrgId: string,
  listed: boolean,
): boolean {
  if (!BANK_VISIBLE_NEED_STATUSES.includes(need.status)) return false;
  if (need.sharing === NeedSharing.NOT_SHARED) return false;
  if (need.sharing === NeedSharing.SELECTED_BANKS && !need.sharedWith.includes(bankOrgId)) return false;
  return listed;
}

export interface ContactFields {
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** Contact details with the values replaced by a mask (a missing value stays missing). */
export function maskContact<T extends ContactFields>(c: T): T {
  const m = (v: string | null) => (v ? MASKED : null);
  return { ...c, contactName: m(c.contactName), contactPhone: m(c.contactPhone), contactEmail: m(c.contactEmail) };
}

/** Whether a need is past its wanted-by date (an ISO date) on `today` (ISO date, Asia/Shanghai). */
export function needOverdue(wantedBy: string | null, today: string): boolean {
  return !!wantedBy && wantedBy < today;
}
