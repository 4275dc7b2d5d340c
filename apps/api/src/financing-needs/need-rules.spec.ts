import { MASKED, NeedSharing, NeedStatus } from '@zj/shared';
import { maskContact, needEditable, needOverdue, needTransitionAllowed, needVisibleToBank } from './need-rules';

describe('financing need rules', () => {
  it('allows the pipeline transitions and refuses leaving a final status', () => {
    expect(needTransitionAllowed(NeedStatus.OPEN, NeedStatus.IN_MATCHMAKING)).toBe(true);
    expect(needTransitionAllowed(NeedStatus.IN_MATCHMAKING, NeedStatus.SATISFIED)).toBe(true);
    expect(needTransitionAllowed(NeedStatus.IN_MATCHMAKING, NeedStatus.OPEN)).toBe(true);
    expect(needTransitionAllowed(NeedStatus.OPEN, NeedStatus.SATISFIED)).toBe(false);
    for (const final of [NeedStatus.SATISFIED, NeedStatus.WITHDRAWN, NeedStatus.EXPIRED]) {
      for (const to of Object.values(NeedStatus)) expect(needTransitionAllowed(final, to)).toBe(false);
    }
    expect(needEditable(NeedStatus.OPEN)).toBe(true);
    expect(needEditable(NeedStatus.IN_MATCHMAKING)).toBe(false);
  });

  it('shows a need to a bank only when shared with it, open and listed', () => {
    const need = { status: NeedStatus.OPEN, sharing: NeedSharing.SELECTED_BANKS, sharedWith: ['b1'] };
    expect(needVisibleToBank(need, 'b1', true)).toBe(true);
    expect(needVisibleToBank(need, 'b2', true)).toBe(false);
    expect(needVisibleToBank(need, 'b1', false)).toBe(false);
    expect(needVisibleToBank({ ...need, sharing: NeedSharing.ALL_BANKS }, 'b2', true)).toBe(true);
    expect(needVisibleToBank({ ...need, sharing: NeedSharing.NOT_SHARED }, 'b1', true)).toBe(false);
    expect(needVisibleToBank({ ...need, status: NeedStatus.WITHDRAWN }, 'b1', true)).toBe(false);
  });

  it('masks contact values but keeps a missing value missing', () => {
    const masked = maskContact({ contactName: '张三', contactPhone: '13800000000', contactEmail: null, other: 1 });
    expect(masked).toEqual({ contactName: MASKED, contactPhone: MASKED, contactEmail: null, other: 1 });
  });

  it('computes overdue against the date in Zhanjiang', () => {
    expect(needOverdue('2025-03-01', '2025-03-02')).toBe(true);
    expect(needOverdue('2025-03-02', '2025-03-02')).toBe(false);
    expect(needOverdue(null, '2025-03-02')).toBe(false);
  });
});
