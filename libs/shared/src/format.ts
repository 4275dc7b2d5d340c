import { formatDecimal, isDecimal } from './decimal';

/**
 * How figures are written for people, the same in the API (explanations, exports) and the web: a
 * value with its unit of measure, and a range. Values are the decimal strings the API answers
 * ('4.00', '1459082.46'); they are never turned into floats, only re-written.
 */

/** What a unit of measure counts: whole things, money, a share, or another quantity. */
export type MeasureKind = 'COUNT' | 'MONEY' | 'PERCENT' | 'QUANTITY';

/** Units that count whole things (家、个、次…): written without decimals. */
const COUNT_UNITS = new Set(['家', '个', '次', '项', '笔', '人', '人次', '户', '场', '件', '座', '台', '套', '名', '位', '条', '份', '批', '期', '所', '艘', '辆', '宗', '只', '株']);
const MONEY_UNITS = new Set(['元', '万元', '亿元']);
const PERCENT_UNITS = new Set(['%', '％']);

/** What `unit` measures (a unit not known is another quantity). */
export function measureKind(unit: string): MeasureKind {
  const u = unit.trim();
  if (PERCENT_UNITS.has(u)) return 'PERCENT';
  if (MONEY_UNITS.has(u)) return 'MONEY';
  if (COUNT_UNITS.has(u)) return 'COUNT';
  return 'QUANTITY';
}

/** '1234567' → '1,234,567'. */
const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The number of a value as its unit writes it, grouped by thousands: a count without decimals
 * ('4.00' 家 → '4'; a fraction a count should not have is kept: '4.50' → '4.5'), money and shares
 * with two ('3500' 万元 → '3,500.00'), another quantity with what it needs up to two ('1200.50' 吨
 * → '1,200.5'). Rounded by the shared decimal arithmetic (decimal.ts), never through floats.
 * Null or empty → '—'; what is not a decimal is answered as it is.
 */
export function formatMeasureNumber(value: string | null | undefined, unit: string): string {
  if (value === null || value === undefined || value.trim() === '') return '—';
  if (!isDecimal(value)) return value;
  const kind = measureKind(unit);
  let fixed = formatDecimal(value, 2);
  if (kind === 'COUNT' || kind === 'QUANTITY') fixed = fixed.replace(/\.?0+$/, '');
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}${group(int)}${frac ? `.${frac}` : ''}`;
}

/** A value with its unit: '4 家', '1 次', '3,500.00 万元', '10.19%'; null → '—'. */
export function formatMeasure(value: string | null | undefined, unit: string): string {
  const n = formatMeasureNumber(value, unit);
  if (n === '—') return n;
  const u = unit.trim();
  if (!u) return n;
  return measureKind(u) === 'PERCENT' ? `${n}${u}` : `${n} ${u}`;
}

/**
 * A range of a product's or a rule's limits, the one way ranges are written: '12–24个月', one value
 * when both ends are the same ('12个月', never '12–12个月'), '不超过120个月' or '不少于12个月' with one
 * end, '不限' with none. A percent repeats its sign ('3.05%–3.6%'). The ends are written as given.
 */
export function formatRange(min: string | number | null | undefined, max: string | number | null | undefined, unit: string): string {
  const lo = min === null || min === undefined || min === '' ? null : String(min);
  const hi = max === null || max === undefined || max === '' ? null : String(max);
  if (lo !== null && hi !== null) {
    if (lo === hi) return `${lo}${unit}`;
    return PERCENT_UNITS.has(unit) ? `${lo}${unit}–${hi}${unit}` : `${lo}–${hi}${unit}`;
  }
  if (hi !== null) return `不超过${hi}${unit}`;
  if (lo !== null) return `不少于${lo}${unit}`;
  return '不限';
}

/** Whether formatRange writes a range between two different ends ('12–24个月'), which reads "在…内". */
export function isBoundedRange(min: string | number | null | undefined, max: string | number | null | undefined): boolean {
  const given = (x: unknown) => x !== null && x !== undefined && x !== '';
  return given(min) && given(max) && String(min) !== String(max);
}

/**
 * Which value a target was judged on, for the words after its status: '按截止日的数值3 家，截至2023-12-31',
 * '截止日前无数值', '最新值4 家，截至2026-12-07', or '' (deadline ahead, no value yet).
 */
export function targetValueText(t: { basis: 'DEADLINE' | 'LATEST'; valueAtDeadline: string | null; valueAsOf: string | null }, unit: string): string {
  const value = t.valueAtDeadline === null ? null : formatMeasure(t.valueAtDeadline, unit);
  const asOf = t.valueAsOf ? `，截至${t.valueAsOf}` : '';
  if (t.basis === 'DEADLINE') return value === null ? '截止日前无数值' : `按截止日的数值${value}${asOf}`;
  return value === null ? '' : `最新值${value}${asOf}`;
}
