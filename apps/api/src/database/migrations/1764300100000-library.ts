import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The green enterprise and project library and financing needs (issue 3, task 三). See docs/LIBRARY.md.
 * Keyword search is substring search on Chinese text: pg_trgm GIN indexes (both engines extract
 * trigrams from CJK text under a UTF-8 ctype).
 */
export class Library1764300100000 implements MigrationInterface {
  name = 'Library1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Enterprise search reads the organisation's name: a trigram index on it (additive to the foundation's table).
    await q.query(`CREATE INDEX organizations_name_trgm_idx ON organizations USING gin (name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE enterprise_profiles (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        industry_section varchar(1),
        industry_division varchar(2),
        industry_name varchar(100),
        size varchar(10) CHECK (size IN ('LARGE','MEDIUM','SMALL','MICRO')),
        registered_capital numeric(14,2) CHECK (registered_capital >= 0),
        established_on date,
        legal_representative varchar(50),
        address varchar(200),
        business_scope text,
        contact_name varchar(50),
        contact_phone varchar(30),
        contact_email varchar(254),
        env_credit_rating varchar(10) CHECK (env_credit_rating IN ('GREEN','BLUE','YELLOW','RED')),
        env_credit_rating_year smallint,
        certifications jsonb NOT NULL DEFAULT '[]'::jsonb,
        carbon_emissions_t numeric(14,2) CHECK (carbon_emissions_t >= 0),
        carbon_intensity numeric(14,4) CHECK (carbon_intensity >= 0),
        carbon_intensity_unit varchar(40),
        carbon_year smallint,
        env_disclosure boolean NOT NULL DEFAULT false,
        env_disclosure_url varchar(500),
        env_disclosure_year smallint,
        created_by_org_id uuid REFERENCES organizations(id),
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE green_identifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        status varchar(10) NOT NULL CHECK (status IN ('PENDING','APPROVED','REJECTED','REVOKED')),
        statement text NOT NULL,
        applied_by_user_id uuid,
        decided_by_user_id uuid,
        decided_by_org_id uuid REFERENCES organizations(id),
        decided_at timestamptz,
        decision_note text,
        valid_from date,
        valid_until date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'APPROVED' OR (valid_from IS NOT NULL AND valid_until IS NOT NULL AND valid_until >= valid_from))
      )`);
    await q.query(`CREATE INDEX green_identifications_enterprise_idx ON green_identifications (enterprise_org_id, created_at DESC)`);
    // One application pending at a time.
    await q.query(`CREATE UNIQUE INDEX green_identifications_one_pending_idx ON green_identifications (enterprise_org_id) WHERE status = 'PENDING'`);

    await q.query(`
      CREATE TABLE scorecards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version integer NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('DRAFT','ACTIVE','RETIRED')),
        indicators jsonb NOT NULL,
        bands jsonb NOT NULL,
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        row_version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX scorecards_one_active_idx ON scorecards ((true)) WHERE status = 'ACTIVE'`);

    await q.query(`
      CREATE TABLE green_grades (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        scorecard_id uuid NOT NULL REFERENCES scorecards(id),
        scorecard_version integer NOT NULL,
        score numeric(5,2) NOT NULL CHECK (score BETWEEN 0 AND 100),
        grade varchar(10) NOT NULL,
        grade_label varchar(20) NOT NULL,
        breakdown jsonb NOT NULL,
        inputs jsonb NOT NULL,
        is_current boolean NOT NULL DEFAULT true,
        computed_by_user_id uuid,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX green_grades_current_idx ON green_grades (enterprise_org_id) WHERE is_current`);
    await q.query(`CREATE INDEX green_grades_enterprise_idx ON green_grades (enterprise_org_id, computed_at DESC)`);

    await q.query(`
      CREATE TABLE review_routes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        taxonomy_version varchar(40) NOT NULL REFERENCES taxonomy_versions(version) ON DELETE CASCADE,
        prefix varchar(20) NOT NULL CHECK (prefix ~ '^[0-9]{1,2}(\\.[0-9]{1,2}){0,2}$'),
        department_org_id uuid NOT NULL REFERENCES organizations(id),
        updated_by_user_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (taxonomy_version, prefix)
      )`);

    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id),
        name varchar(200) NOT NULL,
        division_code varchar(12) NOT NULL REFERENCES divisions(code),
        location varchar(200),
        description text,
        stage varchar(20) NOT NULL CHECK (stage IN ('PLANNED','UNDER_CONSTRUCTION','OPERATING')),
        total_investment numeric(14,2) NOT NULL CHECK (total_investment > 0),
        construction_start date,
        construction_end date,
        co2_avoided_t numeric(14,2) CHECK (co2_avoided_t >= 0),
        coal_saved_tce numeric(14,2) CHECK (coal_saved_tce >= 0),
        water_saved_t numeric(14,2) CHECK (water_saved_t >= 0),
        other_benefits varchar(500),
        tags text[] NOT NULL DEFAULT '{}',
        green_building_stars smallint CHECK (green_building_stars BETWEEN 1 AND 3),
        primary_category_version varchar(40) NOT NULL,
        primary_category_code varchar(20) NOT NULL,
        source varchar(30) NOT NULL CHECK (source IN ('SELF_REGISTERED','DEPARTMENT_RECOMMENDED','COUNTY_SUBMITTED')),
        submitted_by_org_id uuid NOT NULL REFERENCES organizations(id),
        status varchar(20) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','UNDER_REVIEW','LISTED','RETURNED','ARCHIVED')),
        review_stage varchar(20) CHECK (review_stage IN ('COUNTY','DEPARTMENT')),
        department_org_id uuid REFERENCES organizations(id),
        reviewer_org_id uuid REFERENCES organizations(id),
        submitted_at timestamptz,
        listed_at timestamptz,
        return_reasons jsonb,
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (primary_category_version, primary_category_code) REFERENCES taxonomy_categories(version, code),
        CHECK (construction_end IS NULL OR construction_start IS NULL OR construction_end >= construction_start)
      )`);
    // A project is known by its enterprise and name (idempotent import).
    await q.query(`CREATE UNIQUE INDEX projects_enterprise_name_idx ON projects (enterprise_org_id, name)`);
    await q.query(`CREATE INDEX projects_status_idx ON projects (status, division_code)`);
    await q.query(`CREATE INDEX projects_division_idx ON projects (division_code, status)`);
    await q.query(`CREATE INDEX projects_department_idx ON projects (department_org_id, status)`);
    await q.query(`CREATE INDEX projects_reviewer_idx ON projects (reviewer_org_id, status)`);
    await q.query(`CREATE INDEX projects_submitter_idx ON projects (submitted_by_org_id)`);
    await q.query(`CREATE INDEX projects_created_idx ON projects (created_at DESC)`);
    await q.query(`CREATE INDEX projects_tags_idx ON projects USING gin (tags)`);
    // Keyword search runs on lower(name, location, description): a trigram index serves keywords of
    // three or more characters; a character-bigram index serves two-character Chinese keywords (光伏,
    // 风电), which yield no trigram. The query uses the same expressions (projects/search-sql.ts).
    await q.query(`
      CREATE FUNCTION zj_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i
      $$`);
    await q.query(`CREATE INDEX projects_search_trgm_idx ON projects USING gin ((lower(name || ' ' || coalesce(location, '') || ' ' || coalesce(description, ''))) gin_trgm_ops)`);
    await q.query(`CREATE INDEX projects_search_bigram_idx ON projects USING gin (zj_bigrams(lower(name || ' ' || coalesce(location, '') || ' ' || coalesce(description, ''))))`);

    await q.query(`
      CREATE TABLE project_categories (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        taxonomy_version varchar(40) NOT NULL,
        code varchar(20) NOT NULL,
        is_primary boolean NOT NULL DEFAULT false,
        PRIMARY KEY (project_id, taxonomy_version, code),
        FOREIGN KEY (taxonomy_version, code) REFERENCES taxonomy_categories(version, code)
      )`);
    await q.query(`CREATE UNIQUE INDEX project_categories_one_primary_idx ON project_categories (project_id) WHERE is_primary`);
    await q.query(`CREATE INDEX project_categories_code_idx ON project_categories (code varchar_pattern_ops, project_id)`);

    await q.query(`
      CREATE TABLE project_review_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        action varchar(20) NOT NULL,
        from_status varchar(20),
        to_status varchar(20) NOT NULL,
        review_stage varchar(20),
        actor_user_id uuid,
        actor_name varchar(100),
        actor_org_id uuid,
        actor_org_name varchar(200),
        comment text,
        reasons jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX project_review_events_project_idx ON project_review_events (project_id, at)`);

    await q.query(`
      CREATE TABLE project_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        kind varchar(30) NOT NULL,
        file_name varchar(200) NOT NULL,
        mime_type varchar(120) NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 varchar(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX project_attachments_project_idx ON project_attachments (project_id)`);

    await q.query(`
      CREATE TABLE financing_needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id),
        project_id uuid REFERENCES projects(id) ON DELETE RESTRICT,
        amount numeric(14,2) NOT NULL CHECK (amount > 0),
        term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 360),
        instrument varchar(20) NOT NULL CHECK (instrument IN ('LOAN','BOND','INSURANCE','LEASE','EQUITY','SUPPLY_CHAIN')),
        purpose varchar(500) NOT NULL,
        collateral text[] NOT NULL DEFAULT '{}',
        collateral_note varchar(200),
        max_rate_percent numeric(5,2) CHECK (max_rate_percent >= 0),
        wanted_by date,
        sharing varchar(20) NOT NULL CHECK (sharing IN ('NOT_SHARED','ALL_BANKS','SELECTED_BANKS')),
        sharing_consented_at timestamptz,
        status varchar(20) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','IN_MATCHMAKING','SATISFIED','WITHDRAWN','EXPIRED')),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_by_org_id uuid NOT NULL REFERENCES organizations(id),
        import_key varchar(64),
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX financing_needs_enterprise_idx ON financing_needs (enterprise_org_id, status)`);
    await q.query(`CREATE INDEX financing_needs_project_idx ON financing_needs (project_id)`);
    await q.query(`CREATE INDEX financing_needs_status_idx ON financing_needs (status, instrument)`);
    await q.query(`CREATE UNIQUE INDEX financing_needs_import_key_idx ON financing_needs (enterprise_org_id, import_key) WHERE import_key IS NOT NULL`);

    await q.query(`
      CREATE TABLE financing_need_banks (
        need_id uuid NOT NULL REFERENCES financing_needs(id) ON DELETE CASCADE,
        bank_org_id uuid NOT NULL REFERENCES organizations(id),
        PRIMARY KEY (need_id, bank_org_id)
      )`);
    await q.query(`CREATE INDEX financing_need_banks_bank_idx ON financing_need_banks (bank_org_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'financing_need_banks',
      'financing_needs',
      'project_attachments',
      'project_review_events',
      'project_categories',
      'projects',
      'review_routes',
      'green_grades',
      'scorecards',
      'green_identifications',
      'enterprise_profiles',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP INDEX IF EXISTS organizations_name_trgm_idx`);
    await q.query(`DROP FUNCTION IF EXISTS zj_bigrams(text)`);
  }
}
