import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral after a decline (转介, issue 14): a declined case sends the need on to another bank. The
 * new case has origin REFERRAL and points back at the declined case (`referred_from_case_id`); a
 * timeline entry may name the other case of the referral (`linked_case_id`), so both timelines link.
 */
export class CaseReferrals1764301400000 implements MigrationInterface {
  name = 'CaseReferrals1764301400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matchmaking_cases ADD COLUMN referred_from_case_id uuid REFERENCES matchmaking_cases(id)`);
    await q.query(`CREATE INDEX matchmaking_cases_referred_from_idx ON matchmaking_cases (referred_from_case_id) WHERE referred_from_case_id IS NOT NULL`);
    await q.query(`ALTER TABLE matchmaking_cases DROP CONSTRAINT matchmaking_cases_origin_check`);
    await q.query(`ALTER TABLE matchmaking_cases ADD CONSTRAINT matchmaking_cases_origin_check CHECK (origin IN ('APPLICATION','CLAIM','PUSH','REASSIGNMENT','EVENT','REFERRAL'))`);
    await q.query(`ALTER TABLE case_events ADD COLUMN linked_case_id uuid REFERENCES matchmaking_cases(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events DROP COLUMN linked_case_id`);
    // (Fails while referral cases exist: they are not silently relabelled.)
    await q.query(`ALTER TABLE matchmaking_cases DROP CONSTRAINT matchmaking_cases_origin_check`);
    await q.query(`ALTER TABLE matchmaking_cases ADD CONSTRAINT matchmaking_cases_origin_check CHECK (origin IN ('APPLICATION','CLAIM','PUSH','REASSIGNMENT','EVENT'))`);
    await q.query(`DROP INDEX matchmaking_cases_referred_from_idx`);
    await q.query(`ALTER TABLE matchmaking_cases DROP COLUMN referred_from_case_id`);
  }
}
