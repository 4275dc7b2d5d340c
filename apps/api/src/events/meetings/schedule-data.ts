import { EventSlotView, MeetingRequestStatus, MeetingStatus, RegistrationOfficer, RegistrationStatus } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import { sideOfOrgType } from '../event-guards';
import type { ScheduleInstance } from '../scheduling';
import { EventMeeting, EventSlot, EventUnavailability, MeetingRequest } from './meeting.entities';
import { Board, pairsOf, unavailableKey } from './meeting-rules';

/**
 * What the schedule reads from the database: the slots (numbered in time order), the participants
 * and their desks, the board a hand edit is checked against, and the solver's instance.
 */

export interface SlotInfo {
  id: string;
  index: number;
  startsAt: Date;
  endsAt: Date;
}

export async function slotsOf(m: EntityManager, eventId: string): Promise<SlotInfo[]> {
  const rows = await m.find(EventSlot, { where: { eventId }, order: { startsAt: 'ASC' } });
  return rows.map((s, i) => ({ id: s.id, index: i + 1, startsAt: s.startsAt, endsAt: s.endsAt }));
}

export const slotView = (s: SlotInfo): EventSlotView => ({ id: s.id, index: s.index, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() });

export interface Participant {
  organizationId: string;
  name: string;
  type: string;
  side: 'ENTERPRISE' | 'BANK' | null;
  status: RegistrationStatus;
  desks: number;
  officers: RegistrationOfficer[];
  needIds: string[];
  checkedInAt: Date | null;
}

/** The event's registrations (any status) with the organisations' names. A bank without a desk count has one desk. */
export async function participantsOf(m: EntityManager, eventId: string): Promise<Participant[]> {
  const rows: { organization_id: string; name: string; type: string; status: RegistrationStatus; desks: number | null; officers: RegistrationOfficer[] | null; need_ids: string[] | null; checked_in_at: Date | null }[] =
    await m.query(
      `SELECT r.organization_id, o.name, o.type, r.status, r.desks, r.officers, r.need_ids, r.checked_in_at
         FROM event_registrations r JOIN organizations o ON o.id = r.organization_id WHERE r.event_id = $1 ORDER BY o.name, r.organization_id`,
      [eventId],
    );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    name: r.name,
    type: r.type,
    side: sideOfOrgType(r.type),
    status: r.status,
    desks: r.desks ?? 1,
    officers: r.officers ?? [],
    needIds: r.need_ids ?? [],
    checkedInAt: r.checked_in_at,
  }));
}

/** A meeting the solver must leave where it is: locked by the bureau, a walk-in, or one whose outcome is recorded. */
export const isFixed = (mt: Pick<EventMeeting, 'locked' | 'walkIn' | 'held'>) => mt.locked || mt.walkIn || mt.held !== null;

/** The board for a hand edit: the event's SCHEDULED meetings except `exclude`, names, desks, unavailability. */
export async function loadBoard(m: EntityManager, eventId: string, exclude: string[] = []): Promise<Board & { slotList: SlotInfo[]; participants: Participant[] }> {
  const slotList = await slotsOf(m, eventId);
  const participants = await participantsOf(m, eventId);
  const meetings = await m.find(EventMeeting, { where: { eventId, status: MeetingStatus.SCHEDULED } });
  const unavailable = await m.find(EventUnavailability, { where: { eventId } });
  const names = new Map(participants.map((p) => [p.organizationId, p.name]));
  const missing = meetings.flatMap((x) => [x.enterpriseOrgId, x.bankOrgId]).filter((id) => !names.has(id));
  if (missing.length) {
    const rows: { id: string; name: string }[] = await m.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`, [[...new Set(missing)]]);
    for (const r of rows) names.set(r.id, r.name);
  }
  return {
    slotList,
    participants,
    slots: new Map(slotList.map((s) => [s.id, s])),
    names,
    desks: new Map(participants.filter((p) => p.side === 'BANK').map((p) => [p.organizationId, p.desks])),
    unavailable: new Set(unavailable.map((u) => unavailableKey(u.organizationId, u.slotId))),
    meetings: meetings.filter((x) => !exclude.includes(x.id)).map((x) => ({ id: x.id, enterpriseOrgId: x.enterpriseOrgId, bankOrgId: x.bankOrgId, slotId: x.slotId, desk: x.desk })),
  };
}

/**
 * The solver's instance from the database: slots; REGISTERED banks with their desks and REGISTERED
 * enterprises, each with its unavailable slots; one wish per pair from the ACCEPTED requests between
 * registered parties (pairsOf); fixed: the SCHEDULED meetings locked, walk-in or with an outcome.
 * Answers the movable meetings too (the ones a solve may move or cancel), and a fingerprint: a
 * solve is applied only if the instance is still the same when its answer is written.
 */
export async function loadInstance(m: EntityManager, eventId: string): Promise<{ instance: ScheduleInstance; movable: EventMeeting[]; fingerprint: string }> {
  const slots = await slotsOf(m, eventId);
  const participants = (await participantsOf(m, eventId)).filter((p) => p.status === RegistrationStatus.REGISTERED);
  const unavailable = await m.find(EventUnavailability, { where: { eventId } });
  const requests = await m.find(MeetingRequest, { where: { eventId, status: MeetingRequestStatus.ACCEPTED } });
  const meetings = await m.find(EventMeeting, { where: { eventId, status: MeetingStatus.SCHEDULED } });
  const fixed = meetings.filter(isFixed);
  const movable = meetings.filter((x) => !isFixed(x));

  const unavailableOf = (orgId: string) =>
    unavailable
      .filter((u) => u.organizationId === orgId)
      .map((u) => u.slotId)
      .sort();
  const banks = new Map(participants.filter((p) => p.side === 'BANK').map((p) => [p.organizationId, { id: p.organizationId, desks: p.desks, unavailableSlotIds: unavailableOf(p.organizationId) }]));
  const enterprises = new Map(participants.filter((p) => p.side === 'ENTERPRISE').map((p) => [p.organizationId, { id: p.organizationId, unavailableSlotIds: unavailableOf(p.organizationId) }]));
  // A fixed meeting whose party is no longer registered still holds its slot and desk.
  for (const f of fixed) {
    if (!enterprises.has(f.enterpriseOrgId)) enterprises.set(f.enterpriseOrgId, { id: f.enterpriseOrgId, unavailableSlotIds: unavailableOf(f.enterpriseOrgId) });
    const b = banks.get(f.bankOrgId);
    if (!b) banks.set(f.bankOrgId, { id: f.bankOrgId, desks: 0, unavailableSlotIds: unavailableOf(f.bankOrgId) });
  }
  const pairs = pairsOf(
    requests
      .filter((r) => participants.some((p) => p.organizationId === r.enterpriseOrgId && p.side === 'ENTERPRISE') && participants.some((p) => p.organizationId === r.bankOrgId && p.side === 'BANK'))
      .map((r) => ({ ...r })),
    new Set(meetings.map((x) => x.requestId).filter((id): id is string => !!id)),
  );
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const instance: ScheduleInstance = {
    slots: slots.map((s) => ({ id: s.id })),
    banks: [...banks.values()].sort(byId),
    enterprises: [...enterprises.values()].sort(byId),
    pairs,
    fixed: fixed
      .map((f) => ({ requestId: f.requestId, enterpriseId: f.enterpriseOrgId, bankId: f.bankOrgId, slotId: f.slotId, desk: f.desk }))
      .sort((a, b) => (a.slotId + a.bankId + String(a.desk) < b.slotId + b.bankId + String(b.desk) ? -1 : 1)),
  };
  return { instance, movable, fingerprint: JSON.stringify(instance) };
}

/** Changed since the last publication: a scheduled meeting never sent or revised since, or a sent one cancelled. */
export async function hasUnpublishedChanges(m: EntityManager, eventId: string): Promise<boolean> {
  const [row] = await m.query(
    `SELECT EXISTS (SELECT 1 FROM event_meetings WHERE event_id = $1 AND (
       (status = 'SCHEDULED' AND (published_sequence IS NULL OR sequence <> published_sequence))
       OR (status = 'CANCELLED' AND published_sequence IS NOT NULL AND sequence <> published_sequence))) AS changed`,
    [eventId],
  );
  return !!row?.changed;
}
