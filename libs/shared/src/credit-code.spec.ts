import { creditCodeProblem, isValidCreditCode, withCreditCodeCheckChar } from './credit-code';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes of real registrations', () => {
    // Codes from public business licences; the third has a wrong check character.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000600037341L')).toBe(true);
    expect(isValidCreditCode('91440800MA4UQK1X3B')).toBe(false);
  });

  it('names the problem of an invalid code', () => {
    expect(creditCodeProblem('9144080012345678')).toBe('length');
    expect(creditCodeProblem('91440800MA4UQK1XIO')).toBe('charset');
    expect(creditCodeProblem('91AB0800MA4UQK1X3B')).toBe('division');
    const good = withCreditCodeCheckChar('91440800MA4UQK1X3');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(creditCodeProblem(good)).toBeNull();
    expect(creditCodeProblem(bad)).toBe('checksum');
  });

  it('accepts lower case and surrounding spaces as the same code', () => {
    const good = withCreditCodeCheckChar('91440802MA55ABCD1');
    expect(isValidCreditCode(` ${good.toLowerCase()} `)).toBe(true);
  });
});
