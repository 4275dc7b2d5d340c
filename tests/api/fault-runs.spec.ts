import { CaseState, NotificationChannel, NotificationType, Role, UserChannel } from '@zj/shared';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import type { EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../../apps/api/src/common/errors/all-exceptions.filter';
import { jobIds, NotificationQueues } from '../../apps/api/src/notifications/notification-queues';
import { effectiveChannels } from '../../apps/api/src/notifications/notification-types';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { NotificationsWorker } from '../../apps/api/src/notifications/notifications.worker';
import { needBody, uniq } from '../support/library-factories';
import { greenEnterprise, GreenEnterprise, publishedProduct } from '../support/matchmaking-factories';
import { freePort, insertUsers, waitFor } from '../support/notifications-helpers';
import { OwnPostgres, ownServersUnavailable, startRedis, stopProcess } from '../support/server-processes';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Fault runs against real servers (issue 13, "suites to keep"). The test starts a PostgreSQL and a
 * Redis of its OWN (never the machine's: free loopback ports, temporary directories), starts the
 * platform (API + worker) on them, and drives a notification-producing load through the public API:
 * enterprises post financing needs (matching notices batched to the bank, an "about to expire"
 * reminder), apply to the bank's product (case notices, a deadline reminder), the bank accepts (the
 * reminder moves), the bureau renames the enterprises (a notice to every user), users read their inbox.
 * Meanwhile Redis is killed and restarted empty (no persistence), then PostgreSQL is stopped
 * (`pg_ctl stop -m fast`) and started again. At the end it counts, from the database and the queue:
 *   - request errors by status and phase (503s while the database is down are expected and counted apart);
 *   - notifications lost: intents of the run whose recipients lack their inbox row, batched items never
 *     sent, acknowledged changes without their intent;
 *   - duplicated: inbox rows per (intent, user) > 1, two intents for one change, a retried POST done twice;
 *   - reminders lost: scheduled reminders whose delayed job the queue lacks after Redis came back
 *     (rebuilt from the database at worker start and on reconnect);
 * and asserts 0 of each, and that the platform serves normally after each restart.
 *
 * Short by default (part of `npm test`, about half a minute). The long run is the same file with
 * FAULT_RUN_SECONDS (and optionally FAULT_OUTAGE_SECONDS, FAULT_CLIENTS), see README "Fault runs":
 *   FAULT_RUN_SECONDS=600 FAULT_OUTAGE_SECONDS=30 npm test -- tests/api/fault-runs.spec.ts
 * Skipped, with the reason printed, on a machine without the server binaries.
 */

const skipReason = ownServersUnavailable();
if (skipReason) console.warn(`fault runs skipped: ${skipReason}`);
const describeWithServers = skipReason ? describe.skip : describe;

function envSeconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of seconds, got ${raw}`);
  return n;
}

const LONG = envSeconds('FAULT_RUN_SECONDS', 0) > 0;
const OUTAGE_MS = envSeconds('FAULT_OUTAGE_SECONDS', LONG ? 30 : 3) * 1000;
/** Load between faults: as long as an outage, at least 3 s. */
const STEADY_MS = Math.max(3000, OUTAGE_MS);
/** One cycle: steady, Redis down, steady, PostgreSQL down; a last steady stretch closes the run. */
const CYCLE_MS = 2 * STEADY_MS + 2 * OUTAGE_MS;
const CYCLES = LONG ? Math.max(1, Math.floor((envSeconds('FAULT_RUN_SECONDS', 0) * 1000 - STEADY_MS) / CYCLE_MS)) : 1;
const CLIENTS = Math.round(envSeconds('FAULT_CLIENTS', 3));
/** How long the platform may take to serve again after a restart, and to finish the notices after the load. */
const RECOVERY_MS = 30_000;
const DRAIN_MS = LONG ? 180_000 : 40_000;
const RUN_MS = CYCLES * CYCLE_MS + STEADY_MS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Phase = 'steady' | 'redis down' | 'after redis restart' | 'database down' | 'after database restart';

interface Attempt {
  op: string;
  status: number;
  code?: string;
  start: number;
  end: number;
  phase: Phase;
  /** This attempt retried one that met the database outage. */
  retryAfterOutage: boolean;
}

interface Outage {
  kind: 'redis' | 'database';
  down: number;
  up?: number;
  /** First moment the platform was seen serving normally again. */
  serving?: number;
  /** Redis: when every scheduled reminder had its job again. */
  remindersBack?: number;
  rebuilt?: number;
  remindersBefore?: number;
  /** Redis: scheduled reminders still without their job RECOVERY_MS after the restart. */
  remindersMissing?: number;
}

describeWithServers('fault runs: own PostgreSQL and Redis stopped and restarted under a notification-producing load', () => {
  let pg: OwnPostgres | undefined;
  let redis: ChildProcess | undefined;
  let redisPort = 0;
  let app: TestApp | undefined;
  const timings: Record<string, number> = {};

  let admin: Session;
  let bank: Session;
  let productId: string;
  const enterprises: GreenEnterprise[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    pg = await OwnPostgres.create();
    const databaseUrl = await pg.createDatabase('zj_fault');
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    timings.serversStartMs = Date.now() - t0;
    const t1 = Date.now();
    app = await startTestApp({
      worker: true,
      env: {
        DATABASE_URL: databaseUrl,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        QUEUE_DATABASE_URL: '',
        NOTIFY_RELAY_INTERVAL_MS: '100',
        // Lost jobs are handed over again after 3 s (the production default is a minute).
        NOTIFY_RESWEEP_AFTER_MS: '3000',
        // Matching notices gathered for 1 s, not 10 minutes, so that the run sees them sent.
        NOTIFY_BATCH_WINDOW_MS: '1000',
      },
    });
    await app.platform.app.get(NotificationsWorker).started();
    timings.appStartMs = Date.now() - t1;
    expect(app.platform.infra.queue.kind).toBe('redis');

    const t2 = Date.now();
    admin = await app.admin();
    bank = await app.userWithRole(Role.BANK);
    productId = (await publishedProduct(app, bank)).id;
    await insertUsers(app.dataSource, bank.organizationId, 2, 'BANK');
    for (let i = 0; i < CLIENTS; i++) {
      const g = await greenEnterprise(app);
      await insertUsers(app.dataSource, g.enterprise.organizationId, 2);
      enterprises.push(g);
    }
    timings.actorsMs = Date.now() - t2;
  }, 120_000);

  afterAll(async () => {
    // Servers up again (a failure may have left one down) so that the platform closes promptly.
    if (pg && !pg.running) await pg.start().catch(() => undefined);
    if (!redis && redisPort) redis = await startRedis(redisPort).catch(() => undefined);
    if (app) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([app.close().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 20_000)))]);
      clearTimeout(timer);
    }
    await stopProcess(redis);
    await pg?.destroy();
  }, 60_000);

  it('a transaction whose session the server ends between two of its queries is a database outage (503), not a 500', async () => {
    const a = app!;
    // What `pg_ctl stop -m fast` does to every session: the server ends it while it is idle in a
    // transaction; TypeORM then releases the transaction's query runner, and the next query fails
    // with "already released" (the cause is not kept): by a raw query, or by a query builder.
    const next: Record<string, (m: EntityManager) => Promise<unknown>> = {
      'raw query': (m) => m.query(`SELECT 1`),
      'query builder': (m) => m.createQueryBuilder().select('1', 'one').from('pg_class', 'c').limit(1).getRawOne(),
    };
    const seen: Record<string, { name: string; unavailable: boolean }> = {};
    for (const [what, query] of Object.entries(next)) {
      let error: unknown;
      await a.dataSource
        .transaction(async (m) => {
          const [{ pid }] = await m.query(`SELECT pg_backend_pid() AS pid`);
          await a.dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
          await waitFor(async () => m.queryRunner!.isReleased, 10_000, 'the query runner released by the connection error');
          await query(m);
        })
        .catch((e: unknown) => (error = e));
      expect(error).toBeDefined();
      seen[what] = { name: (error as Error).name, unavailable: isDatabaseUnavailable(error) };
    }
    expect(seen).toEqual({
      'raw query': { name: 'QueryRunnerProviderAlreadyReleasedError', unavailable: true },
      'query builder': { name: 'QueryRunnerAlreadyReleasedError', unavailable: true },
    });
    // And the platform goes on serving on fresh connections.
    expect((await a.http.get('/api/v1/health')).status).toBe(200);
  });

  it(`${CYCLES} cycle(s) of Redis and PostgreSQL outages of ${OUTAGE_MS / 1000} s under load: no request error outside the database outage, no notice lost or doubled, no reminder lost`, async () => {
    const a = app!;
    const ns = a.platform.app.get(NotificationsService).queueNs;
    const queues = a.platform.app.get(NotificationQueues);
    const relay = a.platform.app.get(NotificationsWorker).relay;
    const [{ now: runStart }] = await a.dataSource.query(`SELECT now() AS now`);

    const attempts: Attempt[] = [];
    const outages: Outage[] = [];
    const renamed: string[] = [];
    const needPurposes: string[] = [];
    const abandoned: Record<string, number> = {};
    let stopping = false;

    const phaseAt = (t: number): Phase => {
      const last = [...outages].reverse().find((o) => o.down <= t);
      if (!last) return 'steady';
      if (last.serving === undefined || t < last.serving) return last.kind === 'redis' ? 'redis down' : 'database down';
      return last.kind === 'redis' ? 'after redis restart' : 'after database restart';
    };
    /** Whether [start, end] overlaps a database outage (from the stop until the platform served again). */
    const inDatabaseOutage = (start: number, end: number) => outages.some((o) => o.kind === 'database' && start <= (o.serving ?? Infinity) && end >= o.down);

    /**
     * One logical request. POSTs carry an Idempotency-Key and are retried with it (as the web app
     * does) while the platform answers 503; other methods are sent once.
     */
    async function send(op: string, make: () => Test, opts: { idempotent?: boolean } = {}): Promise<Response | undefined> {
      const key = randomUUID();
      const first = Date.now();
      let metOutage = false;
      for (;;) {
        const start = Date.now();
        let res: Response | undefined;
        try {
          const req = make();
          if (opts.idempotent) req.set('Idempotency-Key', key);
          res = await req;
        } catch {
          // no answer at all (status 0): counted as an error unless retried through the outage
        }
        const status = res?.status ?? 0;
        const end = Date.now();
        const code = (res?.body as { error?: { code?: string } } | undefined)?.error?.code;
        attempts.push({ op, status, code, start, end, phase: phaseAt(start), retryAfterOutage: metOutage });
        if (status >= 200 && status < 300) return res;
        if (!opts.idempotent) return undefined;
        if (status === 503 || status === 0) {
          metOutage = true;
          if (end - first > OUTAGE_MS + RECOVERY_MS) return undefined;
          await sleep(250);
          continue;
        }
        // The first attempt was cut by the outage while holding its key: the key is free again when
        // its lease ends (a minute). A real user is told "正在处理中"; the load moves on.
        abandoned[`${op} ${status} ${code ?? ''}`.trim()] = (abandoned[`${op} ${status} ${code ?? ''}`.trim()] ?? 0) + 1;
        return undefined;
      }
    }

    async function client(i: number) {
      const g = enterprises[i];
      for (let n = 0; !stopping; n++) {
        const purpose = `故障演练融资需求${i}-${n}-${uniq()}`;
        needPurposes.push(purpose);
        const wantedBy = new Date(Date.now() + 90 * 24 * 3600_000).toISOString().slice(0, 10);
        const need = await send('POST /financing-needs', () => a.http.post('/api/v1/financing-needs').set(g.enterprise.auth).send(needBody({ projectId: g.projectId, purpose, wantedBy })), { idempotent: true });
        if (need) {
          const applied = await send('POST /cases/apply', () => a.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.body.id, productId }), { idempotent: true });
          if (applied) {
            await send('POST /cases/:id/transitions', () => a.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(bank.auth).send({ to: CaseState.ACCEPTED }), { idempotent: true });
          }
        }
        const name = `故障演练企业${i}号${n}期有限公司`;
        if (await send('PATCH /organizations/:id', () => a.http.patch(`/api/v1/organizations/${g.enterprise.organizationId}`).set(admin.auth).send({ name }))) renamed.push(name);
        await send('GET /notifications/inbox', () => a.http.get('/api/v1/notifications/inbox').query({ pageSize: 5 }).set(g.enterprise.auth));
      }
    }

    /** Scheduled reminders of this platform whose delayed job the queue lacks (a pending handover is not missing). */
    async function remindersWithoutJob(): Promise<string[]> {
      const rows: { key: string; version: number }[] = await a.dataSource.query(
        `SELECT r.key, r.version FROM notification_reminders r
          WHERE r.status = 'SCHEDULED' AND r.queue_ns = $1
            AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.kind = 'REMINDER' AND o.status = 'PENDING' AND o.queue_ns = $1 AND o.payload->>'key' = r.key)`,
        [ns],
      );
      const missing = await withoutJob(rows);
      if (!missing.length) return missing;
      // Moved, fired or cancelled meanwhile: not missing.
      return withoutJob(await a.dataSource.query(`SELECT key, version FROM notification_reminders WHERE key = ANY($1) AND status = 'SCHEDULED'`, [missing]));
    }
    async function withoutJob(rows: { key: string; version: number }[]): Promise<string[]> {
      const out: string[] = [];
      for (let i = 0; i < rows.length; i += 100) {
        const part = rows.slice(i, i + 100);
        const jobs = await Promise.all(part.map((r) => queues.schedule.raw.getJob(jobIds.reminder(r.key, r.version))));
        part.forEach((r, k) => jobs[k] || out.push(r.key));
      }
      return out;
    }
    const scheduledReminders = async () => (await a.dataSource.query(`SELECT count(*)::int AS n FROM notification_reminders WHERE status = 'SCHEDULED' AND queue_ns = $1`, [ns]))[0].n as number;

    /** Serving normally: health 200 (database and queue answer) and a change whose notice reaches the inbox. */
    async function servesNormally(what: string) {
      await waitFor(async () => (await a.http.get('/api/v1/health')).status === 200, RECOVERY_MS, `health 200 after the ${what} restart`);
      const g = enterprises[0];
      const name = `故障演练恢复检查${uniq()}有限公司`;
      await waitFor(async () => (await a.http.patch(`/api/v1/organizations/${g.enterprise.organizationId}`).set(admin.auth).send({ name })).status === 200, RECOVERY_MS, `a change accepted after the ${what} restart`);
      renamed.push(name);
      await waitFor(
        async () =>
          (await a.dataSource.query(`SELECT 1 FROM notification_inbox WHERE user_id = $1 AND type = 'ORGANIZATION_RENAMED' AND body LIKE $2`, [g.enterprise.user.id, `%${name}%`])).length > 0,
        RECOVERY_MS,
        `the notice of a change made after the ${what} restart`,
      );
    }

    async function faults() {
      for (let c = 0; c < CYCLES; c++) {
        await sleep(STEADY_MS);
        // Redis killed, restarted empty.
        const remindersBefore = await scheduledReminders();
        const rebuiltBefore = relay.rebuiltReminders;
        const r: Outage = { kind: 'redis', down: Date.now(), remindersBefore };
        outages.push(r);
        await stopProcess(redis);
        redis = undefined;
        await sleep(OUTAGE_MS);
        redis = await startRedis(redisPort);
        r.up = Date.now();
        await waitFor(async () => (await a.http.get('/api/v1/health')).status === 200, RECOVERY_MS, 'health 200 after the Redis restart');
        r.serving = Date.now();
        // The reminders the empty Redis lost are rebuilt from the database.
        try {
          await waitFor(async () => (await remindersWithoutJob()).length === 0, RECOVERY_MS, 'every scheduled reminder back in the queue');
          r.remindersBack = Date.now();
        } catch {
          r.remindersMissing = (await remindersWithoutJob()).length;
        }
        r.rebuilt = relay.rebuiltReminders - rebuiltBefore;
        await servesNormally('Redis');

        await sleep(STEADY_MS);
        // PostgreSQL stopped (fast: sessions ended), started again.
        const d: Outage = { kind: 'database', down: Date.now() };
        outages.push(d);
        await pg!.stop('fast');
        await sleep(OUTAGE_MS);
        await pg!.start();
        d.up = Date.now();
        await waitFor(async () => (await a.http.get(`/api/v1/organizations/${bank.organizationId}`).set(admin.auth)).status === 200, RECOVERY_MS, 'a read served after the database restart');
        d.serving = Date.now();
        await servesNormally('database');
      }
      await sleep(STEADY_MS);
    }

    // ------------------------------------------------------------------ the run
    const loadStart = Date.now();
    const load = Promise.all(enterprises.map((_, i) => client(i)));
    try {
      await faults();
    } finally {
      stopping = true;
      await load;
    }
    timings.loadMs = Date.now() - loadStart;

    // ------------------------------------------------------------------ drain, then count
    const drainStart = Date.now();
    const counts = async () => {
      const [open] = await a.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
                count(*) FILTER (WHERE kind = 'NOTIFY' AND dispatched_at IS NULL)::int AS undispatched
           FROM notification_outbox WHERE queue_ns = $1`,
        [ns],
      );
      const [{ unflushed }] = await a.dataSource.query(`SELECT count(*)::int AS unflushed FROM notification_batch_items WHERE queue_ns = $1 AND flushed_at IS NULL`, [ns]);
      // Every (intent of the run, recipient who gets the inbox channel) pair, and whether its inbox row exists.
      const pairs: { type: NotificationType; channels: UserChannel[] | null; only: UserChannel[] | null; delivered: boolean }[] = await a.dataSource.query(
        `SELECT o.type, p.channels, o.payload->'onlyChannels' AS only, EXISTS (SELECT 1 FROM notification_inbox i WHERE i.intent_id = o.id AND i.user_id = u.id) AS delivered
           FROM notification_outbox o
           JOIN users u ON u.status = 'ACTIVE' AND (
                u.id::text IN (SELECT jsonb_array_elements_text(COALESCE(o.payload->'to'->'users', '[]')))
             OR u.organization_id::text IN (SELECT jsonb_array_elements_text(COALESCE(o.payload->'to'->'organizations', '[]')))
             OR u.role IN (SELECT jsonb_array_elements_text(COALESCE(o.payload->'to'->'roles', '[]'))))
           LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.type = o.type
          WHERE o.kind = 'NOTIFY' AND o.queue_ns = $1 AND o.created_at >= $2`,
        [ns, runStart],
      );
      const expected = pairs.filter((p) => (Array.isArray(p.only) ? p.only : effectiveChannels(p.type, p.channels)).includes(NotificationChannel.INBOX));
      const [{ intents }] = await a.dataSource.query(`SELECT count(*)::int AS intents FROM notification_outbox WHERE kind = 'NOTIFY' AND queue_ns = $1 AND created_at >= $2`, [ns, runStart]);
      const [{ inbox }] = await a.dataSource.query(`SELECT count(*)::int AS inbox FROM notification_inbox i JOIN notification_outbox o ON o.id = i.intent_id WHERE o.queue_ns = $1 AND o.created_at >= $2`, [ns, runStart]);
      // Acknowledged renames (200) whose notice was never recorded.
      const [{ n: renamesWithoutIntent }] = await a.dataSource.query(
        `SELECT count(*)::int AS n FROM unnest($1::text[]) AS x(name)
          WHERE NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.type = 'ORGANIZATION_RENAMED' AND o.payload->'vars'->>'newName' = x.name)`,
        [renamed],
      );
      const dup = async (sql: string, params: unknown[]) => (await a.dataSource.query(`SELECT COALESCE(sum(n - 1), 0)::int AS extra FROM (${sql}) d`, params))[0].extra as number;
      const duplicated = {
        inboxRowsPerIntentAndUser: await dup(`SELECT count(*) AS n FROM notification_inbox GROUP BY intent_id, user_id HAVING count(*) > 1`, []),
        renameNotices: await dup(
          `SELECT count(*) AS n FROM notification_outbox WHERE type = 'ORGANIZATION_RENAMED' AND queue_ns = $1 AND created_at >= $2 GROUP BY payload->'vars'->>'newName' HAVING count(*) > 1`,
          [ns, runStart],
        ),
        caseNotices: await dup(
          `SELECT count(*) AS n FROM notification_outbox WHERE type = 'CASE_STATUS_CHANGED' AND queue_ns = $1 AND created_at >= $2 GROUP BY payload->>'link', payload->'vars'->>'statusLabel' HAVING count(*) > 1`,
          [ns, runStart],
        ),
        matchingItems: await dup(`SELECT count(*) AS n FROM notification_batch_items WHERE queue_ns = $1 GROUP BY batch_key, item->'ref'->>'id' HAVING count(*) > 1`, [ns]),
        needsCreatedTwice: await dup(`SELECT count(*) AS n FROM financing_needs WHERE purpose = ANY($1) GROUP BY purpose HAVING count(*) > 1`, [needPurposes]),
      };
      return {
        intents,
        inboxRows: inbox,
        lost: {
          inboxRows: expected.filter((p) => !p.delivered).length,
          undispatchedIntents: open.undispatched,
          pendingOutbox: open.pending,
          unflushedBatchItems: unflushed,
          renamesWithoutNotice: renamesWithoutIntent,
        },
        duplicated,
      };
    };
    type Counts = Awaited<ReturnType<typeof counts>>;
    const total = (o: Record<string, number>) => Object.values(o).reduce((x, y) => x + y, 0);
    let final: Counts = await counts();
    let missingReminders: string[] = [];
    try {
      await waitFor(
        async () => {
          final = await counts();
          if (total(final.lost) > 0) return false;
          missingReminders = await remindersWithoutJob();
          return missingReminders.length === 0;
        },
        DRAIN_MS,
        'every notice in its inboxes and every reminder in the queue',
      );
    } catch {
      // Reported below with the counts.
    }
    missingReminders = await remindersWithoutJob();
    timings.drainMs = Date.now() - drainStart;

    // ------------------------------------------------------------------ report
    const requestErrors: Record<string, number> = {};
    const expected503: Record<string, number> = {};
    let retriedAfterOutage = 0;
    for (const at of attempts) {
      if (at.status >= 200 && at.status < 300) {
        if (at.retryAfterOutage) retriedAfterOutage++;
        continue;
      }
      const key = `${at.status}${at.code ? ` ${at.code}` : ''} · ${at.op}`;
      if (at.status === 503 && inDatabaseOutage(at.start, at.end)) expected503[key] = (expected503[key] ?? 0) + 1;
      else if (at.status === 409 && at.retryAfterOutage && (at.code === 'IDEMPOTENCY_IN_PROGRESS' || at.code === 'IDEMPOTENCY_RESULT_UNAVAILABLE')) continue; // in `abandoned`
      else requestErrors[`${key} · ${at.phase}`] = (requestErrors[`${key} · ${at.phase}`] ?? 0) + 1;
    }
    const ok = attempts.filter((x) => x.status >= 200 && x.status < 300).length;
    const rel = (t?: number) => (t === undefined ? '—' : `${((t - loadStart) / 1000).toFixed(1)} s`);
    const report = [
      `fault run: ${CYCLES} cycle(s), outages of ${OUTAGE_MS / 1000} s, ${CLIENTS} clients, load ${(timings.loadMs / 1000).toFixed(1)} s (planned ${RUN_MS / 1000} s)`,
      `timings: servers ${timings.serversStartMs} ms, platform start + migrations ${timings.appStartMs} ms, actors ${timings.actorsMs} ms, drain ${timings.drainMs} ms`,
      `requests: ${attempts.length} sent, ${ok} answered 2xx (${(ok / (timings.loadMs / 1000)).toFixed(1)}/s), ${retriedAfterOutage} of them retries (same Idempotency-Key) after the outage`,
      ...outages.map((o) =>
        o.kind === 'redis'
          ? `  redis down at ${rel(o.down)}, restarted empty at ${rel(o.up)}; healthy after ${o.serving! - o.up!} ms; reminders back ${o.remindersBack ? `after ${o.remindersBack - o.up!} ms` : `NEVER (${o.remindersMissing} without their job ${RECOVERY_MS / 1000} s after the restart)`} (${o.rebuilt} rebuilt from the database, ${o.remindersBefore} scheduled before)`
          : `  database stopped at ${rel(o.down)}, started at ${rel(o.up)}; serving after ${o.serving! - o.up!} ms`,
      ),
      `expected 503 during the database outage: ${total(expected503)} ${JSON.stringify(expected503)}`,
      `requests given up (key still leased by an attempt the outage cut, or committed with its answer lost): ${JSON.stringify(abandoned)}`,
      `request errors: ${total(requestErrors)} ${JSON.stringify(requestErrors)}`,
      `notifications: ${final.intents} intents of the run, ${final.inboxRows} inbox rows`,
      `notifications lost: ${total(final.lost)} ${JSON.stringify(final.lost)}`,
      `notifications duplicated: ${total(final.duplicated)} ${JSON.stringify(final.duplicated)}`,
      `reminders: ${await scheduledReminders()} scheduled, lost (no job in the queue): ${missingReminders.length}${missingReminders.length ? ` ${JSON.stringify(missingReminders.slice(0, 10))}` : ''}`,
    ].join('\n');
    console.log(report);

    expect({
      requestErrors,
      lost: total(final.lost),
      duplicated: total(final.duplicated),
      remindersLost: Math.max(missingReminders.length, ...outages.map((o) => o.remindersMissing ?? 0)),
    }).toEqual({ requestErrors: {}, lost: 0, duplicated: 0, remindersLost: 0 });
    // The run did what it says: notices were produced, the database outage was felt, reminders were rebuilt.
    expect(final.intents).toBeGreaterThan(0);
    expect(outages.filter((o) => o.serving !== undefined)).toHaveLength(2 * CYCLES);
    expect(outages.filter((o) => o.kind === 'redis').every((o) => (o.rebuilt ?? 0) > 0)).toBe(true);
  }, RUN_MS + 2 * RECOVERY_MS * CYCLES + DRAIN_MS + 60_000);
});
