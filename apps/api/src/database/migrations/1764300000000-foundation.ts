import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(30) NOT NULL CHECK (type IN ('ENTERPRISE','FINANCIAL_INSTITUTION','GOVERNMENT_UNIT','COUNTY')),
        name varchar(200) NOT NULL,
        former_names jsonb NOT NULL DEFAULT '[]'::jsonb,
        credit_code varchar(18) UNIQUE,
        division_code varchar(12),
        unit_code varchar(60) UNIQUE,
        institution_kind varchar(20),
        branch_name varchar(100),
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organizations_type_idx ON organizations (type)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        display_name varchar(100) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('ENTERPRISE','BANK','DEPARTMENT','COUNTY','BUREAU','REGULATOR')),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        password_hash varchar(200) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'ACTIVE',
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        must_change_password boolean NOT NULL DEFAULT false,
        last_login_at timestamptz,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_idx ON users (email)`);
    await q.query(`CREATE INDEX users_org_idx ON users (organization_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash varchar(64) NOT NULL UNIQUE,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason varchar(30),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await q.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_email varchar(254),
        actor_org_id uuid,
        action varchar(60) NOT NULL,
        entity_type varchar(60) NOT NULL,
        entity_id varchar(64),
        before jsonb,
        after jsonb,
        request_id varchar(64),
        prev_hash varchar(64) NOT NULL,
        hash varchar(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)`);
    // Append-only: the database itself refuses to change or remove a row.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TABLE divisions (
        code varchar(12) PRIMARY KEY,
        name varchar(60) NOT NULL,
        kind varchar(12) NOT NULL,
        parent_code varchar(12) REFERENCES divisions(code)
      )`);
    await q.query(`
      CREATE TABLE taxonomy_versions (
        version varchar(40) PRIMARY KEY,
        name varchar(200) NOT NULL,
        effective_from date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE taxonomy_categories (
        version varchar(40) NOT NULL REFERENCES taxonomy_versions(version) ON DELETE CASCADE,
        code varchar(20) NOT NULL,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
        name varchar(200) NOT NULL,
        parent_code varchar(20),
        description text,
        standards jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (version, code),
        FOREIGN KEY (version, parent_code) REFERENCES taxonomy_categories(version, code)
      )`);
    await q.query(`CREATE INDEX taxonomy_categories_parent_idx ON taxonomy_categories (version, parent_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['taxonomy_categories', 'taxonomy_versions', 'divisions', 'audit_log', 'refresh_tokens', 'users', 'organizations']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
  }
}
