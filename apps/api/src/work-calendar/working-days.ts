import { CalendarDayKind } from '@zj/shared';

/**
 * Working-day arithmetic on ISO dates (YYYY-MM-DD, the date in Zhanjiang), as plain functions.
 * A day is a working day when it is Monday–Friday and not a HOLIDAY, or when it is an adjusted
 * working weekend day (调休上班, WORKDAY). `overrides` maps a date to its kind.
 */
export type CalendarOverrides = ReadonlyMap<string, CalendarDayKind>;

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not an ISO date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function isWeekend(date: string): boolean {
  const d = new Date(toUtc(date)).getUTCDay();
  return d === 0 || d === 6;
}

export function isWorkingDay(date: string, overrides: CalendarOverrides): boolean {
  const kind = overrides.get(date);
  if (kind === CalendarDayKind.HOLIDAY) return false;
  if (kind === CalendarDayKind.WORKDAY) return true;
  return !isWeekend(date);
}

/**
 * The date `n` working days after `date` (n ≥ 1): the deadline of something that must be done
 * "within n working days" of `date`. The start day itself does not count.
 */
export function addWorkingDays(date: string, n: number, overrides: CalendarOverrides): string {
  if (!Number.isInteger(n) || n < 0) throw new Error('n must be a non-negative integer');
  let d = date;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, overrides)) left--;
  }
  return d;
}

/**
 * Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`
 * (then: working days from `to` exclusive to `from` inclusive, negated). 0 when equal.
 */
export function workingDaysBetween(from: string, to: string, overrides: CalendarOverrides): number {
  if (from === to) return 0;
  const sign = from < to ? 1 : -1;
  const b = sign > 0 ? to : from;
  let a = sign > 0 ? from : to;
  let count = 0;
  while (a < b) {
    a = addCalendarDays(a, 1);
    if (isWorkingDay(a, overrides)) count++;
  }
  return sign * count;
}

/** Whether a deadline (`dueOn`, inclusive) has passed on `today`. */
export function isOverdue(dueOn: string | null, today: string): boolean {
  return !!dueOn && today > dueOn;
}
