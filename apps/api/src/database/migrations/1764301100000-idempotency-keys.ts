import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys (issue 13, defect 8): a POST carrying an `Idempotency-Key` is remembered per user
 * for 24 hours, so that a retry answers the first result instead of doing the work again
 * (common/http/idempotency.interceptor.ts). `committed_at` is written inside the work's own
 * transaction, so a write that committed is known even when its answer was lost; `owner` is the
 * attempt holding the key (a transaction of another attempt cannot commit under it).
 */
export class IdempotencyKeys1764301100000 implements MigrationInterface {
  name = 'IdempotencyKeys1764301100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key varchar(100) NOT NULL,
        request_hash char(64) NOT NULL,
        method varchar(10) NOT NULL,
        path varchar(500) NOT NULL,
        owner uuid NOT NULL,
        locked_until timestamptz,
        committed_at timestamptz,
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
