/** Public face of notifications: what other modules may import from it. */
export { DeadLetterQuery } from './dto/notifications.dto';
export { accountCreatedNotice, accountLockedNotice, organizationRenamedNotice, passwordReminder, passwordReminderKey } from './notices';
export { NotificationsAdminService } from './notifications-admin.service';
export { NotificationsModule, NotificationsWorkerModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export type { NotifyIntent, ReminderSpec } from './notifications.service';
export type { ReminderSubject } from './notification-types';
export { ReminderChecks } from './reminder-checks';
export { NotificationDirectory } from './directory';
export type { OrganizationFacts, RecipientQuery, UserCard, UserFacts, UserSession } from './directory';
export type { ReminderCheck } from './reminder-checks';
