import { parseMonth, ratioSeries, ratioTrend } from './green-loan-ratio';

describe('green loan ratio', () => {
  it('divides the sums, per month, in month order', () => {
    const s = ratioSeries([
      { month: '2026-02', green: '1100.00', total: '10000.00', banks: 2 },
      { month: '2026-01', green: '950.50', total: '10000.00', banks: 2 },
    ]);
    expect(s.map((p) => [p.month, p.ratio])).toEqual([
      ['2026-01', '9.51'],
      ['2026-02', '11.00'],
    ]);
    expect(ratioTrend(s)).toBe('+1.49');
    expect(ratioTrend([s[1], { ...s[0], month: '2026-03' }])).toBe('-1.49');
    expect(ratioTrend(s.slice(0, 1))).toBeNull();
  });

  it('reads months', () => {
    expect(parseMonth('2026-03')).toBe('2026-03');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-3')).toBeNull();
  });
});
