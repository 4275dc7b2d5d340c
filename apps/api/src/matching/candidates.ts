import { EnterpriseSize, FinancingInstrument, PRODUCT_TYPE_INSTRUMENT, ProductType } from '@zj/shared';
import { instrumentsRelated, MatchNeed } from './scoring';

/**
 * The SQL side of matching: candidate queries that keep only what the exact scoring in scoring.ts
 * could rank (or list as a near miss). Each hard criterion becomes a "fails" test that is never
 * stricter than the JS verdict's NOT_MET, so the database only cuts what scoring would exclude anyway.
 */

/** Need columns matching reads, for alias `n` (needs), `e` (enterprise org), `pr` (project), `ep` (profile), `g` (current grade). */
export const NEED_MATCH_COLUMNS = `n.id, n.enterprise_org_id AS "enterpriseOrgId", n.project_id AS "projectId", n.amount, n.term_months AS "termMonths",
  n.instrument, n.collateral, n.max_rate_percent AS "maxRatePercent", n.purpose, n.status, n.created_at AS "createdAt",
  e.name AS "enterpriseName", e.division_code AS "enterpriseDivisionCode", pr.division_code AS "projectDivisionCode", pr.name AS "projectName",
  ep.size, g.grade,
  coalesce((SELECT json_agg(json_build_object('version', pc.taxonomy_version, 'code', pc.code)) FROM project_categories pc WHERE pc.project_id = n.project_id), '[]'::json) AS categories`;

/** The need columns scoring reads (a subset of NEED_MATCH_COLUMNS, same aliases), for scans of many needs. */
export const NEED_SCORE_COLUMNS = `n.id, n.amount, n.term_months AS "termMonths", n.instrument, n.collateral, n.max_rate_percent AS "maxRatePercent",
  e.division_code AS "enterpriseDivisionCode", pr.division_code AS "projectDivisionCode", ep.size, g.grade,
  coalesce((SELECT json_agg(json_build_object('version', pc.taxonomy_version, 'code', pc.code)) FROM project_categories pc WHERE pc.project_id = n.project_id), '[]'::json) AS categories`;

export const NEED_MATCH_JOINS = `JOIN organizations e ON e.id = n.enterprise_org_id
  LEFT JOIN projects pr ON pr.id = n.project_id
  LEFT JOIN enterprise_profiles ep ON ep.organization_id = n.enterprise_org_id
  LEFT JOIN green_grades g ON g.enterprise_org_id = n.enterprise_org_id AND g.is_current`;

/**
 * The open needs (alias `n`, joined as in NEED_MATCH_JOINS) visible to the bank bound at `bankParam`:
 * the rule of needVisibleToBankSql (financing-needs/need-rules.ts), written for a newest-first scan
 * that reads a few hundred rows. The project's status is read from the already joined `pr`, and the
 * enterprise-wide checks are per-row probes (OFFSET 0 keeps PostgreSQL from turning them into hashed
 * subplans): the shared form makes the planner hash every listed project of the library before
 * returning the first row, which cost more than the whole batch.
 */
export function bankScanVisibleSql(bankParam: string): string {
  return `n.status IN ('OPEN','IN_MATCHMAKING')
    AND (n.sharing = 'ALL_BANKS' OR (n.sharing = 'SELECTED_BANKS' AND EXISTS (SELECT 1 FROM financing_need_banks fnb WHERE fnb.need_id = n.id AND fnb.bank_org_id = ${bankParam} OFFSET 0)))
    AND (pr.status = 'LISTED'
      OR (n.project_id IS NULL AND (
        EXISTS (SELECT 1 FROM projects vp2 WHERE vp2.enterprise_org_id = n.enterprise_org_id AND vp2.status = 'LISTED' OFFSET 0)
        OR EXISTS (SELECT 1 FROM green_identifications gi WHERE gi.enterprise_org_id = n.enterprise_org_id AND gi.status = 'APPROVED' AND current_date BETWEEN gi.valid_from AND gi.valid_until OFFSET 0)
      )))`;
}

/** One batch of a bank's workbench scan: open needs visible to the bank `$1`, newest first, older than the cursor (`$2`, `$3`) when given. */
export function bankScanSql(batch: number, afterCursor: boolean): string {
  return `SELECT ${NEED_SCORE_COLUMNS}, n.created_at::text AS cursor_at FROM financing_needs n ${NEED_MATCH_JOINS}
    WHERE ${bankScanVisibleSql('$1')} ${afterCursor ? 'AND (n.created_at, n.id) < ($2::timestamptz, $3::uuid)' : ''}
    ORDER BY n.created_at DESC, n.id DESC LIMIT ${Math.floor(batch)}`;
}

export interface NeedRow {
  id: string;
  enterpriseOrgId: string;
  projectId: string | null;
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  collateral: string[];
  maxRatePercent: string | null;
  purpose: string;
  status: string;
  createdAt: Date;
  enterpriseName: string;
  enterpriseDivisionCode: string | null;
  projectDivisionCode: string | null;
  projectName: string | null;
  size: EnterpriseSize | null;
  grade: string | null;
  categories: { version: string; code: string }[];
}

/** What scoring reads of a need row. */
export type NeedScoreRow = Pick<NeedRow, 'id' | 'amount' | 'termMonths' | 'instrument' | 'collateral' | 'maxRatePercent' | 'categories' | 'projectDivisionCode' | 'enterpriseDivisionCode' | 'size' | 'grade'>;

export function toMatchNeed(r: NeedScoreRow): MatchNeed {
  return {
    amount: r.amount,
    termMonths: r.termMonths,
    instrument: r.instrument,
    collateral: r.collateral as MatchNeed['collateral'],
    maxRatePercent: r.maxRatePercent,
    categories: r.categories,
    projectDivisionCode: r.projectDivisionCode,
    enterpriseDivisionCode: r.enterpriseDivisionCode,
    size: r.size,
    grade: r.grade,
  };
}

/** Product types that serve the instrument exactly or partly. */
export function compatibleProductTypes(instrument: FinancingInstrument): ProductType[] {
  return Object.values(ProductType).filter((t) => PRODUCT_TYPE_INSTRUMENT[t] === instrument || instrumentsRelated(PRODUCT_TYPE_INSTRUMENT[t], instrument));
}

const SIZE_ORDER = [EnterpriseSize.MICRO, EnterpriseSize.SMALL, EnterpriseSize.MEDIUM, EnterpriseSize.LARGE];
/** The size and its neighbours (a product for an adjacent size is a partial fit, not an exclusion). */
export function sizesWithin(size: EnterpriseSize): EnterpriseSize[] {
  const i = SIZE_ORDER.indexOf(size);
  return SIZE_ORDER.filter((_, j) => Math.abs(i - j) <= 1);
}

/** The catalogue's validity condition for alias `p`. */
export const PRODUCT_LIVE_SQL = (p = 'p') =>
  `${p}.status = 'PUBLISHED' AND (${p}.valid_from IS NULL OR ${p}.valid_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date)
   AND (${p}.valid_until IS NULL OR ${p}.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)`;

/**
 * Products (alias p) for one need, failing at most `maxFails` hard criteria. Parameters are
 * positional from `$1`; answers the SQL and its parameters.
 */
export function productCandidatesSql(need: MatchNeed, opts: { maxFails: number; bankOrgId?: string }): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const divisions = [need.projectDivisionCode, need.enterpriseDivisionCode].filter((d): d is string => !!d);
  const tops = need.categories.map((c) => `${c.version}:${c.code.split('.')[0]}`);
  const fails = [
    `NOT (p.type = ANY(${$(compatibleProductTypes(need.instrument))}::text[]))`,
    `((p.max_amount IS NOT NULL AND ${$(need.amount)}::numeric * 100 > p.max_amount * 120) OR (p.min_amount IS NOT NULL AND ${$(need.amount)}::numeric * 100 < p.min_amount * 80))`,
    `((p.max_term_months IS NOT NULL AND ${$(need.termMonths)}::int - p.max_term_months > greatest(1, floor(p.max_term_months * 0.2)))
      OR (p.min_term_months IS NOT NULL AND p.min_term_months - ${$(need.termMonths)}::int > greatest(1, floor(p.min_term_months * 0.2))))`,
    `(cardinality(p.counties) > 0 AND NOT (p.counties && ${$(divisions)}::text[]))`,
    need.size ? `(cardinality(p.enterprise_sizes) > 0 AND NOT (p.enterprise_sizes && ${$(sizesWithin(need.size))}::text[]))` : 'false',
    need.grade ? `(p.min_green_grade IS NOT NULL AND ascii(${$(need.grade.toUpperCase())}) - ascii(upper(p.min_green_grade)) > 1)` : 'false',
    tops.length
      ? `(jsonb_array_length(p.category_rules) > 0 AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p.category_rules) r
           WHERE (r->>'version') || ':' || split_part(r->>'prefix', '.', 1) = ANY(${$(tops)}::text[])))`
      : 'false',
  ];
  const failCount = fails.map((f) => `(${f})::int`).join(' + ');
  const bank = opts.bankOrgId ? `AND p.bank_org_id = ${$(opts.bankOrgId)}` : '';
  const sql = `SELECT p.id FROM products p WHERE ${PRODUCT_LIVE_SQL('p')} ${bank} AND (${failCount}) <= ${$(opts.maxFails)}`;
  return { sql, params };
}
