import { NotificationType, Role } from '@zj/shared';
import { jobIds, NotificationQueues } from '../../apps/api/src/notifications/notification-queues';
import { passwordReminderKey } from '../../apps/api/src/notifications/notices';
import { NOTIFICATION_TYPES } from '../../apps/api/src/notifications/notification-types';
import { ReminderChecks } from '../../apps/api/src/notifications/reminder-checks';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { waitFor } from '../support/notifications-helpers';
import { Session, startTestApp, TestApp, TEST_PASSWORD } from '../support/test-app';

/**
 * Reminders are delayed jobs with deterministic ids. The reminder that exists today is "you still use
 * the initial password" (scheduled when the bureau creates an account); events, case deadlines and
 * plan reports use the same calls (scheduleReminder / cancelReminder) when they arrive.
 */
describe('notifications: reminders move, disappear, and never fire for what no longer holds', () => {
  let app: TestApp;
  let admin: Session;
  let queues: NotificationQueues;
  let notifications: NotificationsService;
  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { NOTIFY_RELAY_INTERVAL_MS: '100' } });
    admin = await app.admin();
    queues = app.platform.app.get(NotificationQueues);
    notifications = app.platform.app.get(NotificationsService);
  });
  afterAll(() => app?.close());

  const reminder = async (key: string) => (await app.dataSource.query(`SELECT status, version, at FROM notification_reminders WHERE key = $1`, [key]))[0];
  const job = (key: string, version: number) => queues.schedule.raw.getJob(jobIds.reminder(key, version));
  const inboxOf = (userId: string) => app.dataSource.query(`SELECT type FROM notification_inbox WHERE user_id = $1 AND type = 'PASSWORD_CHANGE_REMINDER'`, [userId]);
  /** Moves a user's reminder, as a capability does in its own transaction when its date changes. */
  const reschedule = (s: Session, at: Date) =>
    app.dataSource.transaction((m) =>
      notifications.scheduleReminder(m, {
        key: passwordReminderKey(s.user.id),
        type: NotificationType.PASSWORD_CHANGE_REMINDER,
        at,
        to: { users: [s.user.id] },
        vars: { displayName: s.user.displayName, loginUrl: 'http://localhost:3000/profile' },
        subject: { type: 'user', id: s.user.id },
      }),
    );

  it('creating an account schedules the initial-password reminder three days ahead as a delayed job', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const r = await reminder(passwordReminderKey(bank.user.id));
    expect(r.status).toBe('SCHEDULED');
    expect(new Date(r.at).getTime() - Date.now()).toBeGreaterThan(3 * 24 * 3600_000 - 120_000);
    const j = await waitFor(() => job(passwordReminderKey(bank.user.id), r.version), 20_000, 'delayed job');
    expect(await j.getState()).toBe('delayed');
    expect(j.timestamp + (j.opts.delay ?? 0)).toBeGreaterThan(Date.now() + 3 * 24 * 3600_000 - 120_000);
  });

  it('a moved reminder moves its job and fires once, at the new time', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const key = passwordReminderKey(bank.user.id);
    await reschedule(bank, new Date(Date.now() + 3000));
    const v2 = (await reminder(key)).version;
    await waitFor(() => job(key, v2), 20_000, 'job at the first new time');
    const later = new Date(Date.now() + 7000);
    await reschedule(bank, later);
    const v3 = (await reminder(key)).version;
    expect(v3).toBe(v2 + 1);
    const moved = await waitFor(() => job(key, v3), 20_000, 'moved job');
    expect(Math.abs(moved.timestamp + (moved.opts.delay ?? 0) - later.getTime())).toBeLessThan(1500);
    expect(await job(key, v2)).toBeUndefined(); // the old one is gone
    // Past the old time: nothing.
    await new Promise((r) => setTimeout(r, 4500));
    expect(await inboxOf(bank.user.id)).toHaveLength(0);
    await waitFor(async () => (await inboxOf(bank.user.id)).length === 1, 20_000, 'reminder at the new time');
    expect((await reminder(key)).status).toBe('FIRED');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await inboxOf(bank.user.id)).toHaveLength(1);
  });

  it('a cancelled reminder disappears: changing the password cancels it', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const key = passwordReminderKey(ent.user.id);
    await reschedule(ent, new Date(Date.now() + 4000));
    const v = (await reminder(key)).version;
    await waitFor(() => job(key, v), 20_000, 'job');
    await app.http.post('/api/v1/me/password').set(ent.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'Changed#Password2026' }).expect(204);
    expect((await reminder(key)).status).toBe('CANCELLED');
    await waitFor(async () => (await job(key, v)) === undefined, 20_000, 'job removed');
    await new Promise((r) => setTimeout(r, 5000));
    expect(await inboxOf(ent.user.id)).toHaveLength(0);
  });

  it('a reminder whose subject no longer needs it is skipped when it fires (the user was disabled meanwhile)', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const key = passwordReminderKey(bank.user.id);
    await reschedule(bank, new Date(Date.now() + 3000));
    await app.http.patch(`/api/v1/users/${bank.user.id}`).set(admin.auth).send({ status: 'DISABLED' }).expect(200);
    await waitFor(async () => (await reminder(key)).status === 'SKIPPED', 20_000, 'skipped');
    expect(await inboxOf(bank.user.id)).toHaveLength(0);
  });

  it('in the worker, every reminder type about another module’s records has that module’s check (none fires unchecked)', () => {
    const checks = app.platform.app.get(ReminderChecks);
    const owned = (Object.keys(NOTIFICATION_TYPES) as NotificationType[]).filter((t) => NOTIFICATION_TYPES[t].checkedBy);
    expect(owned.sort()).toEqual(
      [
        NotificationType.CASE_DEADLINE_APPROACHING,
        NotificationType.EVENT_REMINDER,
        NotificationType.NEED_EXPIRING,
        NotificationType.PASSWORD_CHANGE_REMINDER,
        NotificationType.PLAN_REPORT_DUE,
        NotificationType.PLAN_REPORT_OVERDUE,
      ].sort(),
    );
    expect(owned.filter((t) => !checks.has(t))).toEqual([]);
  });

  it('keys and variables are checked by the API other modules call', async () => {
    await expect(app.dataSource.transaction((m) => notifications.scheduleReminder(m, { key: 'bad:key', type: NotificationType.EVENT_REMINDER, at: new Date(), to: { users: [admin.user.id] }, vars: {} }))).rejects.toThrow(/must match/);
    await expect(app.dataSource.transaction((m) => notifications.notify(m, { type: NotificationType.EVENT_REMINDER, to: { users: [admin.user.id] }, vars: { nope: 'x' } }))).rejects.toThrow(/has no variable nope/);
    await expect(notifications.notify(app.dataSource.manager, { type: NotificationType.EVENT_REMINDER, to: { users: [admin.user.id] }, vars: {} })).rejects.toThrow(/inside the transaction/);
  });
});
