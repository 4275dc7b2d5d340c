import type { Config } from '@jest/types';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { ensureWebBuilt } from './web-dist';
import { workerEnvKey } from './worker-database';

/**
 * Gives every Jest worker a fresh, migrated database of its own, so that test files running at
 * the same time never see each other's rows (counts, rankings and audit chains stay theirs):
 * - DATABASE_URL set: databases on that server, cloned from one migrated template, dropped afterwards;
 * - otherwise: one embedded PostgreSQL per worker, and (without REDIS_URL) one embedded queue
 *   database per worker for BullMQ's PostgreSQL backend.
 * setup-worker-env.ts points each worker's DATABASE_URL / QUEUE_DATABASE_URL at its own.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig) {
  const g = globalThis as unknown as { __zjTeardown?: () => Promise<void> };
  const workers = Math.max(1, globalConfig.maxWorkers);
  const teardown: (() => Promise<void>)[] = [];
  g.__zjTeardown = async () => {
    for (const t of teardown.reverse()) await t().catch((e) => console.error('test teardown:', e));
  };

  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    const base = `zj_test_${Date.now().toString(36)}_${process.pid}`;
    const names = [base, ...Array.from({ length: workers }, (_, i) => `${base}_w${i + 1}`)];
    const urlOf = (name: string) => Object.assign(new URL(server.toString()), { pathname: `/${name}` }).toString();
    const admin = new Client({ connectionString: server.toString() });
    await admin.connect();
    teardown.push(async () => {
      const c = new Client({ connectionString: server.toString() });
      await c.connect();
      for (const n of names) await c.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await c.end();
    });
    try {
      await admin.query(`CREATE DATABASE ${base}`);
      await runMigrations(urlOf(base));
      for (let i = 1; i <= workers; i++) {
        await admin.query(`CREATE DATABASE ${base}_w${i} TEMPLATE ${base}`);
        process.env[workerEnvKey('DATABASE_URL', i)] = urlOf(`${base}_w${i}`);
      }
    } finally {
      await admin.end();
    }
    process.env.ZJ_TEST_ENGINE = 'server';
  } else {
    for (let i = 1; i <= workers; i++) {
      const main = await startEmbeddedPostgres('memory://', { maxConnections: 64 });
      teardown.push(() => main.stop());
      await runMigrations(main.url);
      process.env[workerEnvKey('DATABASE_URL', i)] = main.url;
      if (!process.env.REDIS_URL) {
        const queue = await startEmbeddedPostgres('memory://', { maxConnections: 64, searchPath: 'bullmq, public' });
        teardown.push(() => queue.stop());
        process.env[workerEnvKey('QUEUE_DATABASE_URL', i)] = queue.url;
      }
    }
    process.env.ZJ_TEST_ENGINE = 'embedded';
  }
  // The browser scenarios' web app, built once here when missing (never by two workers at once).
  if (existsSync('/usr/bin/chromium')) ensureWebBuilt();
  // A worker whose id is somehow out of range still gets a migrated database: the first one.
  for (const name of ['DATABASE_URL', 'QUEUE_DATABASE_URL'] as const) {
    const first = process.env[workerEnvKey(name, 1)];
    if (first) process.env[name] = first;
  }
}
