import { investmentProblem, needAmountProblem } from './need-rules';

describe('a need within its project’s total investment (issue 14)', () => {
  it('refuses a need larger than the investment, naming it; equal or less is fine; a whole-enterprise need has no bound', () => {
    expect(needAmountProblem('4500.00', '4500')).toBeNull();
    expect(needAmountProblem('100', '4500.00')).toBeNull();
    expect(needAmountProblem('4500.01', '4500')).toBe('不能超过所属项目总投资4500.00万元');
    expect(needAmountProblem('99999', null)).toBeNull();
  });

  it('refuses lowering a project’s investment under its largest need', () => {
    expect(investmentProblem('800.00', '800')).toBeNull();
    expect(investmentProblem('500', '800.00')).toBe('不能低于该项目融资需求的金额800.00万元');
    expect(investmentProblem('1', null)).toBeNull();
  });
});
