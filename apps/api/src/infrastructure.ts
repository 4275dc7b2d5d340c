import * as path from 'node:path';
import { AppConfig } from './config';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './database';
import type { QueueBackendSettings } from './queue';

export interface Infrastructure {
  databaseUrl: string;
  queue: QueueBackendSettings;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The engines the platform runs on. With DATABASE_URL / REDIS_URL: those servers. Without: an
 * embedded PostgreSQL kept under DATA_DIR, and BullMQ on its PostgreSQL backend — in a second
 * embedded instance, because all clients of one embedded instance share a single session and
 * BullMQ needs its own search_path.
 */
export async function startInfrastructure(config: AppConfig): Promise<Infrastructure> {
  const prefix = config.QUEUE_PREFIX;
  const started: EmbeddedPostgres[] = [];
  const stop = async () => {
    for (const e of started.reverse()) await e.stop().catch(() => undefined);
  };
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const main = await startEmbeddedPostgres(path.join(config.DATA_DIR, 'postgres'));
      started.push(main);
      databaseUrl = main.url;
    }
    let queue: QueueBackendSettings;
    if (config.REDIS_URL) {
      queue = { kind: 'redis', url: config.REDIS_URL, prefix };
    } else if (config.QUEUE_DATABASE_URL || config.DATABASE_URL) {
      queue = { kind: 'postgres', url: (config.QUEUE_DATABASE_URL ?? config.DATABASE_URL)!, schema: 'bullmq', prefix };
    } else {
      const q = await startEmbeddedPostgres(path.join(config.DATA_DIR, 'queue-postgres'), { searchPath: 'bullmq, public' });
      started.push(q);
      queue = { kind: 'postgres', url: q.url, schema: 'bullmq', prefix };
    }
    return { databaseUrl, queue, embedded: started.length > 0, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
