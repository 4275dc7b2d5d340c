import type { FieldError } from '@zj/shared';

/** Zhanjiang time as people read it: 2026-05-20 09:30. */
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * An event is not moved into the past (issue 14): moving a future event to a past time and marking it
 * held would count an event that was not held in the plan's indicator. A change that keeps the start
 * as it is passes (also for an event recorded afterwards, created with its real, past date).
 */
export function startMoveProblem(current: Date, next: Date, now = new Date()): FieldError | null {
  if (next.getTime() === current.getTime() || next.getTime() >= now.getTime()) return null;
  return { field: 'startsAt', messages: [`开始时间不能改到已经过去的时间（现在是 ${fmt(now)}）；已举办的活动请按实际时间登记`] };
}
