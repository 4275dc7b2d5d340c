import { CROCKFORD_ALPHABET, formatCheckInCode, newCheckInCode, normalizeCheckInCode } from './check-in-code';

describe('check-in codes', () => {
  it('are 12 Crockford base32 characters, different every time', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = newCheckInCode();
      expect(c).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$/);
      codes.add(c);
    }
    expect(codes.size).toBe(2000);
  });

  it('use the whole alphabet in every position (60 random bits, no fixed or biased character)', () => {
    const seen = Array.from({ length: 12 }, () => new Set<string>());
    for (let i = 0; i < 3000; i++) [...newCheckInCode()].forEach((ch, k) => seen[k].add(ch));
    // 3000 draws of 32 equally likely characters miss one with probability ~32·(31/32)^3000 ≈ 0.
    for (const s of seen) expect(s.size).toBe(CROCKFORD_ALPHABET.length);
  });

  it('never come from Math.random', () => {
    const spy = jest.spyOn(Math, 'random');
    newCheckInCode();
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('are normalised as typed: case, spaces and dashes, O → 0, I and L → 1', () => {
    expect(normalizeCheckInCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
    expect(normalizeCheckInCode(' 0123 4567 89ab ')).toBe('0123456789AB');
    expect(normalizeCheckInCode('oOiI-lL00-1111')).toBe('00111100' + '1111');
    expect(normalizeCheckInCode('ABCD–EFGH—JKMN')).toBe('ABCDEFGHJKMN');
    const c = newCheckInCode();
    expect(normalizeCheckInCode(formatCheckInCode(c).toLowerCase())).toBe(c);
  });

  it('refuse what is not 12 valid characters', () => {
    expect(normalizeCheckInCode('ABCD-EFGH-JKM')).toBeNull();
    expect(normalizeCheckInCode('ABCD-EFGH-JKMNP')).toBeNull();
    // U is not a Crockford character, nor is punctuation.
    expect(normalizeCheckInCode('ABCD-EFGH-JKMU')).toBeNull();
    expect(normalizeCheckInCode('ABCD.EFGH.JKMN')).toBeNull();
    expect(normalizeCheckInCode('')).toBeNull();
    expect(normalizeCheckInCode(null)).toBeNull();
    expect(normalizeCheckInCode(undefined)).toBeNull();
  });

  it('are shown as XXXX-XXXX-XXXX', () => {
    expect(formatCheckInCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});
