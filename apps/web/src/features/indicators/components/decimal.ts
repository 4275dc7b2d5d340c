import { formatMeasure } from '@zj/shared';

/**
 * Decimals as the API answers them ('12345.50'), shown without float arithmetic: the digits are
 * only grouped, never parsed into a number.
 */

/** What the API accepts for an indicator value or target: up to 12 integer digits and 2 decimals. */
export const DECIMAL_PATTERN = /^-?\d{1,12}(\.\d{1,2})?$/;

/**
 * A value with its unit as the unit of measure writes it (counts without decimals: '4 家', '1 次';
 * money and shares with two: '3,500.00 万元', '12.50%'): the shared formatMeasure, used wherever an
 * indicator's value is shown.
 */
export function withUnit(value: string | null | undefined, unit: string): string {
  return formatMeasure(value, unit);
}
