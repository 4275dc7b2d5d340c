/**
 * The clock of Zhanjiang (Asia/Shanghai: UTC+8 all year, no daylight saving): the calendar day and
 * the wall-clock time people there read at an instant. Instants are stored and exchanged in UTC;
 * these give the dates the rules compare (due dates, validity, "today") and the times notices,
 * messages and files show.
 */
const ZHANJIANG_OFFSET_MS = 8 * 3600_000;

/** `2026-01-05T16:30:00.000Z`: the instant's wall-clock reading in Zhanjiang, written as if it were UTC. */
const wallClock = (at: Date) => new Date(at.getTime() + ZHANJIANG_OFFSET_MS).toISOString();

/** The date in Zhanjiang at `at` (today by default), YYYY-MM-DD. */
export function zhanjiangDate(at: Date = new Date()): string {
  return wallClock(at).slice(0, 10);
}

/** Date and time in Zhanjiang to the minute, e.g. `2026-01-05 16:30`. */
export function zhanjiangDateTime(at: Date): string {
  return wallClock(at).slice(0, 16).replace('T', ' ');
}

/** Time of day in Zhanjiang, `HH:mm`. */
export function zhanjiangTime(at: Date): string {
  return wallClock(at).slice(11, 16);
}

/** The instant the next day begins in Zhanjiang (its midnight after `at`). */
export function zhanjiangNextMidnight(at: Date = new Date()): Date {
  const startOfDay = Date.parse(`${zhanjiangDate(at)}T00:00:00.000Z`) - ZHANJIANG_OFFSET_MS;
  return new Date(startOfDay + 24 * 3600_000);
}

/** An instant as JSON writes it (a Date's toISOString), for views typed with ISO strings; a string passes through. */
export function isoTime(at: Date | string): string {
  return at instanceof Date ? at.toISOString() : at;
}

/** isoTime, keeping null. */
export function isoTimeOrNull(at: Date | string | null): string | null {
  return at === null ? null : isoTime(at);
}
