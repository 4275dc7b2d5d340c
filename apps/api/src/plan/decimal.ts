/**
 * Exact decimal arithmetic on the strings numeric columns answer ('1200.50'), without floats:
 * values are scaled to integers (BigInt) with SCALE decimals.
 */
const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

export function toScaled(value: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE);
  const n = BigInt(m[2]) * FACTOR + BigInt(frac || '0');
  return m[1] ? -n : n;
}

/** Formats a scaled integer with `decimals` decimals, rounding half away from zero. */
export function fromScaled(n: bigint, decimals = 2): string {
  const neg = n < 0n;
  let abs = neg ? -n : n;
  const drop = 10n ** BigInt(SCALE - decimals);
  abs = (abs + drop / 2n) / drop;
  const unit = 10n ** BigInt(decimals);
  const int = abs / unit;
  const frac = (abs % unit).toString().padStart(decimals, '0');
  return `${neg && abs !== 0n ? '-' : ''}${int}${decimals ? `.${frac}` : ''}`;
}

export function compareDecimal(a: string, b: string): number {
  const x = toScaled(a);
  const y = toScaled(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export function sumDecimal(values: string[]): string {
  return fromScaled(values.reduce((s, v) => s + toScaled(v), 0n));
}

/** part ÷ whole × 100 with two decimals (half up); null when whole is 0. */
export function percent(part: string, whole: string): string | null {
  const p = toScaled(part);
  const w = toScaled(whole);
  if (w === 0n) return null;
  // In hundredths of a percent, doubled, so that (q + 1) / 2 rounds half up exactly once.
  const q = (p * 100n * 100n * 2n) / w;
  const hundredths = q >= 0n ? (q + 1n) / 2n : (q - 1n) / 2n;
  return fromScaled(hundredths * 100n, 2);
}
