import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Library import jobs (issue 3) kept in the database instead of the memory of the API process that
 * runs them: a user polling the progress of a large import is answered by whichever API process the
 * request reaches, and after a restart. The running process writes the job's view (progress, the
 * row errors, the result) as it goes, with a heartbeat; a running job whose heartbeat has stopped
 * died with its process and is reported as interrupted (library-io/import-jobs.ts).
 */
export class ImportJobs1764300800000 implements MigrationInterface {
  name = 'ImportJobs1764300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        view jsonb NOT NULL CHECK (view->>'status' IN ('RUNNING','DONE','REJECTED','FAILED')),
        project_ids uuid[] NOT NULL DEFAULT '{}',
        notices jsonb NOT NULL DEFAULT '[]'::jsonb,
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX import_jobs_created_idx ON import_jobs (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_jobs`);
  }
}
