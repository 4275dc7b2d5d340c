import { formatCodeKind, formatKind, narrow, numberText, serialToIso, shiftDecimalPoint, trimCell } from './cell-text';

describe('cell text as the spreadsheet shows it', () => {
  it('number formats: dates (custom and built-in, East Asian ones too) and percentages; General is a number', () => {
    expect(formatCodeKind('yyyy\\-mm\\-dd')).toBe('date');
    expect(formatCodeKind('yyyy"年"m"月"d"日"')).toBe('date');
    expect(formatCodeKind('[$-804]yyyy/m/d;@')).toBe('date');
    expect(formatCodeKind('m/d/yy h:mm')).toBe('date');
    expect(formatCodeKind('0.00%')).toBe('percent');
    expect(formatCodeKind('General')).toBeNull();
    expect(formatCodeKind('#,##0.00"万元"')).toBeNull();
    expect(formatCodeKind('h:mm:ss')).toBeNull();
    expect(formatKind(14, undefined)).toBe('date');
    expect(formatKind(31, undefined)).toBe('date'); // yyyy"年"m"月"d"日" in a Chinese Excel
    expect(formatKind(57, undefined)).toBe('date');
    expect(formatKind(10, undefined)).toBe('percent');
    expect(formatKind(0, undefined)).toBeNull();
    expect(formatKind(164, 'General')).toBeNull(); // LibreOffice writes General as a custom format
  });

  it('date serial numbers in the 1900 and 1904 systems', () => {
    expect(serialToIso(46143)).toBe('2026-05-01');
    expect(serialToIso(46143.75)).toBe('2026-05-01');
    expect(serialToIso(44682, true)).toBe('2026-05-02');
    expect(serialToIso(0)).toBeNull();
    expect(serialToIso(9_999_999)).toBeNull();
  });

  it('numbers without float noise or exponents; the decimal point moved exactly', () => {
    expect(numberText('0.30000000000000004')).toBe('0.3');
    expect(numberText('4812.3500000000004')).toBe('4812.35');
    expect(numberText('20000000')).toBe('20000000');
    expect(numberText('1E+21')).toBe('1000000000000000000000');
    expect(numberText('1e-7')).toBe('0.0000001');
    expect(shiftDecimalPoint('0.0385', 2)).toBe('3.85');
    expect(shiftDecimalPoint('1234567.89', -4)).toBe('123.456789');
    expect(shiftDecimalPoint('1.5', 4)).toBe('15000');
    expect(shiftDecimalPoint('-12', -3)).toBe('-0.012');
    expect(shiftDecimalPoint('0', -4)).toBe('0');
  });

  it('full-width forms narrowed, spaces of any width trimmed', () => {
    expect(narrow('１２３４．５６')).toBe('1234.56');
    expect(narrow('０７５９－１２３４５６７')).toBe('0759-1234567');
    expect(narrow('湛江（集团）')).toBe('湛江(集团)');
    expect(trimCell('\u3000麻章区\u3000 ')).toBe('麻章区');
    expect(trimCell('\u200b贷款\u00a0')).toBe('贷款');
  });
});
