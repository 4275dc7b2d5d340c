/**
 * Exact decimal arithmetic on the strings numeric columns answer (万元 amounts '1200.50', ratios
 * '12.3456'), without floats: the API and the web both use it. A value is read into a BigInt scaled
 * by 10^DECIMAL_SCALE (four decimals, the finest column: numeric(14,4)); results are written back
 * with a chosen number of decimals, rounding half away from zero.
 */
export const DECIMAL_SCALE = 4;
const FACTOR = 10n ** BigInt(DECIMAL_SCALE);
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Whether `value` is a plain decimal ('500', '-0.5', '1200.50'; no exponent, no grouping). */
export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** `a ÷ b` rounded half away from zero. */
function divRound(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const neg = (a < 0n) !== (b < 0n);
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  const q = (2n * x + y) / (2n * y);
  return neg ? -q : q;
}

/** A decimal string as an integer scaled by 10^DECIMAL_SCALE ('1200.5' → 12005000n); more decimals round half away from zero. */
export function toScaled(value: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const digits = m[3] ?? '';
  let n = BigInt(m[2]) * FACTOR;
  if (digits.length <= DECIMAL_SCALE) n += BigInt(digits.padEnd(DECIMAL_SCALE, '0') || '0');
  else n += divRound(BigInt(digits), 10n ** BigInt(digits.length - DECIMAL_SCALE));
  return m[1] ? -n : n;
}

/** Writes a scaled integer with `decimals` decimals (0 to DECIMAL_SCALE), rounding half away from zero. */
export function fromScaled(n: bigint, decimals = 2): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > DECIMAL_SCALE) throw new RangeError(`decimals must be 0 to ${DECIMAL_SCALE}: ${decimals}`);
  const neg = n < 0n;
  const abs = divRound(neg ? -n : n, 10n ** BigInt(DECIMAL_SCALE - decimals));
  const unit = 10n ** BigInt(decimals);
  const frac = (abs % unit).toString().padStart(decimals, '0');
  return `${neg && abs !== 0n ? '-' : ''}${abs / unit}${decimals ? `.${frac}` : ''}`;
}

/** The same value written with `decimals` decimals ('500' → '500.00'). */
export function formatDecimal(value: string, decimals = 2): string {
  return fromScaled(toScaled(value), decimals);
}

/** a + b, with `decimals` decimals. */
export function addDecimal(a: string, b: string, decimals = 2): string {
  return fromScaled(toScaled(a) + toScaled(b), decimals);
}

/** a − b, with `decimals` decimals. */
export function subtractDecimal(a: string, b: string, decimals = 2): string {
  return fromScaled(toScaled(a) - toScaled(b), decimals);
}

/** The sum of the values (null and undefined count as nothing; none sums to '0.00'). */
export function sumDecimal(values: readonly (string | null | undefined)[], decimals = 2): string {
  return fromScaled(
    values.reduce<bigint>((s, v) => (v === null || v === undefined ? s : s + toScaled(v)), 0n),
    decimals,
  );
}

/** -1, 0 or 1 as a is less than, equal to or greater than b ('10' = '10.00'). */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = toScaled(a);
  const y = toScaled(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The same value whatever its writing ('500' = '500.00'); two nulls are the same, a null and a value are not. */
export function sameDecimal(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return toScaled(a) === toScaled(b);
}

/** part ÷ whole × 100 with two decimals (rounded half away from zero); null when whole is 0. */
export function percent(part: string, whole: string): string | null {
  const w = toScaled(whole);
  if (w === 0n) return null;
  // In hundredths of a percent, then scaled back.
  const hundredths = divRound(toScaled(part) * 100n * 100n, w);
  return fromScaled(hundredths * 10n ** BigInt(DECIMAL_SCALE - 2), 2);
}
