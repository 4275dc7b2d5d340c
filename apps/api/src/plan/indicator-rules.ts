import { IndicatorComparison, TargetStatus } from '@zj/shared';
import { toScaled } from './decimal';

/** Whether a value meets a target. ABOUT (左右) counts as met at 95% of the target or more. */
export function targetMet(comparison: IndicatorComparison, value: string, target: string): boolean {
  const v = toScaled(value);
  const t = toScaled(target);
  switch (comparison) {
    case IndicatorComparison.AT_LEAST:
      return v >= t;
    case IndicatorComparison.AT_MOST:
      return v <= t;
    case IndicatorComparison.ABOUT:
      return v * 100n >= t * 95n;
  }
}

/**
 * Where a target stands on `today` (YYYY-MM-DD), given the value at its deadline (or the latest value
 * before it, while the deadline has not come): met, still pending, missed once the deadline passed,
 * or no data at all.
 */
export function targetStatus(comparison: IndicatorComparison, value: string | null, target: string, deadline: string, today: string): TargetStatus {
  if (value === null) return deadline < today ? TargetStatus.MISSED : TargetStatus.NO_DATA;
  if (targetMet(comparison, value, target)) return TargetStatus.MET;
  return deadline < today ? TargetStatus.MISSED : TargetStatus.PENDING;
}

/** The last day of each of the `count` months up to and including the month of `today`, oldest first (YYYY-MM-DD). */
export function monthEnds(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i + 1, 0));
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** Today in Zhanjiang (Asia/Shanghai, UTC+8), YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
