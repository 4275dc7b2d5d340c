import { Logger } from '@nestjs/common';
import { createPostgresBackend, Processor, Queue, QueueOptions, withBackend, Worker, WorkerOptions } from 'bullmq';
import IORedis, { Redis } from 'ioredis';
import { Pool } from 'pg';

/** Where BullMQ keeps its jobs: Redis when REDIS_URL is set, else its PostgreSQL backend. */
export type QueueBackendSettings = ({ kind: 'redis'; url: string } | { kind: 'postgres'; url: string; schema: string }) & { prefix: string };

const PostgresClasses = withBackend(createPostgresBackend);

/**
 * Makes BullMQ queues and workers on the configured backend, so the rest of the code never asks
 * which one it is. One instance per process; closed on shutdown.
 */
export class QueueBackend {
  private readonly logger = new Logger(QueueBackend.name);
  private redis?: Redis;
  private pgPool?: Pool;
  private readonly closables: { close(): Promise<unknown> }[] = [];

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

  createQueue<D = unknown>(name: string, opts: Omit<QueueOptions, 'connection'> = {}): Queue<D> {
    const queue =
      this.settings.kind === 'redis'
        ? new Queue<D>(name, { prefix: this.settings.prefix, ...opts, connection: this.connection() })
        : (new PostgresClasses.Queue<D>(name, { prefix: this.settings.prefix, ...opts, connection: this.connection() } as never) as unknown as Queue<D>);
    queue.on('error', (e) => this.logger.warn({ msg: 'queue error', queue: name, error: e.message }));
    this.closables.push(queue);
    return queue;
  }

  createWorker<D = unknown>(name: string, processor: Processor<D>, opts: Omit<WorkerOptions, 'connection'> = {}): Worker<D> {
    const worker =
      this.settings.kind === 'redis'
        ? new Worker<D>(name, processor, { prefix: this.settings.prefix, ...opts, connection: this.connection() })
        : (new PostgresClasses.Worker<D>(name, processor as never, { prefix: this.settings.prefix, ...opts, connection: this.connection() } as never) as unknown as Worker<D>);
    worker.on('error', (e) => this.logger.warn({ msg: 'worker error', queue: name, error: e.message }));
    this.closables.unshift(worker);
    return worker;
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
  }
}
