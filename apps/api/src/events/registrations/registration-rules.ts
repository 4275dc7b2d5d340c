import { EventStatus, FieldError, RegistrationOfficer, RegistrationStatus } from '@zj/shared';
import { zhanjiangDateTime } from '../../common/time';
import { EventClock, effectiveStatus, registrationOpen } from '../event-status';
import type { ParticipantSide } from '../event-guards';

/** Registrations that hold or wait for a place (one per organisation and event at a time). */
export const LIVE_REGISTRATION_STATUSES: readonly RegistrationStatus[] = [RegistrationStatus.PENDING, RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED];

export const isLiveRegistration = (s: RegistrationStatus) => LIVE_REGISTRATION_STATUSES.includes(s);

export const MAX_DESKS = 20;
export const MAX_NEEDS = 10;

/** Why nobody may register now (Chinese), or null while registration is open. */
export function registrationClosedReason(e: EventClock, now = new Date()): string | null {
  if (registrationOpen(e, now)) return null;
  switch (effectiveStatus(e, now)) {
    case EventStatus.DRAFT:
      return '活动尚未发布，暂不能报名';
    case EventStatus.CANCELLED:
      return '活动已取消，不能报名';
    case EventStatus.HELD:
      return '活动已结束，不能报名';
    case EventStatus.IN_PROGRESS:
      return '活动已开始，报名已截止';
    case EventStatus.REGISTRATION_CLOSED:
      return e.registrationDeadline && e.registrationDeadline.getTime() <= now.getTime() ? `报名已于 ${zhanjiangDateTime(e.registrationDeadline)} 截止` : '报名已截止';
    default:
      return '活动已开始，报名已截止';
  }
}

/**
 * Where a registration (or an approved one) goes: waiting for the bureau when the event requires
 * approval (not when approving), admitted while places are left, else on the waiting list.
 */
export function admission(e: { capacity: number | null; requiresApproval: boolean }, registeredCount: number, approving = false): RegistrationStatus {
  if (e.requiresApproval && !approving) return RegistrationStatus.PENDING;
  return e.capacity === null || registeredCount < e.capacity ? RegistrationStatus.REGISTERED : RegistrationStatus.WAITLISTED;
}

/** How many on the waiting list move up: the places left (all of them when there is no limit). */
export function placesToPromote(capacity: number | null, registeredCount: number, waitlisted: number): number {
  if (capacity === null) return waitlisted;
  return Math.max(0, Math.min(waitlisted, capacity - registeredCount));
}

/** What each side states: a bank its desks (1–20) and at most that many officers; an enterprise its needs (≤ 10), no desks. */
export function sideProblems(side: ParticipantSide, r: { desks: number | null; officers: RegistrationOfficer[]; needIds: string[] }): FieldError[] {
  const out: FieldError[] = [];
  if (side === 'BANK') {
    if (r.desks === null || r.desks === undefined) out.push({ field: 'desks', messages: ['金融机构报名须填写桌位数（到场信贷人员数），1至20'] });
    else if (r.officers.length > r.desks) out.push({ field: 'officers', messages: [`信贷人员不能多于桌位数（${r.desks}）`] });
    if (r.needIds.length) out.push({ field: 'needIds', messages: ['金融机构报名不填写融资需求'] });
  } else {
    if (r.desks !== null && r.desks !== undefined) out.push({ field: 'desks', messages: ['企业报名不填写桌位数'] });
    if (r.officers.length) out.push({ field: 'officers', messages: ['企业报名不填写信贷人员'] });
    if (r.needIds.length > MAX_NEEDS) out.push({ field: 'needIds', messages: [`最多选择${MAX_NEEDS}项融资需求`] });
  }
  return out;
}

/** Registered, the event under way or over, and not checked in. */
export function isNoShow(eventStatus: EventStatus, status: RegistrationStatus, checkedInAt: Date | null): boolean {
  return (eventStatus === EventStatus.IN_PROGRESS || eventStatus === EventStatus.HELD) && status === RegistrationStatus.REGISTERED && !checkedInAt;
}
