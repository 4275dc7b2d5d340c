import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';

/**
 * Gives the whole run one fresh database: a new database on the server of DATABASE_URL when it is
 * set (dropped afterwards), or embedded PostgreSQL engines otherwise. Migrations run once here;
 * test files read the URLs from the environment this sets for the workers.
 */
export default async function globalSetup() {
  const g = globalThis as unknown as { __zjTeardown?: () => Promise<void> };
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    const name = `zj_test_${Date.now().toString(36)}_${process.pid}`;
    const admin = new Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server.toString());
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    process.env.ZJ_TEST_ENGINE = 'server';
    g.__zjTeardown = async () => {
      const c = new Client({ connectionString: server.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const main = await startEmbeddedPostgres('memory://', { maxConnections: 64 });
    process.env.DATABASE_URL = main.url;
    process.env.ZJ_TEST_ENGINE = 'embedded';
    let queue: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
    if (!process.env.REDIS_URL) {
      queue = await startEmbeddedPostgres('memory://', { maxConnections: 64, searchPath: 'bullmq, public' });
      process.env.QUEUE_DATABASE_URL = queue.url;
    }
    g.__zjTeardown = async () => {
      await queue?.stop();
      await main.stop();
    };
  }
  await runMigrations(process.env.DATABASE_URL!);
}
