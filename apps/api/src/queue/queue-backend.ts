import { Logger } from '@nestjs/common';
import { createPostgresBackend, Processor, Queue, QueueOptions, withBackend, Worker, WorkerOptions } from 'bullmq';
import IORedis, { Redis } from 'ioredis';
import { Pool } from 'pg';

/** Where BullMQ keeps its jobs: Redis when REDIS_URL is set, else its PostgreSQL backend. */
export type QueueBackendSettings = ({ kind: 'redis'; url: string } | { kind: 'postgres'; url: string; schema: string }) & { prefix: string };

const PostgresClasses = withBackend(createPostgresBackend);

/** Longest a PostgreSQL-backed worker waits before looking for jobs again (seconds). */
const POSTGRES_MAX_BLOCK_SECONDS = 1;

/**
 * Makes BullMQ queues and workers on the configured backend, so the rest of the code never asks
 * which one it is. One instance per process; closed on shutdown.
 */
export class QueueBackend {
  private readonly logger = new Logger(QueueBackend.name);
  private redis?: Redis;
  private pgPool?: Pool;
  private readonly closables: { close(): Promise<unknown> }[] = [];
  private readonly failFastClients: Redis[] = [];

  constructor(readonly settings: QueueBackendSettings) {}

  get kind() {
    return this.settings.kind;
  }

  private connection(): QueueOptions['connection'] {
    if (this.settings.kind === 'redis') {
      this.redis ??= new IORedis(this.settings.url, { maxRetriesPerRequest: null, lazyConnect: false });
      this.redis.on('error', (e) => this.logger.warn({ msg: 'redis connection error', error: e.message }));
      return this.redis;
    }
    return { connectionString: this.settings.url, schema: this.settings.schema, migrate: true, max: 5 } as unknown as QueueOptions['connection'];
  }

  /**
   * A Redis connection of its own that refuses commands while Redis is down instead of queueing
   * them (for producers that must notice an outage, e.g. the notification outbox relay).
   */
  private failFastConnection(): QueueOptions['connection'] {
    if (this.settings.kind !== 'redis') return this.connection();
    const redis = new IORedis(this.settings.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000) });
    redis.on('error', () => undefined);
    this.failFastClients.push(redis);
    return redis;
  }

  createQueue<D = unknown>(name: string, opts: Omit<QueueOptions, 'connection'> = {}, extra: { failFast?: boolean } = {}): Queue<D> {
    const connection = extra.failFast ? this.failFastConnection() : this.connection();
    const queue =
      this.settings.kind === 'redis'
        ? new Queue<D>(name, { prefix: this.settings.prefix, ...opts, connection })
        : (new PostgresClasses.Queue<D>(name, { prefix: this.settings.prefix, ...opts, connection } as never) as unknown as Queue<D>);
    queue.on('error', (e) => this.logger.warn({ msg: 'queue error', queue: name, error: e.message }));
    this.closables.push(queue);
    return queue;
  }

  createWorker<D = unknown>(name: string, processor: Processor<D>, opts: Omit<WorkerOptions, 'connection'> = {}): Worker<D> {
    const worker =
      this.settings.kind === 'redis'
        ? new Worker<D>(name, processor, { prefix: this.settings.prefix, ...opts, connection: this.connection() })
        : (new PostgresClasses.Worker<D>(name, processor as never, { prefix: this.settings.prefix, ...opts, connection: this.connection() } as never) as unknown as Worker<D>);
    if (this.settings.kind === 'postgres') {
      // A PostgreSQL-backed worker sleeps until its next delayed job (up to an hour) and relies on
      // LISTEN/NOTIFY to wake for new ones; the embedded engine delivers no notifications, so a
      // worker with a reminder days ahead would never see new jobs. Wake at least every second.
      Object.defineProperty(worker, 'maximumBlockTimeout', { get: () => POSTGRES_MAX_BLOCK_SECONDS });
    }
    worker.on('error', (e) => this.logger.warn({ msg: 'worker error', queue: name, error: e.message }));
    this.closables.unshift(worker);
    return worker;
  }

  private migrated?: Promise<void>;

  /**
   * PostgreSQL backend: runs BullMQ's schema migrations once, before queues and workers start. Many
   * instances migrating at the same moment hang the embedded engine (its clients share one session,
   * so the migration's advisory lock does not serialise them). Await this before creating workers.
   */
  ready(): Promise<void> {
    if (this.settings.kind !== 'postgres') return Promise.resolve();
    this.migrated ??= (async () => {
      const q = new PostgresClasses.Queue('zj-migrate', { prefix: this.settings.prefix, connection: this.connection() } as never) as unknown as Queue;
      try {
        await q.waitUntilReady();
      } finally {
        await q.close().catch(() => undefined);
      }
    })();
    this.migrated.catch(() => (this.migrated = undefined));
    return this.migrated;
  }

  /** Answers when the backend answers; throws otherwise. Used by the health check. */
  async ping(timeoutMs = 2000): Promise<void> {
    const probe = async () => {
      if (this.settings.kind === 'redis') {
        this.connection();
        await this.redis!.ping();
      } else {
        this.pgPool ??= new Pool({ connectionString: this.settings.url, max: 1 });
        await this.pgPool.query('SELECT 1');
      }
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('queue backend timed out')), timeoutMs)))]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    for (const c of this.closables.splice(0)) await c.close().catch(() => undefined);
    await this.pgPool?.end().catch(() => undefined);
    if (this.redis) this.redis.disconnect();
    for (const r of this.failFastClients.splice(0)) r.disconnect();
  }
}

/**
 * Retries `prepare` (which waits for the queue backend) with a growing pause until it succeeds or
 * `stopped()` says the process is shutting down; answers whether it succeeded. Workers start this way
 * in the background, so the platform comes up even while the queue backend is down.
 */
export async function retryUntilReady(prepare: () => Promise<unknown>, o: { stopped: () => boolean; logger: Logger; what: string }): Promise<boolean> {
  for (let attempt = 1; !o.stopped(); attempt++) {
    try {
      await prepare();
      return true;
    } catch (e) {
      o.logger.warn({ msg: `${o.what} not ready; retrying`, attempt, error: (e as Error).message });
      await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 5000)));
    }
  }
  return false;
}
