import { EVENT_STATUS_LABELS, EventStatus, LIVE_EVENT_STATUSES } from '@zj/shared';

/** The parts of an event its status rules read. */
export interface EventClock {
  status: EventStatus;
  startsAt: Date;
  registrationDeadline: Date | null;
}

/** How early on the day the bureau may open the event (check-in at the door starts then). */
export const START_WINDOW_MS = 12 * 3600_000;

/** The status people see: a published event whose registration deadline has passed reads 报名截止. */
export function effectiveStatus(e: EventClock, now = new Date()): EventStatus {
  if (e.status === EventStatus.PUBLISHED && e.registrationDeadline && e.registrationDeadline.getTime() <= now.getTime()) return EventStatus.REGISTRATION_CLOSED;
  return e.status;
}

/** Registration is open: published, before the deadline and before the start. */
export function registrationOpen(e: EventClock, now = new Date()): boolean {
  return effectiveStatus(e, now) === EventStatus.PUBLISHED && e.startsAt.getTime() > now.getTime();
}

/** Announced and not over: invitees are reminded, participants may ask to meet and the schedule may change. */
export function isLive(e: EventClock): boolean {
  return LIVE_EVENT_STATUSES.includes(e.status);
}

/**
 * The bureau's steps, from the stored status: publish a draft; close registration; open the day
 * (from 12 hours before the start); mark it held (once started); cancel before the end.
 */
export type EventStep = 'publish' | 'close-registration' | 'start' | 'held' | 'cancel';

export type StepCheck = { ok: true; to: EventStatus } | { ok: false; reason: 'WRONG_STATE' | 'TOO_EARLY' };

export function checkStep(e: EventClock, step: EventStep, now = new Date()): StepCheck {
  const s = e.status;
  const started = e.startsAt.getTime() <= now.getTime();
  switch (step) {
    case 'publish':
      return s === EventStatus.DRAFT ? { ok: true, to: EventStatus.PUBLISHED } : { ok: false, reason: 'WRONG_STATE' };
    case 'close-registration':
      return s === EventStatus.PUBLISHED ? { ok: true, to: EventStatus.REGISTRATION_CLOSED } : { ok: false, reason: 'WRONG_STATE' };
    case 'start':
      if (s !== EventStatus.PUBLISHED && s !== EventStatus.REGISTRATION_CLOSED) return { ok: false, reason: 'WRONG_STATE' };
      return e.startsAt.getTime() - START_WINDOW_MS <= now.getTime() ? { ok: true, to: EventStatus.IN_PROGRESS } : { ok: false, reason: 'TOO_EARLY' };
    case 'held':
      if (!isLive(e)) return { ok: false, reason: 'WRONG_STATE' };
      return started ? { ok: true, to: EventStatus.HELD } : { ok: false, reason: 'TOO_EARLY' };
    case 'cancel':
      return s === EventStatus.DRAFT || isLive(e) ? { ok: true, to: EventStatus.CANCELLED } : { ok: false, reason: 'WRONG_STATE' };
  }
}

const STEP_NAMES: Record<EventStep, string> = {
  publish: '发布',
  'close-registration': '截止报名',
  start: '开始活动',
  held: '标记为已结束',
  cancel: '取消',
};

/** Which stored statuses each step starts from, in words. */
const STEP_FROM: Record<EventStep, string> = {
  publish: '只有草稿可以发布',
  'close-registration': '只有报名中的活动可以截止报名',
  start: '只有已发布（报名中或报名截止）的活动可以开始',
  held: '只有已发布且尚未结束的活动可以标记为已结束',
  cancel: '已结束或已取消的活动不能再取消',
};

/**
 * Why a step was refused, in Chinese: the status the event is in and the one the step needs, or the
 * time from which it is allowed. `startsAtText` is the start as people read it (Asia/Shanghai).
 */
export function stepRefusalMessage(e: EventClock, step: EventStep, reason: 'WRONG_STATE' | 'TOO_EARLY', startsAtText: string, now = new Date()): string {
  if (reason === 'TOO_EARLY') {
    return step === 'start'
      ? `活动开始前${START_WINDOW_MS / 3600_000}小时内才能开始（活动时间 ${startsAtText}）`
      : `活动尚未开始（活动时间 ${startsAtText}），不能${STEP_NAMES[step]}`;
  }
  return `${STEP_FROM[step]}，该活动当前为“${EVENT_STATUS_LABELS[effectiveStatus(e, now)]}”`;
}
