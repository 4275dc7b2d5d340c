import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in looks a login up lower-cased, but the demo seed stored the zones' county logins as written
 * (county-440800Z01@demo.zjgf.local), so they could never sign in. Stores every login lower-case;
 * a login whose lower-case form is already taken by another user is left as it is (none is known).
 */
export class LowerCaseLogins1764313100000 implements MigrationInterface {
  name = 'LowerCaseLogins1764313100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE users u SET email = lower(u.email)
       WHERE u.email <> lower(u.email)
         AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = lower(u.email))`);
  }

  async down(): Promise<void> {
    // Nothing to undo: lower-case logins sign in as before.
  }
}
