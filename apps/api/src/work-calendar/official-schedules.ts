import { CalendarDayKind } from '@zj/shared';
import { addCalendarDays } from './working-days';

/**
 * The State Council's holiday schedules (国务院办公厅关于部分节假日安排的通知), as published:
 * - 2025: 国办发明电〔2024〕12号, 2024-11-12 (Xinhua, 新华社北京11月12日电).
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04 (Xinhua; e.g. politics.gmw.cn/2025-11/04/content_38391083.htm).
 * Ranges are the whole 放假调休 period (weekends inside included); `workdays` are the 调休上班 weekend days.
 * Administrators maintain later years through the calendar API.
 */
export interface HolidaySchedule {
  name: string;
  from: string;
  to: string;
  workdays: string[];
}

export const OFFICIAL_SCHEDULES: Record<number, HolidaySchedule[]> = {
  2025: [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01', workdays: [] },
    { name: '春节', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06', workdays: [] },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02', workdays: [] },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
  ],
  2026: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
    { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
  ],
};

/** The schedules as calendar rows: every day off (HOLIDAY) and every adjusted working day (WORKDAY). */
export function scheduleDays(schedules: HolidaySchedule[]): { date: string; kind: CalendarDayKind; name: string }[] {
  const rows: { date: string; kind: CalendarDayKind; name: string }[] = [];
  for (const s of schedules) {
    for (let d = s.from; d <= s.to; d = addCalendarDays(d, 1)) rows.push({ date: d, kind: CalendarDayKind.HOLIDAY, name: s.name });
    for (const w of s.workdays) rows.push({ date: w, kind: CalendarDayKind.WORKDAY, name: `${s.name}调休上班` });
  }
  return rows;
}
