import { Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { jobIds, NotificationQueues } from '../../apps/api/src/notifications/notification-queues';
import { passwordReminderKey } from '../../apps/api/src/notifications/notices';
import { NotificationsWorker } from '../../apps/api/src/notifications/notifications.worker';
import { QueueBackend } from '../../apps/api/src/queue/queue-backend';
import { waitFor } from '../support/notifications-helpers';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Defect 9 of issue 13: a Redis restarted without persistence lost every delayed reminder for good
 * (only the daily digest was re-created). The database is the truth and the queue a cache: at worker
 * start, and when the queue turns out to have lost its data, every SCHEDULED reminder whose job is
 * missing is added again under its deterministic job id; jobs that exist are left alone.
 *
 * The queue is wiped on this test's own prefix only (never the shared server as a whole). The
 * periodic sweep for overdue work is pushed out of the way (NOTIFY_RESWEEP_AFTER_MS), so that only
 * the rebuild can bring the jobs back.
 */
describe('reminders are rebuilt from the database when the queue lost them', () => {
  const env = { QUEUE_PREFIX: `r${randomUUID().replace(/-/g, '').slice(0, 12)}`, NOTIFY_RELAY_INTERVAL_MS: '100', NOTIFY_RESWEEP_AFTER_MS: '600000' };
  let app: TestApp | undefined;
  afterAll(() => app?.close());

  const reminder = async (key: string): Promise<{ status: string; version: number; at: Date }> =>
    (await app!.dataSource.query(`SELECT status, version, at FROM notification_reminders WHERE key = $1`, [key]))[0];
  const job = async (key: string) => {
    const r = await reminder(key);
    return app!.platform.app.get(NotificationQueues).schedule.raw.getJob(jobIds.reminder(key, r.version));
  };
  const remindersIn = async (userId: string) =>
    (await app!.dataSource.query(`SELECT count(*)::int AS n FROM notification_inbox WHERE user_id = $1 AND type = 'PASSWORD_CHANGE_REMINDER'`, [userId]))[0].n as number;

  it('after a restart on an emptied queue every scheduled reminder is back under its job id, and one that came due meanwhile fires once', async () => {
    app = await startTestApp({ worker: true, env });
    const settings = app.platform.infra.queue;
    // Each new account schedules its initial-password reminder three days ahead.
    const users: Session[] = [];
    for (let i = 0; i < 3; i++) users.push(await app.userWithRole(Role.BANK));
    const keys = users.map((u) => passwordReminderKey(u.user.id));
    for (const key of keys) await waitFor(() => job(key), 20_000, `job of ${key}`);

    // The first user's reminder comes due while the queue is down (its delayed job still says 3 days).
    await app.dataSource.query(`UPDATE notification_reminders SET at = now() - interval '1 second' WHERE key = $1`, [keys[0]]);
    // The queue backend loses everything (a Redis restarted without persistence) while the platform is down.
    await app.close();
    app = undefined;
    const backend = new QueueBackend(settings);
    try {
      const q = backend.createQueue('notify-schedule');
      await q.obliterate({ force: true });
      expect(await q.getJob(jobIds.reminder(keys[0], 1))).toBeUndefined();
    } finally {
      await backend.close();
    }

    app = await startTestApp({ worker: true, env });
    // The others are back, delayed until their own time …
    for (const key of keys.slice(1)) {
      const j = await waitFor(() => job(key), 20_000, `rebuilt job of ${key}`);
      const r = await reminder(key);
      expect(j.id).toBe(jobIds.reminder(key, r.version));
      expect(await j.getState()).toBe('delayed');
      expect(Math.abs(j.timestamp + (j.opts.delay ?? 0) - new Date(r.at).getTime())).toBeLessThan(5_000);
    }
    // … and the one that came due fires, once.
    await waitFor(async () => (await remindersIn(users[0].user.id)) === 1, 20_000, 'the due reminder in the inbox');
    expect((await reminder(keys[0])).status).toBe('FIRED');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await remindersIn(users[0].user.id)).toBe(1);
    for (const u of users.slice(1)) expect(await remindersIn(u.user.id)).toBe(0);
  });

  it('a queue emptied under the running worker is noticed at the next sweep; a reminder due fires once, existing jobs stay as they are', async () => {
    const worker = app!.platform.app.get(NotificationsWorker);
    const queues = app!.platform.app.get(NotificationQueues);
    const due = await app!.userWithRole(Role.BANK);
    const later = await app!.userWithRole(Role.BANK);
    const dueKey = passwordReminderKey(due.user.id);
    const laterKey = passwordReminderKey(later.user.id);
    await waitFor(() => job(dueKey), 20_000, 'job of the due reminder');
    await waitFor(() => job(laterKey), 20_000, 'job of the later reminder');

    await queues.schedule.raw.obliterate({ force: true });
    expect(await job(laterKey)).toBeUndefined();
    // Its time came while the queue was empty.
    await app!.dataSource.query(`UPDATE notification_reminders SET at = now() - interval '1 second' WHERE key = $1`, [dueKey]);

    // The relay's periodic sweep (run now rather than waiting for it).
    await worker.relay.reconcile();
    const rebuilt = await waitFor(() => job(laterKey), 10_000, 'rebuilt job of the later reminder');
    expect(await rebuilt.getState()).toBe('delayed');
    await waitFor(async () => (await remindersIn(due.user.id)) === 1, 20_000, 'the due reminder in the inbox');
    expect((await reminder(dueKey)).status).toBe('FIRED');

    // Sweeping again changes nothing: the existing job is untouched, the fired reminder is not re-added.
    await worker.relay.reconcile();
    const again = await job(laterKey);
    expect(again?.timestamp).toBe(rebuilt.timestamp);
    expect(await job(dueKey)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await remindersIn(due.user.id)).toBe(1);
    expect(await remindersIn(later.user.id)).toBe(0);
  });
});
