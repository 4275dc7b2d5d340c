import { NotificationType, OrgType } from '@zj/shared';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { jobIds, NotificationQueues } from '../../apps/api/src/notifications/notification-queues';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { NotificationsWorker } from '../../apps/api/src/notifications/notifications.worker';
import { orgFactory } from '../support/factories';
import { freePort, inboxCounts, insertUsers, startRecordingServer, waitFor } from '../support/notifications-helpers';
import { startRedis as startOwnRedis, stopProcess } from '../support/server-processes';
import { Session, startTestApp, TestApp } from '../support/test-app';

const REDIS_BIN = '/usr/bin/redis-server';
const hasRedis = existsSync(REDIS_BIN);
if (!hasRedis) console.warn(`Redis outage test skipped: ${REDIS_BIN} is not installed (apt-get install redis-server)`);
const itWithRedis = hasRedis ? it : it.skip;

/** A redis-server of this test's own (never the machine's shared one), without persistence: a restart loses every job. */
const startRedis = (port: number) => startOwnRedis(port, REDIS_BIN);

const N_ORGS = 10;
const CHANGES = 1000;

/**
 * 1,000 renames (each a state change whose notice goes to the organisation's two users and, for one
 * organisation, its webhook); the queue backend goes down after 300 and comes back after 700.
 */
async function burstWithOutage(app: TestApp, admin: Session, hook: Awaited<ReturnType<typeof startRecordingServer>>, down: () => Promise<void>, up: () => Promise<void>) {
  const orgs: string[] = [];
  const users: string[] = [];
  for (let i = 0; i < N_ORGS; i++) {
    const res = await app.http.post('/api/v1/organizations').set(admin.auth).send(orgFactory(OrgType.ENTERPRISE)).expect(201);
    orgs.push(res.body.id);
    users.push(...(await insertUsers(app.dataSource, res.body.id, 2)));
  }
  await app.dataSource.query(`INSERT INTO notification_endpoints (organization_id, channel, name, url, secret) VALUES ($1, 'WEBHOOK', '测试回调', $2, 'burst-secret')`, [orgs[0], `${hook.url}/burst`]);

  let next = 0;
  const statuses: number[] = [];
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= CHANGES) return;
      if (i === 300) await down();
      if (i === 700) await up();
      const org = orgs[i % N_ORGS];
      const res = await app.http.patch(`/api/v1/organizations/${org}`).set(admin.auth).send({ name: `突发测试企业${i}号有限公司` });
      statuses.push(res.status);
    }
  };
  // Sequential around the outage points so that 300 and 700 are exact; the API answers throughout.
  await worker();
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  expect(statuses).toHaveLength(CHANGES);

  const perUser = CHANGES / N_ORGS;
  const counts = await waitFor(
    async () => {
      const c = await inboxCounts(app.dataSource, users, NotificationType.ORGANIZATION_RENAMED);
      return [...c.values()].reduce((a, b) => a + b, 0) === users.length * perUser ? c : null;
    },
    240_000,
    'every notice in every inbox',
  );
  // Exactly once: every user has exactly one notice per rename of their organisation.
  for (const u of users) expect(counts.get(u)).toBe(perUser);
  const [{ n, distinct }] = await app.dataSource.query(
    `SELECT count(*)::int AS n, count(DISTINCT (intent_id, user_id))::int AS distinct FROM notification_inbox WHERE user_id = ANY($1::uuid[])`,
    [users],
  );
  expect({ n, distinct }).toEqual({ n: users.length * perUser, distinct: users.length * perUser });
  // The webhook of the first organisation: one request per rename, none twice.
  const hooks = await waitFor(async () => (hook.received.filter((r) => r.path === '/burst').length >= perUser ? hook.received.filter((r) => r.path === '/burst') : null), 120_000, 'webhooks');
  await new Promise((r) => setTimeout(r, 2000));
  expect(new Set(hooks.map((h) => h.headers['x-zj-delivery'])).size).toBe(perUser);
  expect(hook.received.filter((r) => r.path === '/burst')).toHaveLength(perUser);
}

describe('notifications survive queue outages and worker crashes', () => {
  let hook: Awaited<ReturnType<typeof startRecordingServer>>;
  beforeAll(async () => {
    hook = await startRecordingServer(() => ({ status: 204 }));
  });
  afterAll(() => hook?.close());

  itWithRedis('Redis: 1,000 changes with Redis killed part-way and restarted empty — every notice delivered exactly once', async () => {
    const port = await freePort();
    let redis: ChildProcess | undefined = await startRedis(port);
    const app = await startTestApp({ worker: true, env: { REDIS_URL: `redis://127.0.0.1:${port}`, NOTIFY_RELAY_INTERVAL_MS: '100', NOTIFY_RESWEEP_AFTER_MS: '3000', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    try {
      expect(app.platform.infra.queue.kind).toBe('redis');
      const admin = await app.admin();
      hook.received.length = 0;
      await burstWithOutage(
        app,
        admin,
        hook,
        async () => {
          await stopProcess(redis);
          redis = undefined;
        },
        async () => {
          redis = await startRedis(port);
        },
      );
      // This platform's rows (its queue namespace): other test apps share the database, not the queue.
      const pending = await app.dataSource.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'PENDING' AND queue_ns = $1`, [app.platform.app.get(NotificationsService).queueNs]);
      expect(pending[0].n).toBe(0);
    } finally {
      await app.close();
      await stopProcess(redis);
    }
  }, 600_000);

  it('PostgreSQL queue backend: 1,000 changes with the queue database stopped part-way and restarted — every notice delivered exactly once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zj-queue-pg-'));
    const port = await freePort();
    const startQueueDb = () => startEmbeddedPostgres(dir, { port, maxConnections: 64, searchPath: 'bullmq, public' });
    let queueDb: EmbeddedPostgres | undefined = await startQueueDb();
    const app = await startTestApp({ worker: true, env: { REDIS_URL: '', QUEUE_DATABASE_URL: queueDb.url, NOTIFY_RELAY_INTERVAL_MS: '100', NOTIFY_RESWEEP_AFTER_MS: '3000', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    try {
      expect(app.platform.infra.queue.kind).toBe('postgres');
      const admin = await app.admin();
      hook.received.length = 0;
      await burstWithOutage(
        app,
        admin,
        hook,
        async () => {
          await queueDb!.stop();
          queueDb = undefined;
        },
        async () => {
          queueDb = await startQueueDb();
        },
      );
    } finally {
      await app.close();
      await queueDb?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('a worker process killed in the middle of a fan-out: the job is taken up again (stalled-job recovery), no notice lost or doubled', async () => {
    const prefix = `k${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    // The lock is renewed every half lock duration: 5 s leaves the child room on a loaded machine (a
    // child that cannot renew in time has its own job moved back by its own stalled check, and the
    // recovery would then see no stall); recovery after the kill takes about lock + stalled interval.
    const env = { QUEUE_PREFIX: prefix, NOTIFY_RELAY_INTERVAL_MS: '100', NOTIFY_LOCK_DURATION_MS: '5000', NOTIFY_STALLED_INTERVAL_MS: '1000', NOTIFY_RESWEEP_AFTER_MS: '600000' };
    const app = await startTestApp({ worker: false, env });
    let child: ChildProcess | undefined;
    let recovery: TestApp | undefined;
    try {
      const admin = await app.admin();
      const org = (await app.http.post('/api/v1/organizations').set(admin.auth).send(orgFactory(OrgType.ENTERPRISE)).expect(201)).body.id;
      const total = 8000;
      const users = await insertUsers(app.dataSource, org, total);
      await app.http.patch(`/api/v1/organizations/${org}`).set(admin.auth).send({ name: `崩溃测试企业${Date.now()}有限公司` }).expect(200);
      const [intent] = await app.dataSource.query(`SELECT id FROM notification_outbox WHERE kind = 'NOTIFY' AND payload->'to'->'organizations' ? $1`, [org]);

      child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/notifications-worker-child.ts')], {
        // tsx as a loader inside this one process (its CLI would fork a second process that SIGKILL does not reach).
        env: {
          TSX_TSCONFIG_PATH: path.join(__dirname, '../../apps/api/tsconfig.json'),
          ...process.env,
          ...env,
          NODE_ENV: 'test',
          DATABASE_URL: process.env.DATABASE_URL,
          QUEUE_DATABASE_URL: process.env.QUEUE_DATABASE_URL ?? '',
          REDIS_URL: process.env.REDIS_URL ?? '',
          JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Kill it once part of the fan-out is written: the dispatch job is mid-way.
      const partial = await waitFor(
        async () => {
          const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM notification_inbox WHERE intent_id = $1`, [intent.id]);
          return n > 0 && n < total ? n : null;
        },
        120_000,
        'a partly written fan-out',
      );
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      const [{ n: atKill }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM notification_inbox WHERE intent_id = $1`, [intent.id]);
      expect(partial).toBeLessThan(total);
      expect(atKill).toBeLessThan(total);

      recovery = await startTestApp({ worker: true, env });
      await waitFor(
        async () => (await app.dataSource.query(`SELECT dispatched_at FROM notification_outbox WHERE id = $1`, [intent.id]))[0].dispatched_at,
        120_000,
        'the interrupted fan-out finished',
      );
      const counts = await inboxCounts(app.dataSource, users, NotificationType.ORGANIZATION_RENAMED);
      expect(counts.size).toBe(total);
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      const job = await recovery.platform.app.get(NotificationQueues).dispatch.raw.getJob(jobIds.dispatch(intent.id));
      // The same job (no new one was added: the reconciler is off here) was taken up again by the
      // stalled-job check, and completed once.
      expect(recovery.platform.app.get(NotificationsWorker).stalledJobs).toContain(`notify-dispatch:${jobIds.dispatch(intent.id)}`);
      expect(await job?.getState()).toBe('completed');
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await recovery?.close();
      await app.close();
    }
  }, 300_000);
});
