/**
 * Notification fan-out benchmark (a script, not a test):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/notifications.bench.ts
 *   npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/notifications.bench.ts   # embedded engines (see the note on
 *     the embedded engine's protocol interleaving in docs/NOTIFICATIONS.md: it may fail under this load)
 *
 * One event invitation to 5,000 users, on Redis (a redis-server of its own on a free port) and on
 * BullMQ's PostgreSQL backend; prints the time to enqueue, inbox deliveries per second, e-mail
 * deliveries per second (one job each, to a local SMTP server) and, in the same run on the same
 * machine, a bare BullMQ no-op job loop, with the ratio (target: inbox ≥ 1/3 of the bare rate).
 */
import 'reflect-metadata';
import { serverScratchDatabase } from './bench-database';
import { NotificationType, OrgType } from '@zj/shared';
import { Queue, Worker } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { AddressInfo, createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app.config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { NotificationsService } from '../src/notifications/notifications.service';
import { startNotificationsWorker } from '../src/notifications/standalone';
import { UsersWorkerModule } from '../src/users/users-worker.module';
import { QueueBackend, QueueBackendSettings } from '../src/queue/queue-backend';

const USERS = Number(process.env.BENCH_USERS ?? 5000);
const CONCURRENCY = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A new database on the server of `serverUrl`, dropped at the end. */
async function scratchDatabase(serverUrl: string, prefix: string, started: { stop(): Promise<void> }[]): Promise<string> {
  const db = await serverScratchDatabase(serverUrl, prefix);
  started.push({ stop: db.drop });
  return db.url;
}

async function until(fn: () => Promise<boolean>, timeoutMs = 600_000, pollMs = 20) {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > timeoutMs) throw new Error('benchmark step timed out');
    await sleep(pollMs);
  }
}

async function startSmtp() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SMTPServer } = require('smtp-server') as typeof import('smtp-server');
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        cb();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Bare BullMQ: N no-op jobs added in bulk, one worker of the same concurrency; jobs per second. */
async function bareLoop(settings: QueueBackendSettings, n: number): Promise<number> {
  const backend = new QueueBackend({ ...settings, prefix: `bare${randomUUID().slice(0, 8)}` });
  await backend.ready();
  const q: Queue = backend.createQueue('bare');
  await q.waitUntilReady();
  let done = 0;
  const w: Worker = backend.createWorker('bare', async () => void done++, { concurrency: CONCURRENCY, drainDelay: 1 });
  await w.waitUntilReady();
  const start = Date.now();
  for (let i = 0; i < n; i += 500) await q.addBulk(Array.from({ length: Math.min(500, n - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })));
  await until(async () => done >= n);
  const rate = n / ((Date.now() - start) / 1000);
  await backend.close();
  return rate;
}

async function main() {
  const started: { stop(): Promise<void> }[] = [];
  let redis: ChildProcess | undefined;
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const main = await startEmbeddedPostgres('memory://', { maxConnections: 64 });
      started.push(main);
      databaseUrl = main.url;
    } else {
      databaseUrl = await scratchDatabase(databaseUrl, 'zj_bench', started);
    }
    await runMigrations(databaseUrl);
    const smtp = await startSmtp();
    started.push(smtp);

    const backends: { label: string; settings: QueueBackendSettings }[] = [];
    if (existsSync('/usr/bin/redis-server')) {
      const port = await freePort();
      redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await sleep(500);
      backends.push({ label: 'Redis', settings: { kind: 'redis', url: `redis://127.0.0.1:${port}`, prefix: 'bench' } });
    } else {
      process.stdout.write('（跳过 Redis：未安装 /usr/bin/redis-server）\n');
    }
    let queueUrl: string;
    if (process.env.DATABASE_URL) {
      // The production shape: BullMQ's PostgreSQL backend in a database of the PostgreSQL server.
      queueUrl = await scratchDatabase(process.env.DATABASE_URL, 'zj_bench_queue', started);
    } else {
      const queueDb = await startEmbeddedPostgres('memory://', { maxConnections: 64, searchPath: 'bullmq, public' });
      started.push(queueDb);
      queueUrl = queueDb.url;
    }
    backends.push({ label: process.env.DATABASE_URL ? 'PostgreSQL 队列（PostgreSQL 服务器）' : 'PostgreSQL 队列（内置引擎）', settings: { kind: 'postgres', url: queueUrl, schema: 'bullmq', prefix: 'bench' } });

    const ds = new DataSource({ type: 'postgres', url: databaseUrl });
    await ds.initialize();
    process.stdout.write(`\n通知扇出基准：一次对接会邀请发给 ${fmt(USERS)} 个用户（并发 ${CONCURRENCY}，CPU ${cpus().length} 核）\n`);

    for (const b of backends) {
      const [org] = await ds.query(`INSERT INTO organizations (type, name) VALUES ($1, $2) RETURNING id`, [OrgType.ENTERPRISE, `基准测试企业${randomUUID().slice(0, 6)}（演示）`]);
      const emails = Array.from({ length: USERS }, (_, i) => `bench.${i}.${randomUUID().slice(0, 8)}@bench.zjgf.local`);
      const users: { id: string }[] = await ds.query(
        `INSERT INTO users (email, display_name, role, organization_id, password_hash) SELECT e, '基准用户', 'ENTERPRISE', $2, 'x' FROM unnest($1::text[]) e RETURNING id`,
        [emails, org.id],
      );
      // Half of the invitees also asked for e-mail: one delivery job each.
      await ds.query(`INSERT INTO notification_preferences (user_id, type, channels, digest) SELECT u, 'EVENT_INVITATION', '{INBOX,EMAIL}', false FROM unnest($1::uuid[]) u`, [
        users.filter((_, i) => i % 2 === 0).map((u) => u.id),
      ]);
      const emailCount = Math.ceil(USERS / 2);

      const config = loadConfig({
        NODE_ENV: 'test',
        JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
        DATABASE_URL: databaseUrl,
        SMTP_URL: smtp.url,
        NOTIFY_RELAY_INTERVAL_MS: '50',
        NOTIFY_CONCURRENCY: String(CONCURRENCY),
        LOG_LEVEL: 'error',
      });
      const { ctx } = await startNotificationsWorker(config, { databaseUrl, queue: { ...b.settings, prefix: `n${randomUUID().slice(0, 8)}` } as QueueBackendSettings }, [UsersWorkerModule]);
      const notifications = ctx.get(NotificationsService);
      const appDs = ctx.get(DataSource);
      const mailsBefore = smtp.received();

      const t0 = Date.now();
      const intentId = await appDs.transaction((m) =>
        notifications.notify(m, {
          type: NotificationType.EVENT_INVITATION,
          to: { organizations: [org.id] },
          vars: { eventTitle: '2026年湛江市绿色金融银企对接会（演示）', startsAt: '2026-03-18 09:30', venue: '湛江市金融工作局三楼会议室（演示）' },
          link: '/events',
        }),
      );
      const tCommit = Date.now();
      await until(async () => (await ds.query(`SELECT status FROM notification_outbox WHERE id = $1`, [intentId]))[0].status === 'RELAYED', 60_000, 5);
      const tEnqueued = Date.now();
      await until(async () => (await ds.query(`SELECT count(*)::int AS n FROM notification_inbox WHERE intent_id = $1`, [intentId]))[0].n >= USERS, 600_000, 10);
      const tInbox = Date.now();
      await until(async () => smtp.received() - mailsBefore >= emailCount, 900_000, 50);
      const tMail = Date.now();
      await ctx.close();

      const inboxRate = USERS / ((tInbox - tCommit) / 1000);
      const mailRate = emailCount / ((tMail - tCommit) / 1000);
      const bare = await bareLoop(b.settings, USERS);
      process.stdout.write(
        [
          ``,
          `== ${b.label} ==`,
          `  写入意图（notify 事务）：        ${tCommit - t0} ms`,
          `  入队（提交 → 已交给队列）：      ${tEnqueued - tCommit} ms`,
          `  站内消息 ${fmt(USERS)} 条送达：       ${tInbox - tCommit} ms  → ${fmt(inboxRate)} 条/秒`,
          `  电子邮件 ${fmt(emailCount)} 封（每封一个任务）：${tMail - tCommit} ms  → ${fmt(mailRate)} 封/秒`,
          `  裸 BullMQ 空任务循环：           ${fmt(bare)} 个/秒`,
          `  比值 站内消息/裸 BullMQ：        ${(inboxRate / bare).toFixed(2)}（目标 ≥ 0.33）${inboxRate / bare >= 1 / 3 ? ' ✓' : ' ✗'}`,
          `  比值 电子邮件/裸 BullMQ：        ${(mailRate / bare).toFixed(2)}`,
        ].join('\n') + '\n',
      );
    }
    await ds.destroy();
  } finally {
    if (redis) redis.kill('SIGKILL');
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
  }
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    process.stderr.write(`benchmark failed: ${(e as Error).stack}\n`);
    process.exit(1);
  });
