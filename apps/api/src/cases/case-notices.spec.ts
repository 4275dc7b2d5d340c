import { CaseState, DeclineReason } from '@zj/shared';
import { caseNoticeDetail } from './case-notices';

describe('caseNoticeDetail: what one side wrote reaches the other in the notice', () => {
  it('a decline names the reason and the explanation, then the note', () => {
    expect(caseNoticeDetail(CaseState.DECLINED, { reasonCode: DeclineReason.COLLATERAL, reasonText: '应收账款质押不足', comment: '可补充保证担保' })).toBe(
      '婉拒原因：担保条件不足（应收账款质押不足）。附言：可补充保证担保',
    );
  });

  it('a credit approval carries its terms; a rejection its reason, not twice', () => {
    expect(caseNoticeDetail(CaseState.APPROVED, { approvedAmount: '750.00', ratePercent: '3.20', termMonths: 60 })).toBe('授信金额750.00万元，年利率3.20%，期限60个月。');
    // the API keeps the reason as the step's comment when no note was typed: said once
    expect(caseNoticeDetail(CaseState.REJECTED, { reasonText: '经营现金流不足', comment: '经营现金流不足' })).toBe('原因：经营现金流不足。');
  });

  it('nothing typed, nothing added', () => {
    expect(caseNoticeDetail(CaseState.ACCEPTED, {})).toBe('');
    expect(caseNoticeDetail(CaseState.PENDING, { comment: '项目已取得环评批复' })).toBe('附言：项目已取得环评批复');
  });
});
