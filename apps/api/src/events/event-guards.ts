import { HttpStatus } from '@nestjs/common';
import { EventStatus, EventType, OrgType, RegistrationStatus, Role } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { zhanjiangDateTime } from '../common/time';
import { MatchmakingEvent } from './event.entity';
import { checkStep, effectiveStatus, EventStep, stepRefusalMessage } from './event-status';
import { EventErrorCode } from './events.errors';
import { EventRegistration } from './registrations/registration.entity';

/**
 * The look-ups every part of the events feature starts with: the event (404 when unknown), locked
 * for a change; a 对接会 only, for 1:1 meetings; the caller's organisation as a registered participant.
 */
export async function findEvent(m: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<MatchmakingEvent> {
  const e = await m.findOne(MatchmakingEvent, { where: { id }, ...(opts.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!e) throw AppException.notFound('活动', EventErrorCode.NOT_FOUND);
  return e;
}

export function assertMatchmaking(e: MatchmakingEvent): void {
  if (e.type !== EventType.MATCHMAKING) throw AppException.conflict('只有融资对接会安排一对一会谈', EventErrorCode.NOT_MATCHMAKING);
}

/** The side an organisation takes at a 对接会. */
export type ParticipantSide = 'ENTERPRISE' | 'BANK';

export function sideOfRole(role: Role): ParticipantSide | null {
  return role === Role.ENTERPRISE ? 'ENTERPRISE' : role === Role.BANK ? 'BANK' : null;
}

export function sideOfOrgType(type: OrgType | string): ParticipantSide | null {
  return type === OrgType.ENTERPRISE ? 'ENTERPRISE' : type === OrgType.FINANCIAL_INSTITUTION ? 'BANK' : null;
}

/** The organisation's registration at the event, or null. */
export function registrationOf(m: EntityManager, eventId: string, organizationId: string): Promise<EventRegistration | null> {
  return m.findOne(EventRegistration, { where: { eventId, organizationId } });
}

/** The caller's organisation must be registered (admitted) at the event: 409 otherwise. */
export async function requireParticipant(m: EntityManager, eventId: string, actor: Actor): Promise<EventRegistration> {
  const r = await registrationOf(m, eventId, actor.organizationId);
  if (!r || r.status !== RegistrationStatus.REGISTERED) throw AppException.conflict('贵单位尚未成功报名本活动', EventErrorCode.NOT_A_PARTICIPANT);
  return r;
}

/** Names of organisations by id, for views and notices. */
export async function orgNames(m: EntityManager, ids: string[]): Promise<Map<string, { id: string; name: string; type: string }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows: { id: string; name: string; type: string }[] = await m.query(`SELECT id, name, type FROM organizations WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The status a bureau step leads to; 409 with the reason (EVENT_NOT_YET_STARTED when too early) when it is not allowed now. */
export function assertStep(e: MatchmakingEvent, step: EventStep, now = new Date()): EventStatus {
  const c = checkStep(e, step, now);
  if (c.ok) return c.to;
  const message = stepRefusalMessage(e, step, c.reason, zhanjiangDateTime(e.startsAt), now);
  throw new AppException(c.reason === 'TOO_EARLY' ? EventErrorCode.NOT_YET_STARTED : EventErrorCode.STATE_CONFLICT, message, HttpStatus.CONFLICT, {
    status: effectiveStatus(e, now),
  });
}
