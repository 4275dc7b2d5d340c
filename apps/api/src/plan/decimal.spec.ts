import { compareDecimal, fromScaled, percent, sumDecimal, toScaled } from './decimal';

describe('decimal strings', () => {
  it('parses and formats without floats', () => {
    expect(toScaled('1200.5')).toBe(12_005_000n);
    expect(fromScaled(toScaled('0.1'))).toBe('0.10');
    expect(sumDecimal(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimal(['99999999999.99', '0.01'])).toBe('100000000000.00');
    expect(() => toScaled('1e3')).toThrow();
  });

  it('compares', () => {
    expect(compareDecimal('10.00', '10')).toBe(0);
    expect(compareDecimal('9.99', '10')).toBe(-1);
    expect(compareDecimal('100.01', '100')).toBe(1);
  });

  it('computes percentages with two decimals, rounding half up', () => {
    expect(percent('1', '3')).toBe('33.33');
    expect(percent('2', '3')).toBe('66.67');
    expect(percent('1000.00', '10000.00')).toBe('10.00');
    expect(percent('1', '8')).toBe('12.50');
    expect(percent('12495', '100000')).toBe('12.50');
    expect(percent('124949', '1000000')).toBe('12.49');
    expect(percent('1', '0')).toBeNull();
  });
});
