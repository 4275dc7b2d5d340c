/**
 * Decimals as the API answers them ('12345.50'), shown without float arithmetic: the digits are
 * only grouped, never parsed into a number.
 */

/** What the API accepts for an indicator value or target: up to 12 integer digits and 2 decimals. */
export const DECIMAL_PATTERN = /^-?\d{1,12}(\.\d{1,2})?$/;

/** '1234567.50' → '1,234,567.50'; null/empty → '—'. */
export function formatDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!m) return value;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A value with its unit: '12.50%', '3.00 次'. */
export function withUnit(value: string | null | undefined, unit: string): string {
  const text = formatDecimal(value);
  if (text === '—') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
