import { CaseState, NeedStatus, type ProductMatch } from '@zj/shared';
import { referralBlock, referralProposals } from './referral';

const match = (id: string, failed: string[] = []): ProductMatch =>
  ({ product: { id }, match: { score: 80, eligible: failed.length === 0, failed, criteria: [], summary: failed.length ? '期限不符' : '符合' } }) as unknown as ProductMatch;

describe('referral after a decline (转介)', () => {
  it('is open to a declined or rejected case whose need is still open, and says why not otherwise', () => {
    expect(referralBlock(CaseState.DECLINED, NeedStatus.OPEN)).toBeNull();
    expect(referralBlock(CaseState.REJECTED, NeedStatus.IN_MATCHMAKING)).toBeNull();
    expect(referralBlock(CaseState.PENDING, NeedStatus.OPEN)).toContain('只有已婉拒或审查未通过的对接可以转介（当前：待受理）');
    expect(referralBlock(CaseState.WITHDRAWN, NeedStatus.OPEN)).toContain('企业已撤回');
    expect(referralBlock(CaseState.DECLINED, NeedStatus.SATISFIED)).toBe('该融资需求已满足，不能再转介');
  });

  it('proposes the full matches first, at most five, and says so', () => {
    const r = referralProposals({ matches: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => match(id)), nearMisses: [match('x', ['TERM'])] }, ['甲银行']);
    expect(r.proposals.map((p) => p.product.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.proposals.every((p) => !p.nearMiss)).toBe(true);
    expect(r.widened).toBe(false);
    expect(r.note).toContain('5个产品');
    expect(r.note).toContain('已排除办理过本需求的甲银行');
  });

  it('widens to the near misses when nothing fits fully, and says so', () => {
    const r = referralProposals({ matches: [], nearMisses: [match('x', ['TERM']), match('y', ['AMOUNT'])] }, []);
    expect(r.proposals.map((p) => [p.product.id, p.nearMiss])).toEqual([
      ['x', true],
      ['y', true],
    ]);
    expect(r.widened).toBe(true);
    expect(r.note).toContain('没有完全符合');
    expect(r.note).toContain('仅有一项条件不符');
    expect(r.note).not.toContain('已排除');
  });

  it('is never empty without saying why', () => {
    const r = referralProposals({ matches: [], nearMisses: [] }, ['甲银行', '乙银行']);
    expect(r.proposals).toEqual([]);
    expect(r.note).toContain('没有符合本需求');
    expect(r.note).toContain('甲银行、乙银行');
    expect(r.note).toContain('市金融工作局指定金融机构转介');
  });
});
