import { approvedAmountProblems, capMessage, checkPlaces, mayTakeUp } from './case-rules';

describe('case rules (issue 14)', () => {
  it('the claim cap: all or none of the wanted banks get a place, never more than the cap live', () => {
    expect(checkPlaces([], ['a', 'b', 'c'], 3)).toBeNull();
    expect(checkPlaces([], ['a', 'b', 'c', 'd', 'e'], 3)).toEqual({ reason: 'CAP_REACHED', cap: 3, live: 0, free: 3, requested: 5 });
    expect(checkPlaces(['x', 'y'], ['a'], 3)).toBeNull();
    expect(checkPlaces(['x', 'y', 'z'], ['a'], 3)).toEqual({ reason: 'CAP_REACHED', cap: 3, live: 3, free: 0, requested: 1 });
    // Over the cap already (written before the rule held): no place, not a negative one.
    expect(checkPlaces(['w', 'x', 'y', 'z'], ['a'], 3)).toMatchObject({ free: 0 });
    // Duplicates count once; a bank already handling the need is told so first.
    expect(checkPlaces([], ['a', 'a', 'b'], 2)).toBeNull();
    expect(checkPlaces(['a', 'x', 'y'], ['a', 'b'], 3)).toEqual({ reason: 'ALREADY_TAKEN_UP', bankOrgIds: ['a'] });
  });

  it('names the cap in its messages', () => {
    expect(capMessage({ reason: 'CAP_REACHED', cap: 3, live: 3, free: 0, requested: 1 })).toBe('该融资需求已有3家机构在对接，每项融资需求至多3家机构同时对接，名额已满');
    expect(capMessage({ reason: 'CAP_REACHED', cap: 3, live: 1, free: 2, requested: 5 })).toBe('每项融资需求至多3家机构同时对接：已有1家，还可推送2家，本次选择了5家');
  });

  it('a bank takes a need up only while fewer than the cap of other banks did', () => {
    expect(mayTakeUp(0, 3)).toBe(true);
    expect(mayTakeUp(2, 3)).toBe(true);
    expect(mayTakeUp(3, 3)).toBe(false);
    expect(mayTakeUp(4, 3)).toBe(false);
  });

  it('credit approved: at most the need, at most the product’s maximum; less is fine', () => {
    const product = { name: '绿色交通贷', maxAmount: '500' };
    expect(approvedAmountProblems({ approvedAmount: '500.00', needAmount: '600', product })).toEqual([]);
    expect(approvedAmountProblems({ approvedAmount: '100', needAmount: '600.00', product })).toEqual([]);
    expect(approvedAmountProblems({ approvedAmount: '500.01', needAmount: '600', product })).toEqual(['不能超过产品“绿色交通贷”的最高额度500.00万元']);
    expect(approvedAmountProblems({ approvedAmount: '700', needAmount: '600', product })).toEqual(['不能超过融资需求金额600.00万元', '不能超过产品“绿色交通贷”的最高额度500.00万元']);
    expect(approvedAmountProblems({ approvedAmount: '600.01', needAmount: '600', product: null })).toEqual(['不能超过融资需求金额600.00万元']);
    expect(approvedAmountProblems({ approvedAmount: '9000', needAmount: '9000', product: { name: '不限额产品', maxAmount: null } })).toEqual([]);
  });
});
