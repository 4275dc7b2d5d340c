import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts counted in the database (auth/login-rate-limiter.ts), not in each API process's
 * memory: behind several API processes a limit of N per window stays N, and a restart forgets nothing.
 * `kind` is `login` (per address and account, a minute) or `address-failure` (failed logins per address,
 * LOGIN_IP_WINDOW_MINUTES). Rows older than a day are deleted as new ones are written.
 */
export class AuthAttempts1764301600000 implements MigrationInterface {
  name = 'AuthAttempts1764301600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_attempts (
        kind text NOT NULL CHECK (kind IN ('login', 'address-failure')),
        key text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX auth_attempts_key_idx ON auth_attempts (kind, key, at DESC)`);
    await q.query(`CREATE INDEX auth_attempts_at_idx ON auth_attempts (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_attempts`);
  }
}
