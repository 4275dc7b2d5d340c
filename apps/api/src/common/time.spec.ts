import { zhanjiangDate, zhanjiangDateTime, zhanjiangNextMidnight, zhanjiangTime } from './time';

describe('the Zhanjiang clock (UTC+8)', () => {
  it('answers the date in Zhanjiang', () => {
    expect(zhanjiangDate(new Date('2026-02-24T16:30:00Z'))).toBe('2026-02-25');
    expect(zhanjiangDate(new Date('2023-12-31T16:30:00Z'))).toBe('2024-01-01');
    expect(zhanjiangDate(new Date('2023-12-31T15:59:00Z'))).toBe('2023-12-31');
    // 2025-03-01 17:00 UTC is already 2025-03-02 in Zhanjiang
    expect(zhanjiangDate(new Date('2025-03-01T17:00:00Z'))).toBe('2025-03-02');
    expect(zhanjiangDate(new Date('2025-03-01T16:00:00Z'))).toBe('2025-03-02');
    expect(zhanjiangDate(new Date('2025-03-01T15:59:59.999Z'))).toBe('2025-03-01');
  });

  it('answers today by default', () => {
    const before = zhanjiangDate(new Date());
    const today = zhanjiangDate();
    const after = zhanjiangDate(new Date());
    expect([before, after]).toContain(today);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('writes date and time to the minute, and the time of day', () => {
    expect(zhanjiangDateTime(new Date('2026-01-05T08:30:59Z'))).toBe('2026-01-05 16:30');
    expect(zhanjiangDateTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027-01-01 00:05');
    expect(zhanjiangTime(new Date('2026-12-07T14:40:00+08:00'))).toBe('14:40');
    expect(zhanjiangTime(new Date('2026-12-07T23:59:00Z'))).toBe('07:59');
  });

  it('answers when the next day begins in Zhanjiang', () => {
    // 23:59 in Zhanjiang on 12-07: the day ends at 16:00 UTC the same calendar day.
    expect(zhanjiangNextMidnight(new Date('2026-12-07T15:59:00Z')).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    // At midnight itself the next day is a whole day away; 00:30 on 1 January runs to 2 January.
    expect(zhanjiangNextMidnight(new Date('2026-12-07T16:00:00Z')).toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(zhanjiangNextMidnight(new Date('2026-12-31T16:30:00Z')).toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });

  it('refuses an invalid date rather than writing a wrong one', () => {
    expect(() => zhanjiangDate(new Date('not a date'))).toThrow(RangeError);
  });
});
