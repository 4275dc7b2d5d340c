import type { EventAgendaItem, FieldError } from '@zj/shared';
import { zhanjiangDateTime } from '../common/time';

/** An event lasts at most a week; without an end, its agenda fits in the day after the start. */
export const MAX_EVENT_MS = 7 * 24 * 3600_000;
export const DEFAULT_AGENDA_SPAN_MS = 24 * 3600_000;
/** Agenda sessions may begin this long before the start (签到, 布展). */
export const AGENDA_LEAD_MS = 12 * 3600_000;
export const MAX_AGENDA_ITEMS = 30;

/** The event's times as they will be stored (after a change is applied). */
export interface EventTimes {
  startsAt: Date;
  endsAt: Date | null;
  registrationDeadline: Date | null;
  agenda: EventAgendaItem[];
}

/**
 * What is wrong with an event's times, naming each field as the form labels it (empty when fine):
 * the end after the start and within a week; the registration deadline no later than the start;
 * each agenda session ending after it begins, from 12 hours before the start to the end (or the
 * day after the start when there is no end).
 */
export function eventTimeProblems(t: EventTimes): FieldError[] {
  const out: FieldError[] = [];
  const start = t.startsAt.getTime();
  if (t.endsAt) {
    if (t.endsAt.getTime() <= start) out.push({ field: 'endsAt', messages: ['结束时间应晚于开始时间'] });
    else if (t.endsAt.getTime() - start > MAX_EVENT_MS) out.push({ field: 'endsAt', messages: ['活动最长7天'] });
  }
  if (t.registrationDeadline && t.registrationDeadline.getTime() > start) {
    out.push({ field: 'registrationDeadline', messages: ['报名截止时间不能晚于活动开始时间'] });
  }
  if (t.agenda.length > MAX_AGENDA_ITEMS) out.push({ field: 'agenda', messages: [`议程最多${MAX_AGENDA_ITEMS}项`] });
  const earliest = start - AGENDA_LEAD_MS;
  const latest = t.endsAt && t.endsAt.getTime() > start ? t.endsAt.getTime() : start + DEFAULT_AGENDA_SPAN_MS;
  t.agenda.forEach((a, i) => {
    const s = new Date(a.startsAt).getTime();
    const e = new Date(a.endsAt).getTime();
    if (e <= s) out.push({ field: `agenda[${i}].endsAt`, messages: ['议程结束时间应晚于开始时间'] });
    if (s < earliest) out.push({ field: `agenda[${i}].startsAt`, messages: [`议程不能早于 ${zhanjiangDateTime(new Date(earliest))}（活动开始前12小时）`] });
    if (e > latest) out.push({ field: `agenda[${i}].endsAt`, messages: [`议程不能晚于 ${zhanjiangDateTime(new Date(latest))}（${t.endsAt ? '活动结束时间' : '未填结束时间时为开始后24小时'}）`] });
  });
  return out;
}

/** The agenda as stored: in time order, times as ISO UTC, no empty speaker. */
export function normalizeAgenda(items: EventAgendaItem[]): EventAgendaItem[] {
  return items
    .map((a) => ({ startsAt: new Date(a.startsAt).toISOString(), endsAt: new Date(a.endsAt).toISOString(), title: a.title, speaker: a.speaker ? a.speaker : null }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt));
}
