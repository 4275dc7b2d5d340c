import { IndicatorComparison, TargetStatus } from '@zj/shared';
import { judgeTarget, monthEnds, targetMet } from './indicator-rules';

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

  it('judges a target whose deadline has passed on the value at the deadline: met, missed, or no data', () => {
    const judge = (atDeadline: { value: string; asOf: string } | null, latest: { value: string; asOf: string } | null = { value: '10.19', asOf: '2026-11-30' }) =>
      judgeTarget({ comparison: IndicatorComparison.AT_LEAST, value: '10.00', deadline: '2023-12-31' }, '2026-12-07', atDeadline, latest);
    // The latest value (10.19) meets the target, but the deadline's value decides.
    expect(judge({ value: '9.80', asOf: '2023-12-31' })).toEqual({ status: TargetStatus.MISSED, basis: 'DEADLINE', value: '9.80', valueAsOf: '2023-12-31' });
    expect(judge({ value: '10.00', asOf: '2023-11-30' })).toEqual({ status: TargetStatus.MET, basis: 'DEADLINE', value: '10.00', valueAsOf: '2023-11-30' });
    // Nothing known on or before the deadline: no data, never "missed" (and never the latest value).
    expect(judge(null)).toEqual({ status: TargetStatus.NO_DATA, basis: 'DEADLINE', value: null, valueAsOf: null });
  });

  it('shows a target whose deadline is ahead as in progress, with the latest value', () => {
    const judge = (latest: { value: string; asOf: string } | null, today = '2026-12-07') =>
      judgeTarget({ comparison: IndicatorComparison.ABOUT, value: '15.00', deadline: '2030-12-31' }, today, null, latest);
    expect(judge({ value: '10.19', asOf: '2026-11-30' })).toEqual({ status: TargetStatus.PENDING, basis: 'LATEST', value: '10.19', valueAsOf: '2026-11-30' });
    // Even when already reached: the deadline decides, later.
    expect(judge({ value: '16.00', asOf: '2026-11-30' }).status).toBe(TargetStatus.PENDING);
    expect(judge(null)).toEqual({ status: TargetStatus.PENDING, basis: 'LATEST', value: null, valueAsOf: null });
    // On the deadline day itself the day is not over yet.
    expect(judge({ value: '16.00', asOf: '2030-12-31' }, '2030-12-31').status).toBe(TargetStatus.PENDING);
    expect(judgeTarget({ comparison: IndicatorComparison.ABOUT, value: '15.00', deadline: '2030-12-31' }, '2031-01-01', { value: '16.00', asOf: '2030-12-31' }, null).status).toBe(TargetStatus.MET);
  });

  it('lists month ends', () => {
    expect(monthEnds('2024-03-15', 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(monthEnds('2024-01-02', 2)).toEqual(['2023-12-31', '2024-01-31']);
  });
});
