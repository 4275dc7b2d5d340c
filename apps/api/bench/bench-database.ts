import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/** A new, empty database on the server of `serverUrl`; `drop()` removes it (BENCH_KEEP=1 keeps it). */
export async function serverScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (process.env.BENCH_KEEP) return console.log(`kept database ${name}`);
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The benchmark's database: a scratch database on DATABASE_URL's server, or an embedded engine. */
export async function benchDatabase(prefix: string): Promise<{ url: string; engine: string; cleanup(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const db = await serverScratchDatabase(process.env.DATABASE_URL, prefix);
    return { url: db.url, engine: 'PostgreSQL server', cleanup: db.drop };
  }
  const e = await startEmbeddedPostgres('memory://');
  return { url: e.url, engine: 'embedded (PGlite)', cleanup: () => e.stop() };
}
