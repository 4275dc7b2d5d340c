import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bureau retires an indicator it no longer follows (issue 6): an archived indicator leaves the
 * task views, the dashboard, the export and the report forms, but keeps its code, targets and every
 * recorded value, so past reports still show what units reported against it.
 */
export class PlanIndicatorArchive1764300700000 implements MigrationInterface {
  name = 'PlanIndicatorArchive1764300700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_indicators ADD COLUMN archived_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_indicators DROP COLUMN archived_at`);
  }
}
