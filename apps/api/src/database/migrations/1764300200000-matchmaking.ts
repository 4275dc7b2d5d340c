import { MigrationInterface, QueryRunner } from 'typeorm';
import { HOLIDAY_DAYS_2025_2026 } from './data/1764300200000-holiday-days';

/**
 * Green financial products, the matchmaking pipeline (对接 cases, timeline, tranches, fund-use checks,
 * greenwashing warnings) and the working-day calendar with the official 2025 and 2026 schedules
 * (issue 4). Comes after the library (financing_needs) and references it.
 */
export class Matchmaking1764300200000 implements MigrationInterface {
  name = 'Matchmaking1764300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bank_org_id uuid NOT NULL REFERENCES organizations(id),
        name varchar(100) NOT NULL,
        type varchar(20) NOT NULL CHECK (type IN ('LOAN','BOND','INSURANCE','LEASE','FUND','SUPPLY_CHAIN')),
        description text NOT NULL DEFAULT '',
        min_amount numeric(14,2) CHECK (min_amount > 0),
        max_amount numeric(14,2) CHECK (max_amount > 0),
        min_term_months integer CHECK (min_term_months BETWEEN 1 AND 600),
        max_term_months integer CHECK (max_term_months BETWEEN 1 AND 600),
        rate_kind varchar(10) NOT NULL DEFAULT 'NONE' CHECK (rate_kind IN ('FIXED','LPR_PLUS','NONE')),
        rate_min_percent numeric(5,2) CHECK (rate_min_percent >= 0),
        rate_max_percent numeric(5,2) CHECK (rate_max_percent >= 0),
        lpr_basis_points_min integer CHECK (lpr_basis_points_min BETWEEN -500 AND 2000),
        lpr_basis_points_max integer CHECK (lpr_basis_points_max BETWEEN -500 AND 2000),
        collateral_accepted text[] NOT NULL DEFAULT '{}',
        category_rules jsonb NOT NULL DEFAULT '[]'::jsonb,
        counties text[] NOT NULL DEFAULT '{}',
        enterprise_sizes text[] NOT NULL DEFAULT '{}',
        min_green_grade varchar(10),
        tags text[] NOT NULL DEFAULT '{}',
        required_materials text[] NOT NULL DEFAULT '{}',
        contact_name varchar(50),
        contact_phone varchar(30),
        valid_from date,
        valid_until date,
        status varchar(10) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','WITHDRAWN')),
        published_at timestamptz,
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (min_amount IS NULL OR max_amount IS NULL OR max_amount >= min_amount),
        CHECK (min_term_months IS NULL OR max_term_months IS NULL OR max_term_months >= min_term_months),
        CHECK (rate_min_percent IS NULL OR rate_max_percent IS NULL OR rate_max_percent >= rate_min_percent),
        CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until >= valid_from)
      )`);
    await q.query(`CREATE INDEX products_bank_idx ON products (bank_org_id, status)`);
    await q.query(`CREATE INDEX products_published_idx ON products (type, max_amount) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE matchmaking_cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        need_id uuid NOT NULL REFERENCES financing_needs(id),
        bank_org_id uuid NOT NULL REFERENCES organizations(id),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id),
        product_id uuid REFERENCES products(id),
        origin varchar(20) NOT NULL CHECK (origin IN ('APPLICATION','CLAIM','PUSH','REASSIGNMENT')),
        state varchar(20) NOT NULL DEFAULT 'PENDING'
          CHECK (state IN ('PENDING','ACCEPTED','DECLINED','IN_CONTACT','UNDER_REVIEW','APPROVED','REJECTED','DISBURSED','CLOSED','WITHDRAWN')),
        decline_reason varchar(20),
        reason_text varchar(500),
        approved_amount numeric(14,2) CHECK (approved_amount > 0),
        approved_rate_percent numeric(5,2) CHECK (approved_rate_percent >= 0),
        approved_term_months integer CHECK (approved_term_months BETWEEN 1 AND 600),
        disbursed_total numeric(14,2) NOT NULL DEFAULT 0,
        score smallint,
        chosen_at timestamptz,
        due_on date,
        overdue_flagged_at timestamptz,
        answered_at timestamptz,
        reassigned_from_case_id uuid REFERENCES matchmaking_cases(id),
        created_by_user_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        state_changed_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The sum of tranches never exceeds the approval (the last line of defence behind the row lock).
        CHECK (disbursed_total >= 0 AND (disbursed_total = 0 OR disbursed_total <= approved_amount))
      )`);
    // One live case per need and bank.
    await q.query(`CREATE UNIQUE INDEX matchmaking_cases_live_idx ON matchmaking_cases (need_id, bank_org_id)
      WHERE state IN ('PENDING','ACCEPTED','IN_CONTACT','UNDER_REVIEW','APPROVED','DISBURSED')`);
    await q.query(`CREATE INDEX matchmaking_cases_bank_idx ON matchmaking_cases (bank_org_id, state)`);
    await q.query(`CREATE INDEX matchmaking_cases_enterprise_idx ON matchmaking_cases (enterprise_org_id, state)`);
    await q.query(`CREATE INDEX matchmaking_cases_need_idx ON matchmaking_cases (need_id)`);
    // A bank's workbench reads open needs newest first (an index on the library's table, added here).
    await q.query(`CREATE INDEX matchmaking_open_needs_recent_idx ON financing_needs (created_at DESC, id DESC) WHERE status IN ('OPEN','IN_MATCHMAKING')`);
    await q.query(`CREATE INDEX matchmaking_cases_due_idx ON matchmaking_cases (due_on) WHERE state IN ('PENDING','ACCEPTED')`);

    await q.query(`
      CREATE TABLE case_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES matchmaking_cases(id) ON DELETE CASCADE,
        from_state varchar(20),
        to_state varchar(20) NOT NULL,
        party varchar(12),
        actor_user_id uuid,
        actor_name varchar(100),
        actor_org_id uuid,
        actor_org_name varchar(200),
        comment text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, at)`);

    await q.query(`
      CREATE TABLE case_tranches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES matchmaking_cases(id) ON DELETE CASCADE,
        amount numeric(14,2) NOT NULL CHECK (amount > 0),
        disbursed_on date NOT NULL,
        note varchar(500),
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_tranches_case_idx ON case_tranches (case_id)`);
    await q.query(`CREATE INDEX case_tranches_month_idx ON case_tranches (disbursed_on)`);

    await q.query(`
      CREATE TABLE fund_use_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES matchmaking_cases(id) ON DELETE CASCADE,
        checked_on date NOT NULL,
        result varchar(12) NOT NULL CHECK (result IN ('AS_AGREED','DEVIATION')),
        detail varchar(1000),
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (result = 'AS_AGREED' OR detail IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX fund_use_checks_case_idx ON fund_use_checks (case_id, checked_on)`);

    await q.query(`
      CREATE TABLE greenwashing_warnings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES matchmaking_cases(id) ON DELETE CASCADE,
        check_id uuid NOT NULL UNIQUE REFERENCES fund_use_checks(id) ON DELETE CASCADE,
        detail varchar(1000) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','RESOLVED')),
        resolution_note varchar(1000),
        resolved_by_user_id uuid,
        resolved_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX greenwashing_warnings_status_idx ON greenwashing_warnings (status, created_at DESC)`);

    await q.query(`
      CREATE TABLE work_calendar_days (
        date date PRIMARY KEY,
        kind varchar(10) NOT NULL CHECK (kind IN ('HOLIDAY','WORKDAY')),
        name varchar(50) NOT NULL,
        updated_by_user_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    const rows = HOLIDAY_DAYS_2025_2026;
    const values = rows.map((_, i) => `($${i * 3 + 1}::date, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
    await q.query(`INSERT INTO work_calendar_days (date, kind, name) VALUES ${values}`, rows.flatMap((r) => [r.date, r.kind, r.name]));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS matchmaking_open_needs_recent_idx`);
    for (const t of ['work_calendar_days', 'greenwashing_warnings', 'fund_use_checks', 'case_tranches', 'case_events', 'matchmaking_cases', 'products']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
