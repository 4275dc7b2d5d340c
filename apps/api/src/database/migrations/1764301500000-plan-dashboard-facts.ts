import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan dashboard's figures are kept, not recomputed on every request (issue 16): each API process
 * holds the last dashboard it computed with the version of the facts it was computed from, and serves
 * it while the version stands (plan/dashboard.service.ts). The version moves in the same transaction
 * as any change to a table the dashboard reads, so a kept dashboard is never older than the committed
 * rows, on any process.
 *
 * The trigger is a deferred constraint trigger: it runs at commit, after every other lock of the
 * transaction is taken, so the one counter row cannot close a deadlock cycle; and it moves the version
 * once per transaction (a transaction-local setting remembers it), so a 10,000-row import updates the
 * counter row once. TRUNCATE has no constraint triggers: a plain statement trigger covers it.
 *
 * The tables are the ones the dashboard's computation reads, no more (a write elsewhere, such as a
 * case moving between states without money changing hands, leaves the kept dashboard standing);
 * tests/api/plan-dashboard-kept.spec.ts compares the list with what a computation actually scans. A
 * computation that comes to read another table needs a new migration adding its trigger.
 */
const PLAN_DASHBOARD_FACT_TABLES = [
  'plan_actions',
  'plan_tasks',
  'plan_key_works',
  'plan_work_items',
  'plan_task_units',
  'plan_indicators',
  'plan_indicator_targets',
  'plan_indicator_values',
  'plan_reporting_periods',
  'plan_reports',
  'plan_report_items',
  'organizations',
  'bank_profiles',
  'bank_loan_reports',
  'events',
  'projects',
  'green_identifications',
  'case_tranches',
] as const;

export class PlanDashboardFacts1764301500000 implements MigrationInterface {
  name = 'PlanDashboardFacts1764301500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_dashboard_facts (
        id smallint PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO plan_dashboard_facts (id) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION plan_dashboard_fact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' OR current_setting('zj.plan_dashboard_facts_moved', true) IS DISTINCT FROM 'on' THEN
          PERFORM set_config('zj.plan_dashboard_facts_moved', 'on', true);
          UPDATE plan_dashboard_facts SET version = version + 1, changed_at = now() WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
    for (const t of PLAN_DASHBOARD_FACT_TABLES) {
      await q.query(
        `CREATE CONSTRAINT TRIGGER ${t}_plan_dashboard_fact AFTER INSERT OR UPDATE OR DELETE ON ${t} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plan_dashboard_fact_changed()`,
      );
      await q.query(`CREATE TRIGGER ${t}_plan_dashboard_fact_truncate AFTER TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION plan_dashboard_fact_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of PLAN_DASHBOARD_FACT_TABLES) {
      await q.query(`DROP TRIGGER ${t}_plan_dashboard_fact_truncate ON ${t}`);
      await q.query(`DROP TRIGGER ${t}_plan_dashboard_fact ON ${t}`);
    }
    await q.query(`DROP FUNCTION plan_dashboard_fact_changed()`);
    await q.query(`DROP TABLE plan_dashboard_facts`);
  }
}
