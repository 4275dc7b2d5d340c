import { MigrationInterface, QueryRunner } from 'typeorm';
import { GOVERNMENT_UNITS, PLAN_ACTIONS, PLAN_INDICATOR_SEED, PLAN_TASKS } from './data/1764300400000-plan-2023';

/**
 * Plan-wide tracking (issue 6): the action plan (6 actions, 18 tasks, key works, the 2023 work
 * list, responsible units), indicators and targets, progress reports, matchmaking events, bank
 * profiles and monthly green-loan reports.
 *
 * The 2023 plan is loaded here, from the frozen copy in data/1764300400000-plan-2023.ts. Responsible units are rows of
 * `organizations` (a renamed unit keeps its id, so it keeps its tasks). On a fresh database the
 * migrations run before setup's reference seed, so this migration inserts the government units it
 * needs when missing — with the same unit codes, names and former names as
 * reference/data/government-units.ts had then (frozen beside the plan); setup's seed skips a unit whose unit_code exists, so the two
 * are idempotent together. Task units then reference organisations by id (a foreign key), not by a
 * code resolved at read time: the plan cannot name a unit that does not exist.
 */
export class Plan1764300400000 implements MigrationInterface {
  name = 'Plan1764300400000';

  async up(q: QueryRunner): Promise<void> {
    // ---------------------------------------------------------------- responsible units
    for (const u of GOVERNMENT_UNITS) {
      await q.query(
        `INSERT INTO organizations (type, name, unit_code, former_names) VALUES ('GOVERNMENT_UNIT', $1, $2, $3)
         ON CONFLICT (unit_code) DO NOTHING`,
        [u.name, u.code, JSON.stringify(u.formerNames.map((name) => ({ name, until: null })))],
      );
    }

    // ---------------------------------------------------------------- the plan
    await q.query(`
      CREATE TABLE plan_actions (
        number smallint PRIMARY KEY CHECK (number > 0),
        title varchar(200) NOT NULL
      )`);
    await q.query(`
      CREATE TABLE plan_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number smallint NOT NULL UNIQUE CHECK (number > 0),
        action_number smallint NOT NULL REFERENCES plan_actions(number),
        title varchar(200) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plan_key_works (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
        position smallint NOT NULL,
        text text NOT NULL,
        UNIQUE (task_id, position)
      )`);
    // A year's work list: items per key work; the bureau adds later years and edits items.
    await q.query(`
      CREATE TABLE plan_work_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_work_id uuid NOT NULL REFERENCES plan_key_works(id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        position smallint NOT NULL,
        text text NOT NULL CHECK (length(text) > 0),
        archived_at timestamptz,
        created_by_user_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plan_work_items_key_work_idx ON plan_work_items (key_work_id, year, position)`);
    await q.query(`
      CREATE TABLE plan_task_units (
        task_id uuid NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        role varchar(12) NOT NULL CHECK (role IN ('lead','cooperating','joint')),
        name_in_seed varchar(200),
        position smallint NOT NULL,
        PRIMARY KEY (task_id, organization_id)
      )`);
    await q.query(`CREATE INDEX plan_task_units_org_idx ON plan_task_units (organization_id)`);
    // Who must report on a task: its units, with the seed's collective '各县（市、区）政府（管委会）'
    // standing for every county-level government and zone committee (organisations of type COUNTY
    // with a unit code, as setup's reference seed makes them).
    await q.query(`
      CREATE VIEW plan_task_reporters AS
        SELECT tu.task_id, tu.role, tu.organization_id, tu.organization_id AS via_unit_id
          FROM plan_task_units tu JOIN organizations u ON u.id = tu.organization_id
         WHERE u.unit_code IS DISTINCT FROM 'county-governments'
        UNION ALL
        SELECT tu.task_id, tu.role, c.id, tu.organization_id
          FROM plan_task_units tu JOIN organizations u ON u.id = tu.organization_id
          JOIN organizations c ON c.type = 'COUNTY' AND c.unit_code LIKE 'county-4%'
         WHERE u.unit_code = 'county-governments'`);

    for (const a of PLAN_ACTIONS) await q.query(`INSERT INTO plan_actions (number, title) VALUES ($1, $2)`, [a.number, a.title]);
    for (const t of PLAN_TASKS) {
      const [task] = await q.query(`INSERT INTO plan_tasks (number, action_number, title) VALUES ($1, $2, $3) RETURNING id`, [t.number, t.action, t.title]);
      for (const [k, kw] of t.keyWorks.entries()) {
        const [keyWork] = await q.query(`INSERT INTO plan_key_works (task_id, position, text) VALUES ($1, $2, $3) RETURNING id`, [task.id, k + 1, kw.text]);
        for (const [i, item] of kw.workItems2023.entries()) {
          await q.query(`INSERT INTO plan_work_items (key_work_id, year, position, text) VALUES ($1, 2023, $2, $3)`, [keyWork.id, i + 1, item]);
        }
      }
      for (const [i, u] of t.units.entries()) {
        const [org] = await q.query(`SELECT id FROM organizations WHERE unit_code = $1`, [u.unitCode]);
        if (!org) throw new Error(`plan unit ${u.unitCode} missing`);
        await q.query(`INSERT INTO plan_task_units (task_id, organization_id, role, name_in_seed, position) VALUES ($1, $2, $3, $4, $5)`, [
          task.id,
          org.id,
          u.role,
          u.nameInSeed,
          i + 1,
        ]);
      }
    }

    // ---------------------------------------------------------------- indicators
    await q.query(`
      CREATE TABLE plan_indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(60) NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        task_id uuid NOT NULL REFERENCES plan_tasks(id),
        name varchar(200) NOT NULL,
        unit varchar(20) NOT NULL,
        source varchar(10) NOT NULL CHECK (source IN ('COMPUTED','REPORTED')),
        computation varchar(40) CHECK (computation IN ('GREEN_LOAN_RATIO','EVENTS_HELD','LIBRARY_PROJECTS','LIBRARY_ENTERPRISES','FINANCING_DISBURSED','BANKS_WITH_GREEN_TEAM','RURAL_BANKS_DISCLOSING')),
        description varchar(500),
        position smallint NOT NULL DEFAULT 100,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'COMPUTED') = (computation IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX plan_indicators_task_idx ON plan_indicators (task_id)`);
    await q.query(`
      CREATE TABLE plan_indicator_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES plan_indicators(id) ON DELETE CASCADE,
        comparison varchar(10) NOT NULL CHECK (comparison IN ('AT_LEAST','AT_MOST','ABOUT')),
        value numeric(14,2) NOT NULL,
        deadline date NOT NULL,
        note varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (indicator_id, deadline)
      )`);

    for (const [i, ind] of PLAN_INDICATOR_SEED.entries()) {
      const [row] = await q.query(
        `INSERT INTO plan_indicators (code, task_id, name, unit, source, computation, description, position)
         SELECT $1, id, $3, $4, $5, $6, $7, $8 FROM plan_tasks WHERE number = $2 RETURNING id`,
        [ind.code, ind.task, ind.name, ind.unit, ind.source, ind.computation ?? null, ind.description ?? null, i + 1],
      );
      for (const t of ind.targets) {
        await q.query(`INSERT INTO plan_indicator_targets (indicator_id, comparison, value, deadline, note) VALUES ($1, $2, $3, $4, $5)`, [
          row.id,
          t.comparison,
          t.value,
          t.deadline,
          t.note ?? null,
        ]);
      }
    }

    // ---------------------------------------------------------------- events (宣讲 / 推介 / 对接会)
    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(20) NOT NULL CHECK (type IN ('AWARENESS','SHOWCASE','MATCHMAKING')),
        title varchar(200) NOT NULL,
        starts_at timestamptz NOT NULL,
        venue varchar(200) NOT NULL,
        description text,
        status varchar(10) NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED','HELD','CANCELLED')),
        status_note varchar(500),
        organizer_org_id uuid NOT NULL REFERENCES organizations(id),
        created_by_user_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX events_starts_idx ON events (starts_at)`);
    await q.query(`CREATE INDEX events_status_idx ON events (status, type, starts_at)`);

    // ---------------------------------------------------------------- banks: profile facts and monthly green-loan reports
    await q.query(`
      CREATE TABLE bank_profiles (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        has_green_finance_team boolean NOT NULL DEFAULT false,
        green_team_since date,
        green_team_note varchar(500),
        is_local_rural_commercial_bank boolean NOT NULL DEFAULT false,
        discloses_environmental_info boolean NOT NULL DEFAULT false,
        disclosure_url varchar(500),
        disclosure_year smallint CHECK (disclosure_year BETWEEN 2000 AND 2100),
        updated_by_user_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Dated facts, so that an indicator can be read as of a target's deadline.
        CHECK (NOT has_green_finance_team OR green_team_since IS NOT NULL),
        CHECK (NOT discloses_environmental_info OR disclosure_year IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE bank_loan_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bank_org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        green_loan_balance numeric(14,2) NOT NULL CHECK (green_loan_balance >= 0),
        total_loan_balance numeric(14,2) NOT NULL CHECK (total_loan_balance > 0),
        note varchar(500),
        submitted_by_user_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (bank_org_id, month),
        CHECK (green_loan_balance <= total_loan_balance)
      )`);
    await q.query(`CREATE INDEX bank_loan_reports_month_idx ON bank_loan_reports (month)`);

    // ---------------------------------------------------------------- progress reports
    await q.query(`
      CREATE TABLE plan_reporting_periods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(60) NOT NULL,
        frequency varchar(10) NOT NULL CHECK (frequency IN ('MONTHLY','QUARTERLY')),
        work_year smallint NOT NULL CHECK (work_year BETWEEN 2000 AND 2100),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        due_at timestamptz NOT NULL,
        created_by_user_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (frequency, starts_on),
        CHECK (ends_on >= starts_on)
      )`);
    await q.query(`
      CREATE TABLE plan_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES plan_reporting_periods(id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES plan_tasks(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        role varchar(12) NOT NULL CHECK (role IN ('lead','cooperating','joint')),
        addressee varchar(10) NOT NULL CHECK (addressee IN ('LEAD','BUREAU')),
        status varchar(12) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','CONSOLIDATED','ACCEPTED')),
        summary text NOT NULL DEFAULT '',
        first_submitted_at timestamptz,
        submitted_at timestamptz,
        decided_at timestamptz,
        decided_by_user_id uuid,
        return_comment varchar(1000),
        consolidated_into_id uuid REFERENCES plan_reports(id),
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (period_id, task_id, organization_id),
        CHECK ((addressee = 'LEAD') = (role = 'cooperating')),
        CHECK (status <> 'CONSOLIDATED' OR addressee = 'LEAD'),
        CHECK (status <> 'ACCEPTED' OR addressee = 'BUREAU')
      )`);
    await q.query(`CREATE INDEX plan_reports_org_idx ON plan_reports (organization_id, period_id)`);
    await q.query(`CREATE INDEX plan_reports_task_idx ON plan_reports (task_id, status)`);
    await q.query(`
      CREATE TABLE plan_report_items (
        report_id uuid NOT NULL REFERENCES plan_reports(id) ON DELETE CASCADE,
        work_item_id uuid NOT NULL REFERENCES plan_work_items(id),
        status varchar(12) NOT NULL CHECK (status IN ('NOT_STARTED','ON_TRACK','AT_RISK','DONE')),
        narrative text NOT NULL DEFAULT '',
        share_done smallint NOT NULL DEFAULT 0 CHECK (share_done BETWEEN 0 AND 100),
        PRIMARY KEY (report_id, work_item_id)
      )`);
    await q.query(`
      CREATE TABLE plan_report_indicator_values (
        report_id uuid NOT NULL REFERENCES plan_reports(id) ON DELETE CASCADE,
        indicator_id uuid NOT NULL REFERENCES plan_indicators(id),
        value numeric(14,2) NOT NULL,
        as_of date NOT NULL,
        note varchar(500),
        PRIMARY KEY (report_id, indicator_id)
      )`);
    await q.query(`
      CREATE TABLE plan_report_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES plan_reports(id) ON DELETE CASCADE,
        file_name varchar(200) NOT NULL,
        mime_type varchar(120) NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 varchar(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plan_report_files_report_idx ON plan_report_files (report_id)`);
    await q.query(`
      CREATE TABLE plan_report_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES plan_reports(id) ON DELETE CASCADE,
        action varchar(12) NOT NULL,
        from_status varchar(12),
        to_status varchar(12) NOT NULL,
        actor_user_id uuid,
        actor_org_id uuid,
        actor_org_name varchar(200),
        comment text,
        snapshot jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plan_report_events_report_idx ON plan_report_events (report_id, at)`);

    // Reported indicator values (value, date, evidence): from accepted reports, or recorded by the bureau.
    await q.query(`
      CREATE TABLE plan_indicator_values (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES plan_indicators(id) ON DELETE CASCADE,
        value numeric(14,2) NOT NULL,
        as_of date NOT NULL,
        evidence varchar(1000),
        organization_id uuid REFERENCES organizations(id),
        report_id uuid REFERENCES plan_reports(id) ON DELETE SET NULL,
        recorded_by_user_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plan_indicator_values_idx ON plan_indicator_values (indicator_id, as_of DESC, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'plan_indicator_values',
      'plan_report_events',
      'plan_report_files',
      'plan_report_indicator_values',
      'plan_report_items',
      'plan_reports',
      'plan_reporting_periods',
      'bank_loan_reports',
      'bank_profiles',
      'events',
      'plan_indicator_targets',
      'plan_indicators',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP VIEW IF EXISTS plan_task_reporters`);
    for (const t of ['plan_task_units', 'plan_work_items', 'plan_key_works', 'plan_tasks', 'plan_actions']) await q.query(`DROP TABLE IF EXISTS ${t}`);
    // The government units stay: setup's reference seed owns them too, and other data refers to them.
  }
}
