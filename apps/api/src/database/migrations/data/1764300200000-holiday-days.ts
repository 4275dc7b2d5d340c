/**
 * Frozen copy of the State Council holiday schedules 2025–2026, as calendar rows as migration 1764300200000 loaded it (taken from work-calendar/official-schedules.ts).
 * Never edit: a database that already ran the migration keeps these rows; a later change of the
 * data is a new migration. (Migrations import only typeorm and this folder: eslint.config.mjs.)
 */
export const HOLIDAY_DAYS_2025_2026: readonly { date: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }[] = [
  {
    "date": "2025-01-01",
    "kind": "HOLIDAY",
    "name": "元旦"
  },
  {
    "date": "2025-01-28",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-01-29",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-01-30",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-01-31",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-02-01",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-02-02",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-02-03",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-02-04",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2025-01-26",
    "kind": "WORKDAY",
    "name": "春节调休上班"
  },
  {
    "date": "2025-02-08",
    "kind": "WORKDAY",
    "name": "春节调休上班"
  },
  {
    "date": "2025-04-04",
    "kind": "HOLIDAY",
    "name": "清明节"
  },
  {
    "date": "2025-04-05",
    "kind": "HOLIDAY",
    "name": "清明节"
  },
  {
    "date": "2025-04-06",
    "kind": "HOLIDAY",
    "name": "清明节"
  },
  {
    "date": "2025-05-01",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2025-05-02",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2025-05-03",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2025-05-04",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2025-05-05",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2025-04-27",
    "kind": "WORKDAY",
    "name": "劳动节调休上班"
  },
  {
    "date": "2025-05-31",
    "kind": "HOLIDAY",
    "name": "端午节"
  },
  {
    "date": "2025-06-01",
    "kind": "HOLIDAY",
    "name": "端午节"
  },
  {
    "date": "2025-06-02",
    "kind": "HOLIDAY",
    "name": "端午节"
  },
  {
    "date": "2025-10-01",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-10-02",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-10-03",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-10-04",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-10-05",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-10-06",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-10-07",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-10-08",
    "kind": "HOLIDAY",
    "name": "国庆节、中秋节"
  },
  {
    "date": "2025-09-28",
    "kind": "WORKDAY",
    "name": "国庆节、中秋节调休上班"
  },
  {
    "date": "2025-10-11",
    "kind": "WORKDAY",
    "name": "国庆节、中秋节调休上班"
  },
  {
    "date": "2026-01-01",
    "kind": "HOLIDAY",
    "name": "元旦"
  },
  {
    "date": "2026-01-02",
    "kind": "HOLIDAY",
    "name": "元旦"
  },
  {
    "date": "2026-01-03",
    "kind": "HOLIDAY",
    "name": "元旦"
  },
  {
    "date": "2026-01-04",
    "kind": "WORKDAY",
    "name": "元旦调休上班"
  },
  {
    "date": "2026-02-15",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-16",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-17",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-18",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-19",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-20",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-21",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-22",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-23",
    "kind": "HOLIDAY",
    "name": "春节"
  },
  {
    "date": "2026-02-14",
    "kind": "WORKDAY",
    "name": "春节调休上班"
  },
  {
    "date": "2026-02-28",
    "kind": "WORKDAY",
    "name": "春节调休上班"
  },
  {
    "date": "2026-04-04",
    "kind": "HOLIDAY",
    "name": "清明节"
  },
  {
    "date": "2026-04-05",
    "kind": "HOLIDAY",
    "name": "清明节"
  },
  {
    "date": "2026-04-06",
    "kind": "HOLIDAY",
    "name": "清明节"
  },
  {
    "date": "2026-05-01",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2026-05-02",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2026-05-03",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2026-05-04",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2026-05-05",
    "kind": "HOLIDAY",
    "name": "劳动节"
  },
  {
    "date": "2026-05-09",
    "kind": "WORKDAY",
    "name": "劳动节调休上班"
  },
  {
    "date": "2026-06-19",
    "kind": "HOLIDAY",
    "name": "端午节"
  },
  {
    "date": "2026-06-20",
    "kind": "HOLIDAY",
    "name": "端午节"
  },
  {
    "date": "2026-06-21",
    "kind": "HOLIDAY",
    "name": "端午节"
  },
  {
    "date": "2026-09-25",
    "kind": "HOLIDAY",
    "name": "中秋节"
  },
  {
    "date": "2026-09-26",
    "kind": "HOLIDAY",
    "name": "中秋节"
  },
  {
    "date": "2026-09-27",
    "kind": "HOLIDAY",
    "name": "中秋节"
  },
  {
    "date": "2026-10-01",
    "kind": "HOLIDAY",
    "name": "国庆节"
  },
  {
    "date": "2026-10-02",
    "kind": "HOLIDAY",
    "name": "国庆节"
  },
  {
    "date": "2026-10-03",
    "kind": "HOLIDAY",
    "name": "国庆节"
  },
  {
    "date": "2026-10-04",
    "kind": "HOLIDAY",
    "name": "国庆节"
  },
  {
    "date": "2026-10-05",
    "kind": "HOLIDAY",
    "name": "国庆节"
  },
  {
    "date": "2026-10-06",
    "kind": "HOLIDAY",
    "name": "国庆节"
  },
  {
    "date": "2026-10-07",
    "kind": "HOLIDAY",
    "name": "国庆节"
  },
  {
    "date": "2026-09-20",
    "kind": "WORKDAY",
    "name": "国庆节调休上班"
  },
  {
    "date": "2026-10-10",
    "kind": "WORKDAY",
    "name": "国庆节调休上班"
  }
];
