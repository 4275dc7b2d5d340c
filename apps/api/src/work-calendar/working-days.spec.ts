import { CalendarDayKind } from '@zj/shared';
import { OFFICIAL_SCHEDULES, scheduleDays } from './official-schedules';
import { addWorkingDays, isOverdue, isWorkingDay, workingDaysBetween } from './working-days';

const calendar = new Map(scheduleDays([...OFFICIAL_SCHEDULES[2025], ...OFFICIAL_SCHEDULES[2026]]).map((d) => [d.date, d.kind]));
const none = new Map<string, CalendarDayKind>();

describe('working days (法定节假日与调休)', () => {
  it('counts plain weeks: weekends are off without a calendar', () => {
    // Thu 2026-03-05 + 3 working days = Tue 2026-03-10 (skips Sat/Sun)
    expect(addWorkingDays('2026-03-05', 3, none)).toBe('2026-03-10');
    expect(isWorkingDay('2026-03-07', none)).toBe(false);
  });

  it('skips the whole 2026 Spring Festival (2月15日–23日) and works the adjusted Saturdays', () => {
    for (let day = 15; day <= 23; day++) expect(isWorkingDay(`2026-02-${day}`, calendar)).toBe(false);
    expect(isWorkingDay('2026-02-14', calendar)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-02-28', calendar)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-02-24', calendar)).toBe(true);
    // A case opened on Fri 2026-02-13: Sat 14 (worked) is day 1, then the festival, Tue 24 day 2, Wed 25 day 3.
    expect(addWorkingDays('2026-02-13', 3, calendar)).toBe('2026-02-25');
    // Without the calendar it would have been Wed 18 — in the middle of the holiday.
    expect(addWorkingDays('2026-02-13', 3, none)).toBe('2026-02-18');
    // 7 working days from Thu 2026-02-12: 13, 14(Sat), 24, 25, 26, 27, 28(Sat).
    expect(addWorkingDays('2026-02-12', 7, calendar)).toBe('2026-02-28');
  });

  it('counts an adjusted working Sunday before the 2025 Spring Festival and the 2025 National Day', () => {
    expect(isWorkingDay('2025-01-26', calendar)).toBe(true); // Sunday 调休上班
    // Fri 2025-01-24 + 3: Sun 26, Mon 27, then 28 Jan–4 Feb off, Wed 5 Feb.
    expect(addWorkingDays('2025-01-24', 3, calendar)).toBe('2025-02-05');
    // Sat 2025-10-11 is worked after the 8-day National Day / Mid-Autumn break.
    expect(addWorkingDays('2025-09-30', 1, calendar)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-10', 1, calendar)).toBe('2025-10-11');
  });

  it('measures working days between two dates in both directions', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-25', calendar)).toBe(3);
    expect(workingDaysBetween('2026-02-25', '2026-02-13', calendar)).toBe(-3);
    expect(workingDaysBetween('2026-02-16', '2026-02-16', calendar)).toBe(0);
    expect(workingDaysBetween('2026-02-15', '2026-02-23', calendar)).toBe(0);
  });

  it('flags a deadline overdue only after its day, in Zhanjiang time', () => {
    expect(isOverdue('2026-02-25', '2026-02-25')).toBe(false);
    expect(isOverdue('2026-02-25', '2026-02-26')).toBe(true);
    expect(isOverdue(null, '2026-02-26')).toBe(false);
  });

  it('seeds the official schedules: 2025 has 27 days off on the calendar, 2026 has 33, with 5 and 6 adjusted working days', () => {
    const count = (year: number, kind: CalendarDayKind) => scheduleDays(OFFICIAL_SCHEDULES[year]).filter((d) => d.kind === kind).length;
    expect(count(2025, CalendarDayKind.HOLIDAY)).toBe(1 + 8 + 3 + 5 + 3 + 8);
    expect(count(2025, CalendarDayKind.WORKDAY)).toBe(5);
    expect(count(2026, CalendarDayKind.HOLIDAY)).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(count(2026, CalendarDayKind.WORKDAY)).toBe(6);
    // Every adjusted working day is a weekend day.
    for (const d of scheduleDays([...OFFICIAL_SCHEDULES[2025], ...OFFICIAL_SCHEDULES[2026]]).filter((x) => x.kind === CalendarDayKind.WORKDAY)) {
      expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
    }
  });
});
