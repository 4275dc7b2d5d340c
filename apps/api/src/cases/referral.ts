import { CASE_STATE_LABELS, CaseState, NEED_STATUS_LABELS, NeedStatus, type ProductMatch, type ReferralProposal } from '@zj/shared';

/**
 * Referral after a decline (转介): the rules as plain functions. A case the bank declined (or whose
 * credit review failed) may send its need on to another bank while the need is still open; the
 * platform proposes the next best products of banks that have not handled the need, widening to the
 * near misses when none fits fully, and always says which it did (or why there is nothing).
 */
export const REFERRABLE_STATES: readonly CaseState[] = [CaseState.DECLINED, CaseState.REJECTED];
export const REFERRAL_PROPOSALS = 5;

/** Why a case cannot be referred now, or null when it can. */
export function referralBlock(state: CaseState, needStatus: NeedStatus | string): string | null {
  if (!REFERRABLE_STATES.includes(state)) return `只有已婉拒或审查未通过的对接可以转介（当前：${CASE_STATE_LABELS[state] ?? state}）`;
  if (needStatus !== NeedStatus.OPEN && needStatus !== NeedStatus.IN_MATCHMAKING) {
    return `该融资需求${NEED_STATUS_LABELS[needStatus as NeedStatus] ?? needStatus}，不能再转介`;
  }
  return null;
}

/**
 * The proposals of a referral from the need's ranking among the banks not yet involved: the full
 * matches; when there are none, the near misses (one hard criterion failed); and one sentence saying
 * which (or why the list is empty).
 */
export function referralProposals(
  ranked: { matches: ProductMatch[]; nearMisses: ProductMatch[] },
  excludedBankNames: string[],
  limit = REFERRAL_PROPOSALS,
): { proposals: ReferralProposal[]; widened: boolean; note: string } {
  const excluded = excludedBankNames.length ? `（已排除办理过本需求的${excludedBankNames.join('、')}）` : '';
  if (ranked.matches.length) {
    const proposals = ranked.matches.slice(0, limit).map((m) => ({ ...m, nearMiss: false }));
    return { proposals, widened: false, note: `其他金融机构中最符合本需求的${proposals.length}个产品${excluded}，均满足全部必要条件，匹配理由见各产品说明。` };
  }
  if (ranked.nearMisses.length) {
    const proposals = ranked.nearMisses.slice(0, limit).map((m) => ({ ...m, nearMiss: true }));
    return {
      proposals,
      widened: true,
      note: `其他金融机构没有完全符合本需求全部必要条件的产品${excluded}；以下${proposals.length}个产品仅有一项条件不符（见各产品说明），转介后由该机构决定能否办理。`,
    };
  }
  return {
    proposals: [],
    widened: true,
    note: `其他金融机构目前没有符合本需求、或仅有一项条件不符的发布中产品${excluded}。可调整融资需求（金额、期限、融资方式等）后重新匹配，或由市金融工作局指定金融机构转介。`,
  };
}
