/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters from a 31-character alphabet (digits and upper-case letters without I, O, Z, S, V):
 * 1 registration authority, 1 organisation type, 6 administrative division digits,
 * 9 organisation code (GB 11714, itself with a check character) and 1 check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'charset' | 'division' | 'checksum';

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c];
}

/** Why a code is not a valid unified social credit code, or null when it is valid. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'charset';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum';
}

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}

export const CREDIT_CODE_PROBLEM_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）',
  division: '统一社会信用代码第3至8位应为行政区划代码',
  checksum: '统一社会信用代码校验位不正确',
};

/** Completes a 17-character prefix with its check character (used to build demo and test data). */
export function withCreditCodeCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17.toUpperCase());
  if (!check || first17.length !== 17) throw new Error(`not a credit code prefix: ${first17}`);
  return first17.toUpperCase() + check;
}
