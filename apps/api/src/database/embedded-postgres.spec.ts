import { Pool } from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { ownerAfter } from './pglite-session-order';

const msg = (type: string) => new Uint8Array([type.charCodeAt(0), 0, 0, 0, 4]);

describe('embedded PostgreSQL serves concurrent connections like a server', () => {
  it('keeps a connection’s extended-query sequence together until its Sync', () => {
    expect(ownerAfter(msg('P'), 1, null, false)).toBe(1);
    expect(ownerAfter(msg('B'), 1, 1, false)).toBe(1);
    expect(ownerAfter(msg('S'), 1, 1, false)).toBeNull();
    expect(ownerAfter(msg('S'), 1, 1, true)).toBe(1); // inside a transaction the session stays its own
    expect(ownerAfter(msg('Q'), 2, null, false)).toBeNull();
  });

  describe('against a real embedded engine', () => {
    let pg: EmbeddedPostgres;
    let pool: Pool;
    beforeAll(async () => {
      pg = await startEmbeddedPostgres('memory://', { maxConnections: 16 });
      pool = new Pool({ connectionString: pg.url, max: 8 });
      await pool.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
      await pool.query('INSERT INTO counters SELECT g, 0 FROM generate_series(1, 8) g');
    });
    afterAll(async () => {
      await pool.end();
      await pg.stop();
    });

    it('answers 600 parameterised queries from 8 connections at once, large ones split over many packets included', async () => {
      const results = await Promise.all(
        Array.from({ length: 600 }, (_, i) => {
          if (i % 3 === 0) return pool.query<{ v: string; w: string }>('SELECT $1::text AS v, $2::text AS w', [`a${i}`, `b${i}`]).then((r) => [r.rows[0].v, r.rows[0].w]);
          if (i % 3 === 1) return pool.query<{ v: string }>('SELECT $1::text AS v', [`c${i}`]).then((r) => [r.rows[0].v]);
          // ~300 kB of parameters arrive in several TCP chunks: other connections' messages queue in between.
          const big = 'x'.repeat(300_000 + i);
          return pool.query<{ n: number; k: number }>('SELECT length($1::text) AS n, $2::int AS k, $3::text AS z', [big, i, 'z']).then((r) => [r.rows[0].n, r.rows[0].k]);
        }),
      );
      results.forEach((r, i) => expect(r).toEqual(i % 3 === 0 ? [`a${i}`, `b${i}`] : i % 3 === 1 ? [`c${i}`] : [300_000 + i, i]));
    });

    it('keeps concurrent transactions apart: 8 connections incrementing 25 times each lose no update', async () => {
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const client = await pool.connect();
          try {
            for (let k = 0; k < 25; k++) {
              await client.query('BEGIN');
              const { rows } = await client.query<{ n: number }>('SELECT n FROM counters WHERE id = $1', [1]);
              await client.query('UPDATE counters SET n = $1 WHERE id = $2', [rows[0].n + 1, 1]);
              await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [w + 1]);
              await client.query('COMMIT');
            }
          } finally {
            client.release();
          }
        }),
      );
      const { rows } = await pool.query<{ id: number; n: number }>('SELECT id, n FROM counters ORDER BY id');
      expect(rows[0].n).toBe(200 + 25);
      expect(rows.slice(1).map((r) => r.n)).toEqual(Array(7).fill(25));
    });

    it('frees the session when a connection dies in the middle of a transaction', async () => {
      const client = await pool.connect();
      await client.query('BEGIN');
      await client.query('UPDATE counters SET n = -1 WHERE id = 8');
      client.release(new Error('drop this connection'));
      const { rows } = await pool.query<{ n: number }>('SELECT n FROM counters WHERE id = $1', [8]);
      expect(rows[0].n).toBe(25);
    });
  });
});
