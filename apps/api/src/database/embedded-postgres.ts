import { Extension, PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { keepSessionsInOrder } from './pglite-session-order';

// The contrib entry's type declarations are ESM-only; its CommonJS build loads fine with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary `pg` driver connects to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL engine (PGlite, PostgreSQL compiled to WebAssembly) kept on disk under `dir`
 * (or in memory for `memory://`), served over the PostgreSQL wire protocol on a loopback port so that
 * TypeORM and BullMQ use the same `pg` code path as with a server.
 */
export async function startEmbeddedPostgres(dir: string, opts: { port?: number; maxConnections?: number; searchPath?: string } = {}): Promise<EmbeddedPostgres> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir, { extensions: { pg_trgm } });
  // All socket clients share PGlite's one session, and pglite-socket ignores a client's startup
  // search_path option; a caller that needs a schema first (BullMQ's) sets it for the instance.
  if (opts.searchPath) await db.exec(`SET search_path TO ${opts.searchPath}`);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: opts.port ?? 0, maxConnections: opts.maxConnections ?? 32 });
  keepSessionsInOrder(server);
  await server.start();
  // getServerConn() answers "host:port" with the port the system assigned.
  const hostPort = server.getServerConn();
  return {
    url: `postgres://postgres@${hostPort}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
