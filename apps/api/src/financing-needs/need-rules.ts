import { MASKED, NeedSharing, NeedStatus } from '@zj/shared';

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
    AND (
      (${n}.project_id IS NOT NULL AND EXISTS (SELECT 1 FROM projects vp WHERE vp.id = ${n}.project_id AND vp.status = 'LISTED'))
      OR (${n}.project_id IS NULL AND (
        EXISTS (SELECT 1 FROM projects vp2 WHERE vp2.enterprise_org_id = ${n}.enterprise_org_id AND vp2.status = 'LISTED')
        OR EXISTS (SELECT 1 FROM green_identifications gi WHERE gi.enterprise_org_id = ${n}.enterprise_org_id AND gi.status = 'APPROVED' AND current_date BETWEEN gi.valid_from AND gi.valid_until)
      ))
    ))`;
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

/** Today's date in Zhanjiang (Asia/Shanghai, UTC+8, no DST). */
export function todayInZhanjiang(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
