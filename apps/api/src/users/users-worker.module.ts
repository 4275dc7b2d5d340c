import { Inject, Module } from '@nestjs/common';
import { NotificationType } from '@zj/shared';
import { NotificationDirectory, ReminderChecks } from '../notifications';
import { passwordReminderStillHolds, userFacts } from './user-facts';

/**
 * Loaded with the worker (and by the stand-alone notification worker, hence
 * no entity and every injection token named): tells notifications who a
 * notice's users are and checks the password-change reminder when it fires.
 */
@Module({})
export class UsersWorkerModule {
  constructor(@Inject(NotificationDirectory) directory: NotificationDirectory, @Inject(ReminderChecks) checks: ReminderChecks) {
    directory.useUsers(userFacts);
    checks.register(NotificationType.PASSWORD_CHANGE_REMINDER, passwordReminderStillHolds);
  }
}
