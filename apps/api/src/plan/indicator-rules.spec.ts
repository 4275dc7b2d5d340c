import { IndicatorComparison, TargetStatus } from '@zj/shared';
import { monthEnds, shanghaiToday, targetMet, targetStatus } from './indicator-rules';

describe('indicator targets', () => {
  it('compares against the target by its comparison', () => {
    expect(targetMet(IndicatorComparison.AT_LEAST, '10.00', '10.00')).toBe(true);
    expect(targetMet(IndicatorComparison.AT_LEAST, '9.99', '10.00')).toBe(false);
    expect(targetMet(IndicatorComparison.AT_MOST, '9.99', '10.00')).toBe(true);
    expect(targetMet(IndicatorComparison.AT_MOST, '10.01', '10.00')).toBe(false);
    // 约15%: met from 14.25% (95% of the target).
    expect(targetMet(IndicatorComparison.ABOUT, '14.25', '15.00')).toBe(true);
    expect(targetMet(IndicatorComparison.ABOUT, '14.24', '15.00')).toBe(false);
    expect(targetMet(IndicatorComparison.ABOUT, '16.00', '15.00')).toBe(true);
  });

  it('is pending before the deadline and missed after it when not met', () => {
    const t = (value: string | null, today: string) => targetStatus(IndicatorComparison.AT_LEAST, value, '3.00', '2023-12-31', today);
    expect(t('2.00', '2023-06-30')).toBe(TargetStatus.PENDING);
    expect(t('3.00', '2023-06-30')).toBe(TargetStatus.MET);
    expect(t('2.00', '2024-01-01')).toBe(TargetStatus.MISSED);
    expect(t('2.00', '2023-12-31')).toBe(TargetStatus.PENDING);
    expect(t(null, '2023-06-30')).toBe(TargetStatus.NO_DATA);
    expect(t(null, '2024-01-01')).toBe(TargetStatus.MISSED);
  });

  it('lists month ends', () => {
    expect(monthEnds('2024-03-15', 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(monthEnds('2024-01-02', 2)).toEqual(['2023-12-31', '2024-01-31']);
  });

  it('answers the date in Zhanjiang', () => {
    expect(shanghaiToday(new Date('2023-12-31T16:30:00Z'))).toBe('2024-01-01');
    expect(shanghaiToday(new Date('2023-12-31T15:59:00Z'))).toBe('2023-12-31');
  });
});
