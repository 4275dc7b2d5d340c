import { CHECK_IN_CODE_LENGTH } from '@zj/shared';
import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed by hand is not misread. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const VALID = new RegExp(`^[${CROCKFORD_ALPHABET}]{${CHECK_IN_CODE_LENGTH}}$`);

/**
 * A new check-in code: 12 characters of Crockford base32 carrying 60 bits from the operating
 * system's cryptographic generator (never Math.random), stored as it is returned (normalised).
 * Guessing one of an event's few hundred codes takes about 2^51 tries.
 */
export function newCheckInCode(): string {
  const bytes = randomBytes(8);
  // The low 60 of 64 random bits, five at a time.
  let bits = bytes.readBigUInt64BE(0) & ((1n << 60n) - 1n);
  let out = '';
  for (let i = 0; i < CHECK_IN_CODE_LENGTH; i++) {
    out = CROCKFORD_ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/**
 * A code as typed or scanned, in its stored form: upper case, without spaces or dashes, with the
 * letters people confuse mapped as Crockford says (O → 0, I and L → 1). Null when what is left is
 * not 12 valid characters.
 */
export function normalizeCheckInCode(typed: string | null | undefined): string | null {
  if (typeof typed !== 'string') return null;
  const code = typed
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return VALID.test(code) ? code : null;
}

/** XXXX-XXXX-XXXX, as printed on the badge and shown on screen. */
export function formatCheckInCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
