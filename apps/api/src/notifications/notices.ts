import { NotificationType, Role, ROLE_LABELS } from '@zj/shared';
import { zhanjiangDateTime } from '../common/time';
import type { NotifyIntent, ReminderSpec } from './notifications.service';

/**
 * Ready-made notices for the capabilities that existed when notifications were built (users, auth,
 * organisations). Each feature module calls NotificationsService with these inside its own
 * transaction; later features may keep their builders beside their own code instead.
 */

/** Days after which a user still on the initial password is reminded. */
export const PASSWORD_REMINDER_DAYS = 3;

export const passwordReminderKey = (userId: string) => `user.${userId}.password-change`;

export function accountCreatedNotice(user: { id: string; email: string; displayName: string; role: Role }, organizationName: string, publicUrl: string): NotifyIntent {
  return {
    type: NotificationType.ACCOUNT_CREATED,
    to: { users: [user.id] },
    vars: { displayName: user.displayName, email: user.email, organizationName, roleLabel: ROLE_LABELS[user.role], loginUrl: new URL('/login', publicUrl).toString() },
    link: '/profile',
  };
}

export function passwordReminder(user: { id: string; displayName: string; createdAt?: Date }, publicUrl: string, days = PASSWORD_REMINDER_DAYS): ReminderSpec {
  const from = user.createdAt ?? new Date();
  return {
    key: passwordReminderKey(user.id),
    type: NotificationType.PASSWORD_CHANGE_REMINDER,
    at: new Date(from.getTime() + days * 24 * 3600_000),
    to: { users: [user.id] },
    vars: { displayName: user.displayName, loginUrl: new URL('/profile', publicUrl).toString() },
    link: '/profile',
    subject: { type: 'user', id: user.id },
  };
}

export function accountLockedNotice(user: { id: string; displayName: string }, lockedUntil: Date): NotifyIntent {
  return { type: NotificationType.ACCOUNT_LOCKED, to: { users: [user.id] }, vars: { displayName: user.displayName, lockedUntil: zhanjiangDateTime(lockedUntil) } };
}

export function organizationRenamedNotice(org: { id: string }, oldName: string, newName: string): NotifyIntent {
  return { type: NotificationType.ORGANIZATION_RENAMED, to: { organizations: [org.id] }, vars: { oldName, newName } };
}
