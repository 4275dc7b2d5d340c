import { NeedStatus, NotificationType } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import type { NotificationsService, ReminderSubject } from '../notifications';

/** Days before the wanted-by date that the enterprise is reminded of an open need. */
export const NEED_EXPIRING_REMINDER_DAYS = 3;

export const needExpiringReminderKey = (needId: string) => `need.${needId}.expiring`;

/** When the reminder goes: 09:00 in Zhanjiang, NEED_EXPIRING_REMINDER_DAYS before the wanted-by date. */
export function needExpiringAt(wantedBy: string): Date {
  return new Date(new Date(`${wantedBy}T09:00:00+08:00`).getTime() - NEED_EXPIRING_REMINDER_DAYS * 24 * 3600_000);
}

/**
 * Keeps a need's "about to expire" reminder (NEED_EXPIRING) in step with the need: scheduled while
 * the need is OPEN with a wanted-by date whose reminder time is still ahead (moved when the date
 * changes: same key), cancelled otherwise (withdrawn, taken up by a bank, satisfied, no date).
 * Runs in the caller's transaction. To the enterprise and, when another organisation (a county)
 * registered the need, to that organisation too.
 */
export async function syncNeedExpiringReminder(
  m: EntityManager,
  notifications: NotificationsService,
  need: { id: string; status: NeedStatus; wantedBy: string | null; enterpriseOrgId: string; createdByOrgId: string; projectId: string | null; purpose: string },
): Promise<void> {
  const key = needExpiringReminderKey(need.id);
  const at = need.wantedBy ? needExpiringAt(need.wantedBy) : null;
  if (need.status !== NeedStatus.OPEN || !at || at.getTime() <= Date.now()) {
    await notifications.cancelReminder(m, key);
    return;
  }
  const [project] = need.projectId ? await m.query(`SELECT name FROM projects WHERE id = $1`, [need.projectId]) : [];
  await notifications.scheduleReminder(m, {
    key,
    type: NotificationType.NEED_EXPIRING,
    at,
    to: { organizations: [...new Set([need.enterpriseOrgId, need.createdByOrgId])] },
    vars: { needTitle: project?.name ?? need.purpose.slice(0, 40), wantedBy: need.wantedBy! },
    link: `/financing-needs/${need.id}`,
    subject: { type: 'financing_need', id: need.id },
  });
}

/**
 * NEED_EXPIRING's check when the reminder fires (registered in ReminderChecks by
 * FinancingNeedsWorkerModule): holds while the need is still open (not withdrawn, satisfied,
 * expired or taken up by a bank).
 */
export async function needExpiringStillHolds(m: EntityManager, r: ReminderSubject): Promise<boolean> {
  if (r.subjectType !== 'financing_need' || !r.subjectId) return false;
  const [n] = await m.query(`SELECT status FROM financing_needs WHERE id = $1`, [r.subjectId]);
  return n?.status === 'OPEN';
}
