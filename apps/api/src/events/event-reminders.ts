import { EventStatus, NotificationType, RegistrationStatus } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import { zhanjiangDateTime } from '../common/time';
import type { NotificationsService, ReminderSubject } from '../notifications';
import type { MatchmakingEvent } from './event.entity';

/** Reminders before an event starts: a day and an hour ahead (keys `event.<id>.<name>`). */
export const EVENT_REMINDERS = [
  { name: 'day-before', beforeMs: 24 * 3600_000, when: '明天' },
  { name: 'hour-before', beforeMs: 3600_000, when: '一小时后' },
] as const;

export const eventReminderPrefix = (eventId: string) => `event.${eventId}.`;

/**
 * EVENT_REMINDER's check when the reminder fires (registered in ReminderChecks by
 * EventsWorkerModule): holds while the event is announced and not over (not cancelled, not yet
 * marked held).
 */
export async function eventReminderStillHolds(m: EntityManager, r: ReminderSubject): Promise<boolean> {
  if (r.subjectType !== 'event' || !r.subjectId) return false;
  const [e] = await m.query(`SELECT status FROM events WHERE id = $1`, [r.subjectId]);
  return ['PUBLISHED', 'REGISTRATION_CLOSED'].includes(e?.status);
}

/** Statuses in which the event is announced and not started: invitees are told and reminded. */
export function announced(e: Pick<MatchmakingEvent, 'status'>): boolean {
  return e.status === EventStatus.PUBLISHED || e.status === EventStatus.REGISTRATION_CLOSED;
}

export const eventLink = (eventId: string) => `/events/${eventId}`;

const eventVars = (e: MatchmakingEvent) => ({ eventTitle: e.title, startsAt: zhanjiangDateTime(e.startsAt), venue: e.venue });

/** The invitation (EVENT_INVITATION) to these organisations, when the event is announced (a draft's invitees are told at publish). */
export async function sendInvitations(m: EntityManager, notifications: NotificationsService, e: MatchmakingEvent, organizationIds: string[]): Promise<void> {
  if (!organizationIds.length || !announced(e)) return;
  await notifications.notify(m, { type: NotificationType.EVENT_INVITATION, to: { organizations: organizationIds }, vars: eventVars(e), link: eventLink(e.id) });
}

/**
 * The reminders a day and an hour before the start, to the invitees and the registered
 * organisations, inside the caller's transaction. Scheduled again under the same keys, so a new
 * start time or a changed audience MOVES them; a reminder whose time has passed, or of an event not
 * announced (draft, started, held, cancelled), is cancelled.
 */
export async function syncEventReminders(m: EntityManager, notifications: NotificationsService, e: MatchmakingEvent): Promise<void> {
  const rows: { organization_id: string }[] = await m.query(
    `SELECT organization_id FROM (
       SELECT organization_id, invited_at AS at FROM event_invitations WHERE event_id = $1
       UNION ALL
       SELECT organization_id, created_at AS at FROM event_registrations WHERE event_id = $1 AND status = $2
     ) x GROUP BY organization_id ORDER BY min(at), organization_id`,
    [e.id, RegistrationStatus.REGISTERED],
  );
  const audience = rows.map((r) => r.organization_id);
  for (const r of EVENT_REMINDERS) {
    const key = `${eventReminderPrefix(e.id)}${r.name}`;
    const at = new Date(e.startsAt.getTime() - r.beforeMs);
    if (!audience.length || !announced(e) || at.getTime() <= Date.now()) {
      await notifications.cancelReminder(m, key);
      continue;
    }
    await notifications.scheduleReminder(m, {
      key,
      type: NotificationType.EVENT_REMINDER,
      at,
      to: { organizations: audience },
      vars: { ...eventVars(e), when: r.when },
      link: eventLink(e.id),
      subject: { type: 'event', id: e.id },
    });
  }
}
