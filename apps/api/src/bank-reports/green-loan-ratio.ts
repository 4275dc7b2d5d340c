import { fromScaled, percent, toScaled, type GreenLoanRatioPoint } from '@zj/shared';

export interface MonthTotals {
  /** YYYY-MM */
  month: string;
  green: string;
  total: string;
  banks: number;
}

/** The city's green loan ratio per month: Σ green ÷ Σ total of the banks that reported that month. */
export function ratioSeries(months: MonthTotals[]): GreenLoanRatioPoint[] {
  return [...months]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((m) => ({ month: m.month, green: m.green, total: m.total, banks: m.banks, ratio: percent(m.green, m.total) ?? '0.00' }));
}

/** Change of the latest ratio against the month before, in percentage points ('+0.35'), or null. */
export function ratioTrend(series: GreenLoanRatioPoint[]): string | null {
  if (series.length < 2) return null;
  const d = toScaled(series[series.length - 1].ratio) - toScaled(series[series.length - 2].ratio);
  const s = fromScaled(d, 2);
  return d > 0n ? `+${s}` : s;
}

/** YYYY-MM of a month, or null when not a valid month. */
export function parseMonth(value: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  return m ? `${m[1]}-${m[2]}` : null;
}
