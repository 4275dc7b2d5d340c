import { compareDecimal, formatDecimal } from '@zj/shared';

/**
 * Rules every path into or through a case obeys (issue 14), as plain functions; the service calls
 * them from the one place each path goes through (openCase for a new case, move for a step).
 * docs/LIBRARY.md "Rules that hold on every path" says the same in words.
 */

/** Why a bank may not take a place on a need: it already handles it, or the cap is reached. */
export type PlaceRefusal =
  | { reason: 'ALREADY_TAKEN_UP'; bankOrgIds: string[] }
  | { reason: 'CAP_REACHED'; cap: number; live: number; free: number; requested: number };

/**
 * The claim cap (CASE_CLAIM_CAP): at most `cap` banks hold a live case (pending or further, not
 * ended) on one need at once, whatever opened it — claim, application, the bureau's push,
 * reassignment, referral, an intent signed at an event. `liveBankOrgIds` are the banks holding a
 * live case now, `wanted` the banks asking for a place (all or none get one).
 */
export function checkPlaces(liveBankOrgIds: readonly string[], wanted: readonly string[], cap: number): PlaceRefusal | null {
  const live = new Set(liveBankOrgIds);
  const taken = [...new Set(wanted)].filter((b) => live.has(b));
  if (taken.length) return { reason: 'ALREADY_TAKEN_UP', bankOrgIds: taken };
  const requested = new Set(wanted).size;
  const free = Math.max(0, cap - live.size);
  return requested > free ? { reason: 'CAP_REACHED', cap, live: live.size, free, requested } : null;
}

/** The message of a refused place, in Chinese, naming the cap (one bank claiming, or the bureau pushing to several). */
export function capMessage(r: Extract<PlaceRefusal, { reason: 'CAP_REACHED' }>): string {
  if (r.requested === 1) return `该融资需求已有${r.live}家机构在对接，每项融资需求至多${r.cap}家机构同时对接，名额已满`;
  return `每项融资需求至多${r.cap}家机构同时对接：已有${r.live}家，还可推送${r.free}家，本次选择了${r.requested}家`;
}

/**
 * The contact-reveal rule's side of the cap: a bank accepting a case (and so seeing the enterprise's
 * contact) may do so only while fewer than `cap` other banks have taken the need up. Holds even for
 * cases written before the cap held on every path, or when the cap was lowered.
 */
export function mayTakeUp(otherBanksTakenUp: number, cap: number): boolean {
  return otherBanksTakenUp < cap;
}

/**
 * Credit approved (授信) for a need: no more than the need asked for (the platform records the
 * financing of this need; more credit than asked is another need), nor than the maximum of the
 * product the case runs under (a product's published limit). Less is fine: amounts may differ from
 * the request. Answers the messages for the approvedAmount field (empty when fine).
 */
export function approvedAmountProblems(o: { approvedAmount: string; needAmount: string; product?: { name: string; maxAmount: string | null } | null }): string[] {
  const out: string[] = [];
  if (compareDecimal(o.approvedAmount, o.needAmount) > 0) out.push(`不能超过融资需求金额${formatDecimal(o.needAmount)}万元`);
  if (o.product?.maxAmount && compareDecimal(o.approvedAmount, o.product.maxAmount) > 0) out.push(`不能超过产品“${o.product.name}”的最高额度${formatDecimal(o.product.maxAmount)}万元`);
  return out;
}
