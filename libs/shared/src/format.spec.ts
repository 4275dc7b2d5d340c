import { formatMeasure, formatMeasureNumber, formatRange, isBoundedRange, measureKind } from './format';

describe('figures as people read them', () => {
  it('writes counts without decimals: the unit of measure decides', () => {
    expect(formatMeasure('4.00', '家')).toBe('4 家');
    expect(formatMeasure('1.00', '次')).toBe('1 次');
    expect(formatMeasure('15.00', '个')).toBe('15 个');
    expect(formatMeasure('1200.00', '个')).toBe('1,200 个');
    expect(formatMeasure('0.00', '家')).toBe('0 家');
    // A fraction a count should not have is shown, not hidden.
    expect(formatMeasure('4.50', '家')).toBe('4.5 家');
  });

  it('writes money and shares with two decimals, other quantities with what they need', () => {
    expect(formatMeasure('3500', '万元')).toBe('3,500.00 万元');
    expect(formatMeasure('1459082.456', '万元')).toBe('1,459,082.46 万元');
    expect(formatMeasure('10.19', '%')).toBe('10.19%');
    expect(formatMeasure('100', '%')).toBe('100.00%');
    expect(formatMeasure('1200.50', '吨')).toBe('1,200.5 吨');
    expect(formatMeasure('-0.004', '万元')).toBe('0.00 万元');
    expect(formatMeasure('-12.5', '万元')).toBe('-12.50 万元');
    expect(formatMeasure(null, '家')).toBe('—');
    expect(formatMeasureNumber('4.00', '家')).toBe('4');
    expect(measureKind(' 家 ')).toBe('COUNT');
    expect(measureKind('tCO2e')).toBe('QUANTITY');
  });

  it('writes a range once: one value when both ends are equal, words for an open end', () => {
    expect(formatRange(12, 24, '个月')).toBe('12–24个月');
    expect(formatRange(12, 12, '个月')).toBe('12个月');
    expect(formatRange(null, 120, '个月')).toBe('不超过120个月');
    expect(formatRange(12, null, '个月')).toBe('不少于12个月');
    expect(formatRange(null, null, '万元')).toBe('不限');
    expect(formatRange('3.05', '3.6', '%')).toBe('3.05%–3.6%');
    expect(formatRange('3.05', '3.05', '%')).toBe('3.05%');
    expect(isBoundedRange(12, 24)).toBe(true);
    expect(isBoundedRange(12, 12)).toBe(false);
    expect(isBoundedRange(null, 24)).toBe(false);
  });
});
