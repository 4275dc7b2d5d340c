import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pipeline's statistics (GET /cases/statistics) read figures kept as the cases change, not an
 * aggregate of every case, timeline and tranche per request (issue 16). The cases module owns the
 * tables; cases/case-statistics.service.ts reads them.
 *
 *  - `case_statistics_case_facts`: one row per case, what the case contributes to the figures (its
 *    bank, county and category keys, answered/accepted, approved and disbursed amounts, open
 *    greenwashing warnings, referral figures, response time, due date while open, tranches by month).
 *    The view `case_statistics_case_facts_now` computes the same row from the source rows: the one
 *    definition, mirroring CaseStatisticsService.recompute.
 *  - `case_statistics_cells`: the additive figures summed per bank × county × category in use (rows
 *    in the hundreds however many cases): byBank, byCounty, byCategory, totals and referrals are sums of them.
 *  - `case_statistics_dues`: open cases per bank and due date (overdue = due before today, read at
 *    the request, so the figure moves at midnight without a write).
 *  - `case_statistics_months`: tranches per bank and month (the disbursements over time).
 *  - `case_statistics_banks`: each bank's median response time over all its cases.
 *
 * Disbursed amounts are kept over all tranches; a tranche dated after today (only old rows have one:
 * the rule refuses them) is taken off at the request, so "disbursed on or before asOf" holds.
 *
 * Kept in the same transaction as the change. A row trigger on every table the figures read notes the
 * cases it touches (`case_statistics_pending`, rows of the transaction only); at commit a deferred
 * constraint trigger refreshes them all in one pass (`case_statistics_refresh_pending`): the cases'
 * fact rows are locked in case order, read, computed again from the rows (statements of their own, so
 * under READ COMMITTED they include whatever committed while the locks were awaited) and written, and
 * the difference is added to the sums in one upsert per table, in key order. Every transaction thus
 * takes the shared rows in the same order (fact rows, cells, dues, months, banks; each by key), so
 * concurrent ones wait for each other but cannot deadlock, however many cases one of them touches (a
 * push to several banks, a reassignment, a project moved to another county). A bank's median is
 * computed again, with the bank's row locked, when the set of its response times changed. A write that
 * changes nothing the figures read (an overdue flag, a note) leaves the sums alone. TRUNCATE rebuilds
 * everything (`case_statistics_rebuild`, also run by this migration).
 */
const FACT_COLUMNS = [
  'bank_org_id',
  'created_at',
  'area_key',
  'category_key',
  'answered',
  'accepted',
  'approved_amount',
  'disbursed_amount',
  'open_warnings',
  'referrals',
  'referrals_approved',
  'referrals_disbursed',
  'referrals_disbursed_amount',
  'response_hours',
  'open_due_on',
  'months',
] as const;
/** The figures of a cell that are sums over its cases (with `cases`, the count). */
const SUMMED = ['answered', 'accepted', 'approved_amount', 'disbursed_amount', 'open_warnings', 'referrals', 'referrals_approved', 'referrals_disbursed', 'referrals_disbursed_amount'] as const;
/** Each case's row is refreshed when one of these changes (the column naming the case). */
const CASE_TABLES = [
  ['matchmaking_cases', 'id'],
  ['case_events', 'case_id'],
  ['case_tranches', 'case_id'],
  ['greenwashing_warnings', 'case_id'],
] as const;
/** Rows other modules own whose change moves a case between counties or categories. */
const SOURCE_TABLES = [
  ['financing_needs', 'OLD.project_id IS DISTINCT FROM NEW.project_id'],
  ['projects', 'OLD.division_code IS DISTINCT FROM NEW.division_code OR OLD.primary_category_version IS DISTINCT FROM NEW.primary_category_version OR OLD.primary_category_code IS DISTINCT FROM NEW.primary_category_code'],
  ['organizations', 'OLD.division_code IS DISTINCT FROM NEW.division_code'],
] as const;

const cols = FACT_COLUMNS.join(', ');

export class CaseStatisticsFacts1764313200000 implements MigrationInterface {
  name = 'CaseStatisticsFacts1764313200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_statistics_case_facts (
        case_id uuid PRIMARY KEY,
        bank_org_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        area_key text NOT NULL,
        category_key text NOT NULL,
        answered integer NOT NULL,
        accepted integer NOT NULL,
        approved_amount numeric NOT NULL,
        disbursed_amount numeric NOT NULL,
        open_warnings integer NOT NULL,
        referrals integer NOT NULL,
        referrals_approved integer NOT NULL,
        referrals_disbursed integer NOT NULL,
        referrals_disbursed_amount numeric NOT NULL,
        response_hours numeric,
        open_due_on date,
        months jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX case_statistics_case_facts_created_idx ON case_statistics_case_facts (created_at)`);
    await q.query(`CREATE INDEX case_statistics_case_facts_bank_idx ON case_statistics_case_facts (bank_org_id, created_at)`);
    await q.query(`CREATE INDEX case_statistics_case_facts_response_idx ON case_statistics_case_facts (bank_org_id, response_hours) WHERE response_hours IS NOT NULL`);
    await q.query(`
      CREATE TABLE case_statistics_cells (
        bank_org_id uuid NOT NULL,
        area_key text NOT NULL,
        category_key text NOT NULL,
        cases integer NOT NULL,
        ${SUMMED.map((c) => `${c} ${c.endsWith('amount') ? 'numeric' : 'integer'} NOT NULL`).join(',\n        ')},
        PRIMARY KEY (bank_org_id, area_key, category_key)
      )`);
    await q.query(`CREATE TABLE case_statistics_dues (bank_org_id uuid NOT NULL, due_on date NOT NULL, open_cases integer NOT NULL, PRIMARY KEY (bank_org_id, due_on))`);
    await q.query(`CREATE TABLE case_statistics_months (bank_org_id uuid NOT NULL, month text NOT NULL, disbursed numeric NOT NULL, PRIMARY KEY (bank_org_id, month))`);
    await q.query(`CREATE TABLE case_statistics_banks (bank_org_id uuid PRIMARY KEY, median_response_hours double precision)`);
    // A case's open warnings are counted at each refresh of the case.
    await q.query(`CREATE INDEX greenwashing_warnings_open_case_idx ON greenwashing_warnings (case_id) WHERE status = 'OPEN'`);

    // What a case contributes, from the rows: the definitions of CaseStatisticsService.recompute. An
    // unknown county or an enterprise-level need (no project) is '' in the keys.
    await q.query(`
      CREATE VIEW case_statistics_case_facts_now AS
      SELECT c.id AS case_id, c.bank_org_id, c.created_at,
             coalesce(pr.division_code, e.division_code, '') AS area_key,
             coalesce(CASE WHEN pr.id IS NULL THEN NULL ELSE pr.primary_category_version || ':' || split_part(pr.primary_category_code, '.', 1) END, '') AS category_key,
             (c.answered_at IS NOT NULL)::int AS answered,
             (c.answered_at IS NOT NULL AND c.decline_reason IS NULL)::int AS accepted,
             coalesce(c.approved_amount, 0)::numeric AS approved_amount,
             coalesce(t.disbursed, 0)::numeric AS disbursed_amount,
             (SELECT count(*)::int FROM greenwashing_warnings gw WHERE gw.case_id = c.id AND gw.status = 'OPEN') AS open_warnings,
             (c.origin = 'REFERRAL')::int AS referrals,
             (c.origin = 'REFERRAL' AND c.approved_amount IS NOT NULL)::int AS referrals_approved,
             (c.origin = 'REFERRAL' AND coalesce(t.disbursed, 0) > 0)::int AS referrals_disbursed,
             (CASE WHEN c.origin = 'REFERRAL' THEN coalesce(t.disbursed, 0) ELSE 0 END)::numeric AS referrals_disbursed_amount,
             (SELECT CASE WHEN k.stopped >= k.started THEN extract(epoch FROM k.stopped - k.started) / 3600 END
                FROM (SELECT min(ev.at) FILTER (WHERE ev.from_state IS NULL AND ev.to_state = 'PENDING') AS started,
                             min(ev.at) FILTER (WHERE ev.from_state = 'PENDING' AND ev.to_state IN ('ACCEPTED','DECLINED')) AS stopped
                        FROM case_events ev WHERE ev.case_id = c.id AND (ev.from_state IS NULL OR ev.from_state = 'PENDING')) k) AS response_hours,
             CASE WHEN c.state IN ('PENDING','ACCEPTED') THEN c.due_on END AS open_due_on,
             coalesce(t.months, '{}'::jsonb) AS months
        FROM matchmaking_cases c
        JOIN financing_needs n ON n.id = c.need_id
        JOIN organizations e ON e.id = c.enterprise_org_id
        LEFT JOIN projects pr ON pr.id = n.project_id
        LEFT JOIN LATERAL (
          SELECT sum(m.amount) AS disbursed, jsonb_object_agg(m.month, m.amount) AS months
            FROM (SELECT to_char(ct.disbursed_on, 'YYYY-MM') AS month, sum(ct.amount) AS amount FROM case_tranches ct WHERE ct.case_id = c.id GROUP BY 1) m
        ) t ON true`);

    await q.query(`CREATE UNLOGGED TABLE case_statistics_pending (tx bigint NOT NULL, case_id uuid NOT NULL, PRIMARY KEY (tx, case_id))`);
    const row = (alias: string) => `ROW(${['case_id', ...FACT_COLUMNS].map((c) => `${alias}.${c}`).join(', ')})::case_statistics_case_facts`;
    // The cases' contributions before (-1) and after (+1) the transaction.
    const delta = `WITH d AS (SELECT -1 AS s, w.* FROM unnest(v_was) w UNION ALL SELECT 1 AS s, n.* FROM unnest(v_now) n)`;
    await q.query(`
      CREATE FUNCTION case_statistics_refresh_pending() RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
        v_new uuid[];
        v_was case_statistics_case_facts[];
        v_now case_statistics_case_facts[];
        v_bank uuid;
      BEGIN
        WITH p AS (DELETE FROM case_statistics_pending WHERE tx = txid_current() RETURNING case_id)
        SELECT array_agg(DISTINCT case_id ORDER BY case_id) INTO v_ids FROM p;
        IF v_ids IS NULL THEN RETURN; END IF;

        -- Cases new to the figures: written as computed (no other transaction refreshes a case it cannot see yet).
        WITH ins AS (
          INSERT INTO case_statistics_case_facts (case_id, ${cols})
          SELECT v.case_id, ${FACT_COLUMNS.map((c) => `v.${c}`).join(', ')} FROM case_statistics_case_facts_now v
           WHERE v.case_id = ANY(v_ids) AND NOT EXISTS (SELECT 1 FROM case_statistics_case_facts f WHERE f.case_id = v.case_id)
           ORDER BY v.case_id
          ON CONFLICT (case_id) DO NOTHING RETURNING case_id)
        SELECT coalesce(array_agg(case_id), '{}') INTO v_new FROM ins;

        -- The others: locked in case order, then read and computed again, each in a statement of its own
        -- (its snapshot includes what committed while the locks were awaited).
        PERFORM 1 FROM case_statistics_case_facts WHERE case_id = ANY(v_ids) AND case_id <> ALL(v_new) ORDER BY case_id FOR UPDATE;
        SELECT coalesce(array_agg(f), '{}') INTO v_was FROM case_statistics_case_facts f WHERE f.case_id = ANY(v_ids) AND f.case_id <> ALL(v_new);
        SELECT coalesce(array_agg(${row('v')}), '{}') INTO v_now FROM case_statistics_case_facts_now v WHERE v.case_id = ANY(v_ids) AND v.case_id <> ALL(v_new);

        UPDATE case_statistics_case_facts f SET (${cols}) = (${FACT_COLUMNS.map((c) => `n.${c}`).join(', ')})
          FROM unnest(v_now) n WHERE f.case_id = n.case_id AND ROW(f.*) IS DISTINCT FROM ROW(n.*);
        DELETE FROM case_statistics_case_facts f WHERE f.case_id IN (SELECT w.case_id FROM unnest(v_was) w) AND f.case_id NOT IN (SELECT n.case_id FROM unnest(v_now) n);
        SELECT v_now || coalesce(array_agg(f), '{}') INTO v_now FROM case_statistics_case_facts f WHERE f.case_id = ANY(v_new);

        ${delta}
        INSERT INTO case_statistics_cells AS k (bank_org_id, area_key, category_key, cases, ${SUMMED.join(', ')})
        SELECT bank_org_id, area_key, category_key, sum(s), ${SUMMED.map((c) => `sum(s * ${c})`).join(', ')}
          FROM d GROUP BY bank_org_id, area_key, category_key
        HAVING sum(s) <> 0 OR ${SUMMED.map((c) => `sum(s * ${c}) <> 0`).join(' OR ')}
         ORDER BY bank_org_id, area_key, category_key
        ON CONFLICT (bank_org_id, area_key, category_key) DO UPDATE SET cases = k.cases + EXCLUDED.cases, ${SUMMED.map((c) => `${c} = k.${c} + EXCLUDED.${c}`).join(', ')};

        ${delta}
        INSERT INTO case_statistics_dues AS k (bank_org_id, due_on, open_cases)
        SELECT bank_org_id, open_due_on, sum(s) FROM d WHERE open_due_on IS NOT NULL GROUP BY bank_org_id, open_due_on HAVING sum(s) <> 0 ORDER BY bank_org_id, open_due_on
        ON CONFLICT (bank_org_id, due_on) DO UPDATE SET open_cases = k.open_cases + EXCLUDED.open_cases;

        ${delta}
        INSERT INTO case_statistics_months AS k (bank_org_id, month, disbursed)
        SELECT d.bank_org_id, m.key, sum(d.s * m.value::numeric) FROM d, jsonb_each_text(d.months) m
         GROUP BY d.bank_org_id, m.key HAVING sum(d.s * m.value::numeric) <> 0 ORDER BY d.bank_org_id, m.key
        ON CONFLICT (bank_org_id, month) DO UPDATE SET disbursed = k.disbursed + EXCLUDED.disbursed;

        -- The banks whose set of response times changed, in order.
        FOR v_bank IN
          ${delta}
          SELECT DISTINCT x.bank_org_id FROM (SELECT bank_org_id FROM d WHERE response_hours IS NOT NULL GROUP BY bank_org_id, response_hours HAVING sum(s) <> 0) x ORDER BY 1
        LOOP
          INSERT INTO case_statistics_banks (bank_org_id) VALUES (v_bank) ON CONFLICT (bank_org_id) DO NOTHING;
          PERFORM 1 FROM case_statistics_banks WHERE bank_org_id = v_bank FOR UPDATE;
          -- With the bank's row locked, a statement of its own: every committed response time counts.
          UPDATE case_statistics_banks
             SET median_response_hours = (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f.response_hours)
                                            FROM case_statistics_case_facts f WHERE f.bank_org_id = v_bank AND f.response_hours IS NOT NULL)
           WHERE bank_org_id = v_bank;
        END LOOP;
      END $$`);

    await q.query(`
      CREATE FUNCTION case_statistics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM case_statistics_case_facts;
        DELETE FROM case_statistics_cells;
        DELETE FROM case_statistics_dues;
        DELETE FROM case_statistics_months;
        DELETE FROM case_statistics_banks;
        INSERT INTO case_statistics_case_facts (case_id, ${cols}) SELECT case_id, ${cols} FROM case_statistics_case_facts_now;
        INSERT INTO case_statistics_cells (bank_org_id, area_key, category_key, cases, ${SUMMED.join(', ')})
        SELECT bank_org_id, area_key, category_key, count(*), ${SUMMED.map((c) => `sum(${c})`).join(', ')}
          FROM case_statistics_case_facts GROUP BY bank_org_id, area_key, category_key;
        INSERT INTO case_statistics_dues (bank_org_id, due_on, open_cases)
        SELECT bank_org_id, open_due_on, count(*) FROM case_statistics_case_facts WHERE open_due_on IS NOT NULL GROUP BY bank_org_id, open_due_on;
        INSERT INTO case_statistics_months (bank_org_id, month, disbursed)
        SELECT f.bank_org_id, m.key, sum(m.value::numeric) FROM case_statistics_case_facts f, jsonb_each_text(f.months) m GROUP BY f.bank_org_id, m.key;
        INSERT INTO case_statistics_banks (bank_org_id, median_response_hours)
        SELECT bank_org_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY response_hours) FROM case_statistics_case_facts WHERE response_hours IS NOT NULL GROUP BY bank_org_id;
      END $$`);

    // Noting the cases a row change touches (immediately, so that the refresh at commit has them all).
    await q.query(`
      CREATE FUNCTION case_statistics_case_touched() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_old uuid;
        v_new uuid;
      BEGIN
        IF TG_OP <> 'INSERT' THEN v_old := (to_jsonb(OLD) ->> TG_ARGV[0])::uuid; END IF;
        IF TG_OP <> 'DELETE' THEN v_new := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid; END IF;
        INSERT INTO case_statistics_pending (tx, case_id)
        SELECT txid_current(), x FROM (VALUES (v_old), (v_new)) AS t(x) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION case_statistics_source_touched() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'financing_needs' THEN
          INSERT INTO case_statistics_pending (tx, case_id) SELECT txid_current(), id FROM matchmaking_cases WHERE need_id = NEW.id ON CONFLICT DO NOTHING;
        ELSIF TG_TABLE_NAME = 'projects' THEN
          INSERT INTO case_statistics_pending (tx, case_id)
          SELECT txid_current(), c.id FROM financing_needs n JOIN matchmaking_cases c ON c.need_id = n.id WHERE n.project_id = NEW.id ON CONFLICT DO NOTHING;
        ELSIF TG_TABLE_NAME = 'organizations' THEN
          INSERT INTO case_statistics_pending (tx, case_id) SELECT txid_current(), id FROM matchmaking_cases WHERE enterprise_org_id = NEW.id ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION case_statistics_flush() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM case_statistics_refresh_pending();
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION case_statistics_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM case_statistics_rebuild();
        RETURN NULL;
      END $$`);

    // Per table: note the cases (…_collect), refresh them at commit (…_flush: the first to fire in a
    // transaction does the work, the others find nothing left). Triggers of one event fire in name order.
    for (const [t, column] of CASE_TABLES) {
      await q.query(`CREATE TRIGGER ${t}_case_statistics_collect AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION case_statistics_case_touched('${column}')`);
      await q.query(
        `CREATE CONSTRAINT TRIGGER ${t}_case_statistics_flush AFTER INSERT OR UPDATE OR DELETE ON ${t} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION case_statistics_flush()`,
      );
      await q.query(`CREATE TRIGGER ${t}_case_statistics_truncate AFTER TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION case_statistics_truncated()`);
    }
    for (const [t, when] of SOURCE_TABLES) {
      await q.query(`CREATE TRIGGER ${t}_case_statistics_collect AFTER UPDATE ON ${t} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION case_statistics_source_touched()`);
      await q.query(
        `CREATE CONSTRAINT TRIGGER ${t}_case_statistics_flush AFTER UPDATE ON ${t} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION case_statistics_flush()`,
      );
    }
    await q.query(`SELECT case_statistics_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [t] of SOURCE_TABLES) {
      await q.query(`DROP TRIGGER ${t}_case_statistics_flush ON ${t}`);
      await q.query(`DROP TRIGGER ${t}_case_statistics_collect ON ${t}`);
    }
    for (const [t] of CASE_TABLES) {
      await q.query(`DROP TRIGGER ${t}_case_statistics_truncate ON ${t}`);
      await q.query(`DROP TRIGGER ${t}_case_statistics_flush ON ${t}`);
      await q.query(`DROP TRIGGER ${t}_case_statistics_collect ON ${t}`);
    }
    for (const f of ['case_statistics_truncated()', 'case_statistics_flush()', 'case_statistics_source_touched()', 'case_statistics_case_touched()', 'case_statistics_rebuild()', 'case_statistics_refresh_pending()']) {
      await q.query(`DROP FUNCTION ${f}`);
    }
    await q.query(`DROP VIEW case_statistics_case_facts_now`);
    await q.query(`DROP INDEX greenwashing_warnings_open_case_idx`);
    for (const t of ['case_statistics_pending', 'case_statistics_banks', 'case_statistics_months', 'case_statistics_dues', 'case_statistics_cells', 'case_statistics_case_facts']) await q.query(`DROP TABLE ${t}`);
  }
}
