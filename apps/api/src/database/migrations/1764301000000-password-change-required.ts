import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (defect 2): an account whose password came from configuration or is published must change
 * it before anything else works. `must_change_password` stays the gentle reminder (an initial password
 * set by the bureau); `password_change_required` refuses every route but GET /me and the change.
 */
export class PasswordChangeRequired1764301000000 implements MigrationInterface {
  name = 'PasswordChangeRequired1764301000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN password_change_required`);
  }
}
