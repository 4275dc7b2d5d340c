import { IndicatorComparison, TargetStatus, toScaled, type TargetBasis } from '@zj/shared';

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

/** A value of an indicator and the day it stands for (YYYY-MM-DD). */
export interface DatedValue {
  value: string | null;
  asOf: string | null;
}

/** How a target is judged, and on which value: the one at its deadline, or (deadline ahead) the latest. */
export interface TargetJudgement {
  status: TargetStatus;
  basis: TargetBasis;
  value: string | null;
  valueAsOf: string | null;
}

/**
 * Where a target stands on `today` (YYYY-MM-DD, Zhanjiang). A target whose deadline has passed is
 * judged on the value at its deadline (the latest known on or before that day): met, missed, or no
 * data when nothing was known by then — never on a value of later. A target whose deadline is ahead
 * (or is today: the day is not over) is in progress, shown with the latest value, reached or not.
 * The answer names the value used and the day it stands for.
 */
export function judgeTarget(
  target: { comparison: IndicatorComparison; value: string; deadline: string },
  today: string,
  atDeadline: DatedValue | null,
  latest: DatedValue | null,
): TargetJudgement {
  if (target.deadline >= today) {
    return { status: TargetStatus.PENDING, basis: 'LATEST', value: latest?.value ?? null, valueAsOf: latest?.value != null ? (latest.asOf ?? null) : null };
  }
  const value = atDeadline?.value ?? null;
  if (value === null) return { status: TargetStatus.NO_DATA, basis: 'DEADLINE', value: null, valueAsOf: null };
  const status = targetMet(target.comparison, value, target.value) ? TargetStatus.MET : TargetStatus.MISSED;
  return { status, basis: 'DEADLINE', value, valueAsOf: atDeadline?.asOf ?? null };
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
