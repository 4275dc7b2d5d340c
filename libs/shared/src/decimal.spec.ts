import {
  addDecimal,
  compareDecimal,
  formatDecimal,
  fromScaled,
  isDecimal,
  percent,
  sameDecimal,
  subtractDecimal,
  sumDecimal,
  toScaled,
} from './decimal';

describe('decimal strings', () => {
  it('parses and formats without floats', () => {
    expect(toScaled('1200.5')).toBe(12_005_000n);
    expect(fromScaled(toScaled('0.1'))).toBe('0.10');
    expect(sumDecimal(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimal(['99999999999.99', '0.01'])).toBe('100000000000.00');
    expect(() => toScaled('1e3')).toThrow();
  });

  it('rejects what is not a plain decimal', () => {
    for (const bad of ['', ' ', '1e3', '1,000', '1.', '.5', '+1', '--1', 'abc', 'NaN', 'Infinity']) {
      expect(isDecimal(bad)).toBe(false);
      expect(() => toScaled(bad)).toThrow(/not a decimal/);
    }
    expect(isDecimal(' 12.50 ')).toBe(true);
    expect(toScaled(' 12.50 ')).toBe(125_000n);
    expect(toScaled('-0.5')).toBe(-5_000n);
  });

  it('adds amounts exactly (the 万元 amounts of cases and intents)', () => {
    expect(toScaled('500')).toBe(5_000_000n);
    expect(toScaled('0.1') + toScaled('0.2')).toBe(toScaled('0.30'));
    expect(fromScaled(toScaled('1200.5') + toScaled('99.55'))).toBe('1300.05');
    expect(addDecimal('1200.5', '99.55')).toBe('1300.05');
    expect(addDecimal('0.1', '0.2')).toBe('0.30');
  });

  it('sums amounts, nulls counting as nothing', () => {
    expect(sumDecimal(['0.10', '0.20', null, '1000000.05'])).toBe('1000000.35');
    expect(sumDecimal([undefined, '1'])).toBe('1.00');
    expect(sumDecimal([])).toBe('0.00');
  });

  it('subtracts, down to negative values', () => {
    expect(subtractDecimal('1300.05', '99.55')).toBe('1200.50');
    expect(subtractDecimal('0.30', '0.1')).toBe('0.20');
    expect(subtractDecimal('1', '1.01')).toBe('-0.01');
  });

  it('compares', () => {
    expect(compareDecimal('10.00', '10')).toBe(0);
    expect(compareDecimal('9.99', '10')).toBe(-1);
    expect(compareDecimal('100.01', '100')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
  });

  it('knows the same amount whatever its writing', () => {
    expect(sameDecimal('500', '500.00')).toBe(true);
    expect(sameDecimal('500.01', '500.00')).toBe(false);
    expect(sameDecimal(null, null)).toBe(true);
    expect(sameDecimal(null, undefined)).toBe(true);
    expect(sameDecimal('0', null)).toBe(false);
  });

  it('formats with N decimals, rounding half away from zero', () => {
    // [value, decimals, written]
    const cases: [string, number, string][] = [
      ['500', 2, '500.00'],
      ['12.345', 2, '12.35'],
      ['12.344', 2, '12.34'],
      ['-12.345', 2, '-12.35'],
      ['-0.004', 2, '0.00'],
      ['2.5', 0, '3'],
      ['-2.5', 0, '-3'],
      ['0.12345', 4, '0.1235'],
      ['0.00005', 4, '0.0001'],
    ];
    for (const [value, decimals, written] of cases) expect(formatDecimal(value, decimals)).toBe(written);
    expect(formatDecimal('500')).toBe('500.00');
    expect(fromScaled(-5_000n, 1)).toBe('-0.5');
    expect(() => fromScaled(1n, 5)).toThrow(RangeError);
  });

  it('computes percentages with two decimals, rounding half up', () => {
    // [part, whole, part ÷ whole × 100]
    const cases: [string, string, string | null][] = [
      ['1', '3', '33.33'],
      ['2', '3', '66.67'],
      ['1000.00', '10000.00', '10.00'],
      ['1', '8', '12.50'],
      ['12495', '100000', '12.50'],
      ['124949', '1000000', '12.49'],
      ['-1', '8', '-12.50'],
      ['1', '0', null],
    ];
    for (const [part, whole, expected] of cases) expect(percent(part, whole)).toBe(expected);
  });
});
