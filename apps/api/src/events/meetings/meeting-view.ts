import { EventStatus, MeetingAttendance, MeetingPriority, MeetingRequestStatus, MeetingResult, MeetingStatus, MeetingView, RegistrationOfficer } from '@zj/shared';
import type { EntityManager } from 'typeorm';

/** Who of the two parties checked in, once the event is under way (UNKNOWN before). */
export function attendanceOf(eventStatus: EventStatus, enterpriseCheckedIn: boolean, bankCheckedIn: boolean): MeetingAttendance {
  if (eventStatus !== EventStatus.IN_PROGRESS && eventStatus !== EventStatus.HELD) return MeetingAttendance.UNKNOWN;
  if (enterpriseCheckedIn && bankCheckedIn) return MeetingAttendance.BOTH;
  if (!enterpriseCheckedIn && !bankCheckedIn) return MeetingAttendance.BOTH_ABSENT;
  return enterpriseCheckedIn ? MeetingAttendance.BANK_ABSENT : MeetingAttendance.ENTERPRISE_ABSENT;
}

interface MeetingRow {
  id: string;
  request_id: string | null;
  enterprise_org_id: string;
  enterprise_name: string | null;
  bank_org_id: string;
  bank_name: string | null;
  slot_id: string;
  slot_index: string | number;
  starts_at: Date;
  ends_at: Date;
  desk: number;
  officers: RegistrationOfficer[] | null;
  locked: boolean;
  walk_in: boolean;
  priority: MeetingPriority | null;
  mutual: boolean | null;
  need_id: string | null;
  need_title: string | null;
  status: MeetingStatus;
  sequence: number;
  enterprise_checked_in: boolean;
  bank_checked_in: boolean;
  held: boolean | null;
  result: MeetingResult | null;
  amount: string | null;
  outcome_note: string | null;
  outcome_at: Date | null;
  updated_at: Date;
  recorded_by_name: string | null;
  enterprise_confirmed_at: Date | null;
  case_id: string | null;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * The event's meetings as the shared MeetingView, in slot, bank name, desk order. Filters: one
 * organisation's (either side), one slot's, given ids; cancelled meetings only when asked.
 * Names, slot times and index, the officer at the desk, the pair's priority (必须见面 when either
 * accepted request says so) and mutuality (both directions accepted), the
 * need's title (project name or the purpose's start), attendance (from check-ins, once the event is
 * under way) and the outcome (once recorded) with the case an intent opened.
 */
export async function meetingViews(
  m: EntityManager,
  eventId: string,
  o: { organizationId?: string; slotId?: string; meetingIds?: string[]; includeCancelled?: boolean } = {},
): Promise<MeetingView[]> {
  const params: unknown[] = [eventId];
  const where: string[] = ['em.event_id = $1'];
  if (!o.includeCancelled) where.push(`em.status = 'SCHEDULED'`);
  if (o.organizationId) {
    params.push(o.organizationId);
    where.push(`(em.enterprise_org_id = $${params.length} OR em.bank_org_id = $${params.length})`);
  }
  if (o.slotId) {
    params.push(o.slotId);
    where.push(`em.slot_id = $${params.length}`);
  }
  if (o.meetingIds) {
    if (!o.meetingIds.length) return [];
    params.push(o.meetingIds);
    where.push(`em.id = ANY($${params.length}::uuid[])`);
  }
  const [ev] = (await m.query(`SELECT status FROM events WHERE id = $1`, [eventId])) as { status: EventStatus }[];
  if (!ev) return [];
  const rows = (await m.query(
    `SELECT em.id, em.request_id, em.enterprise_org_id, eo.name AS enterprise_name, em.bank_org_id, bo.name AS bank_name,
            em.slot_id, s.slot_index, s.starts_at, s.ends_at, em.desk, br.officers,
            em.locked, em.walk_in,
            CASE WHEN r.id IS NULL THEN NULL
                 WHEN EXISTS (SELECT 1 FROM event_meeting_requests r3
                               WHERE r3.event_id = em.event_id AND r3.enterprise_org_id = em.enterprise_org_id AND r3.bank_org_id = em.bank_org_id
                                 AND r3.status = '${MeetingRequestStatus.ACCEPTED}' AND r3.priority = '${MeetingPriority.MUST}') THEN '${MeetingPriority.MUST}'
                 ELSE r.priority END AS priority,
            (r.status = '${MeetingRequestStatus.ACCEPTED}' AND EXISTS (
               SELECT 1 FROM event_meeting_requests r2
                WHERE r2.event_id = em.event_id AND r2.enterprise_org_id = em.enterprise_org_id AND r2.bank_org_id = em.bank_org_id
                  AND r2.requester_org_id = r.target_org_id AND r2.status = '${MeetingRequestStatus.ACCEPTED}')) AS mutual,
            coalesce(em.need_id, r.need_id) AS need_id, coalesce(pr.name, left(n.purpose, 40)) AS need_title,
            em.status, em.sequence,
            (er.checked_in_at IS NOT NULL) AS enterprise_checked_in, (br.checked_in_at IS NOT NULL) AS bank_checked_in,
            em.held, em.result, em.amount, em.outcome_note, em.outcome_at, em.updated_at, u.display_name AS recorded_by_name,
            em.enterprise_confirmed_at, i.case_id
       FROM event_meetings em
       JOIN (SELECT id, starts_at, ends_at, row_number() OVER (ORDER BY starts_at) AS slot_index FROM event_slots WHERE event_id = $1) s ON s.id = em.slot_id
       LEFT JOIN organizations eo ON eo.id = em.enterprise_org_id
       LEFT JOIN organizations bo ON bo.id = em.bank_org_id
       LEFT JOIN event_registrations er ON er.event_id = em.event_id AND er.organization_id = em.enterprise_org_id
       LEFT JOIN event_registrations br ON br.event_id = em.event_id AND br.organization_id = em.bank_org_id
       LEFT JOIN event_meeting_requests r ON r.id = em.request_id
       LEFT JOIN financing_needs n ON n.id = coalesce(em.need_id, r.need_id)
       LEFT JOIN projects pr ON pr.id = n.project_id
       LEFT JOIN users u ON u.id = em.outcome_by_user_id
       LEFT JOIN event_intents i ON i.meeting_id = em.id
      WHERE ${where.join(' AND ')}
      ORDER BY s.starts_at, bo.name, em.desk, em.status DESC, em.created_at`,
    params,
  )) as MeetingRow[];
  return rows.map((r) => toView(r, ev.status));
}

function toView(r: MeetingRow, eventStatus: EventStatus): MeetingView {
  const recorded = r.held !== null || r.result !== null;
  return {
    id: r.id,
    requestId: r.request_id,
    enterpriseOrganizationId: r.enterprise_org_id,
    enterpriseName: r.enterprise_name ?? '',
    bankOrganizationId: r.bank_org_id,
    bankName: r.bank_name ?? '',
    slotId: r.slot_id,
    slotIndex: Number(r.slot_index),
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    desk: r.desk,
    officerName: r.officers?.[r.desk - 1]?.name ?? null,
    locked: r.locked,
    walkIn: r.walk_in,
    priority: r.priority,
    mutual: !!r.mutual,
    needId: r.need_id,
    needTitle: r.need_title,
    status: r.status,
    sequence: r.sequence,
    attendance: attendanceOf(eventStatus, r.enterprise_checked_in, r.bank_checked_in),
    outcome: recorded
      ? {
          held: !!r.held,
          result: r.result,
          amount: r.amount,
          note: r.outcome_note,
          recordedAt: iso(r.outcome_at ?? r.updated_at),
          recordedByName: r.recorded_by_name,
          enterpriseConfirmedAt: r.enterprise_confirmed_at ? iso(r.enterprise_confirmed_at) : null,
          caseId: r.case_id,
        }
      : null,
  };
}
