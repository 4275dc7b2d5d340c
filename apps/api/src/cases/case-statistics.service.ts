import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDecimal, BankStatistics, divisionByCode, MatchmakingStatistics, Role } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { zhanjiangDate } from '../common/time';
import { disbursedByCaseSql, tranchesAsOfSql } from './financing-disbursed';

/** The period asked: cases opened from `from` to `to`, calendar dates in Zhanjiang, both included. */
export interface StatisticsPeriod {
  from?: string;
  to?: string;
}

/** The figures as read, before their common shaping (labels, rates, the running total). */
interface Figures {
  asOf: string;
  /** The bank's name when the figures are its own, else null (the city's). */
  scopeName: string | null;
  byBank: (Omit<BankStatistics, 'acceptanceRate' | 'medianResponseHours'> & { medianResponseHours: number | string | null })[];
  byCounty: { key: string | null; cases: number; approvedAmount: string; disbursedAmount: string }[];
  byCategory: { key: string | null; name: string | null; cases: number; approvedAmount: string; disbursedAmount: string }[];
  months: { month: string; disbursed: string }[];
  totals: MatchmakingStatistics['totals'];
  referrals: MatchmakingStatistics['referrals'];
}

/** The figures of a cell (case_statistics_cells) that are sums over its cases, as named in the tables. */
const SUMMED = ['answered', 'accepted', 'approved_amount', 'disbursed_amount', 'open_warnings', 'referrals', 'referrals_approved', 'referrals_disbursed', 'referrals_disbursed_amount'] as const;

/**
 * Statistics of the pipeline: per bank (median response time, acceptance rate, approved and
 * disbursed amounts), per county and category, and the city's disbursements over time. Amounts are
 * summed by the database as numeric and answered as strings. A bank sees only its own figures, and
 * the answer says whose figures they are (scope) and as of which date (asOf).
 *
 * Financing disbursed is the one definition of financing-disbursed.ts (tranches disbursed on or
 * before asOf), the same the plan's indicator and the event reports use.
 *
 * A response time runs from the event that starts the clock to the one that stops it, both read on
 * the case's timeline: the case opened pending for the bank (application, push, reassignment) and the
 * bank's answer (accepted or declined). A case the bank took up itself (a claim, an intent signed at a
 * 对接会) started accepted: no clock ran, it has no response time. A stop before its start is not a
 * duration and is not counted.
 *
 * Kept, not recomputed (issue 16): `statistics` reads figures the database keeps in the same
 * transaction as every change to the cases (migration 1764313200000), so they are live and the answer
 * is as of today like a computation. `recompute` is the computation from the rows they must equal
 * (tests/api/case-statistics-kept.spec.ts compares them).
 */
@Injectable()
export class CaseStatisticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The statistics from the kept figures, in one statement (one snapshot, one round trip). Without a
   * period: the sums per bank × county × category, the open cases per due date, the tranches per month
   * and each bank's median response time — rows in the hundreds however many cases. With a period: the
   * cases' own fact rows opened in it (one narrow table; no timeline, tranche, need or project is
   * read). Either way the tranches dated after today (old rows only) are taken off, and overdue is
   * counted against today.
   */
  async statistics(actor: Actor, q: StatisticsPeriod, m: EntityManager = this.dataSource.manager): Promise<MatchmakingStatistics> {
    const params: unknown[] = [zhanjiangDate()];
    const bank = actor.role === Role.BANK ? `$${params.push(actor.organizationId)}::uuid` : null;
    const from = q.from ? `$${params.push(q.from)}::date` : null;
    const to = q.to ? `$${params.push(q.to)}::date` : null;
    const period = !!(from || to);
    const all = (conditions: (string | false | null)[]) => conditions.filter(Boolean).join(' AND ') || 'true';
    const inScope = (alias: string) => all([bank && `${alias}.bank_org_id = ${bank}`]);
    // The cases' fact rows in scope and period (the same calendar days as `recompute`).
    const facts = all([
      bank && `f.bank_org_id = ${bank}`,
      from && `f.created_at >= (${from}::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      to && `f.created_at < ((${to} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    ]);
    const money = (x: string) => `${x}::numeric(14,2)::text`;
    const cells = period
      ? `SELECT f.bank_org_id, f.area_key, f.category_key, 1 AS cases, ${SUMMED.map((c) => `f.${c}`).join(', ')} FROM case_statistics_case_facts f WHERE ${facts}`
      : `SELECT k.bank_org_id, k.area_key, k.category_key, k.cases, ${SUMMED.map((c) => `k.${c}`).join(', ')} FROM case_statistics_cells k WHERE k.cases > 0 AND ${inScope('k')}`;
    const medians = period
      ? `SELECT f.bank_org_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY f.response_hours) AS median FROM case_statistics_case_facts f WHERE f.response_hours IS NOT NULL AND ${facts} GROUP BY f.bank_org_id`
      : `SELECT k.bank_org_id, k.median_response_hours AS median FROM case_statistics_banks k WHERE ${inScope('k')}`;
    const overdue = period
      ? `SELECT f.bank_org_id, count(*)::int AS n FROM case_statistics_case_facts f WHERE f.open_due_on < $1::date AND ${facts} GROUP BY f.bank_org_id`
      : `SELECT k.bank_org_id, sum(k.open_cases)::int AS n FROM case_statistics_dues k WHERE k.due_on < $1::date AND k.open_cases <> 0 AND ${inScope('k')} GROUP BY k.bank_org_id`;
    const months = period
      ? `SELECT m.key AS month, m.value::numeric AS disbursed FROM case_statistics_case_facts f, jsonb_each_text(f.months) m WHERE ${facts}`
      : `SELECT k.month, k.disbursed FROM case_statistics_months k WHERE ${inScope('k')}`;
    const area = (key: string, name: string) =>
      `SELECT coalesce(json_agg(json_build_object('key', g.${key}, 'name', ${name}, 'cases', g.cases, 'approvedAmount', ${money('g.approved_amount')}, 'disbursedAmount', ${money('g.disbursed_amount')})
                ORDER BY g.disbursed_amount DESC, g.${key} NULLS LAST), '[]'::json)`;
    const [row]: { scopeName: string | null; byBank: Figures['byBank']; byCounty: Figures['byCounty']; byCategory: Figures['byCategory']; months: Figures['months']; totals: Figures['totals']; referrals: Figures['referrals'] }[] =
      await m.query(
        `WITH fut AS (SELECT t.case_id, t.disbursed_on, t.amount FROM case_tranches t WHERE t.disbursed_on > $1::date),
              src AS (
                ${cells}
                UNION ALL
                -- What the cases' tranches dated after today added: taken off.
                SELECT f.bank_org_id, f.area_key, f.category_key, 0, 0, 0, 0, -x.amount, 0, 0, 0,
                       -(f.referrals * (x.amount = f.disbursed_amount)::int), -(f.referrals * x.amount)
                  FROM (SELECT case_id, sum(amount) AS amount FROM fut GROUP BY case_id) x JOIN case_statistics_case_facts f ON f.case_id = x.case_id WHERE ${facts}),
              -- One pass, four groupings; level (the GROUPING bits) 3: per bank, 5: per county, 6: per category, 7: all.
              g AS (
                SELECT GROUPING(bank_org_id, area_key, category_key) AS level, bank_org_id, nullif(area_key, '') AS area, nullif(category_key, '') AS category,
                       coalesce(sum(cases), 0)::int AS cases, ${SUMMED.map((c) => `coalesce(sum(${c}), 0)${c.endsWith('amount') ? '' : '::int'} AS ${c}`).join(', ')}
                  FROM src GROUP BY GROUPING SETS ((bank_org_id), (area_key), (category_key), ())),
              medians AS (${medians}),
              overdue AS (${overdue}),
              months AS (
                SELECT y.month, sum(y.disbursed) AS disbursed
                  FROM (${months}
                        UNION ALL
                        SELECT to_char(x.disbursed_on, 'YYYY-MM'), -x.amount FROM fut x JOIN case_statistics_case_facts f ON f.case_id = x.case_id WHERE ${facts}) y
                 GROUP BY y.month HAVING sum(y.disbursed) > 0)
         SELECT ${bank ? `(SELECT name FROM organizations WHERE id = ${bank})` : 'NULL'} AS "scopeName",
                (SELECT coalesce(json_agg(json_build_object('bankOrgId', g.bank_org_id, 'bankName', b.name, 'cases', g.cases, 'answered', g.answered, 'accepted', g.accepted,
                                                            'medianResponseHours', md.median, 'approvedAmount', ${money('g.approved_amount')}, 'disbursedAmount', ${money('g.disbursed_amount')},
                                                            'overdue', coalesce(od.n, 0))
                                           ORDER BY g.disbursed_amount DESC, b.name), '[]'::json)
                   FROM g JOIN organizations b ON b.id = g.bank_org_id LEFT JOIN medians md ON md.bank_org_id = g.bank_org_id LEFT JOIN overdue od ON od.bank_org_id = g.bank_org_id
                  WHERE g.level = 3 AND g.cases > 0) AS "byBank",
                (${area('area', 'NULL')} FROM g WHERE g.level = 5 AND g.cases > 0) AS "byCounty",
                (${area('category', 'tc.name')} FROM g LEFT JOIN taxonomy_categories tc ON tc.version || ':' || tc.code = g.category WHERE g.level = 6 AND g.cases > 0) AS "byCategory",
                (SELECT coalesce(json_agg(json_build_object('month', m.month, 'disbursed', ${money('m.disbursed')}) ORDER BY m.month), '[]'::json) FROM months m) AS months,
                (SELECT json_build_object('cases', g.cases, 'approvedAmount', ${money('g.approved_amount')}, 'disbursedAmount', ${money('g.disbursed_amount')},
                                          'overdue', (SELECT coalesce(sum(n), 0)::int FROM overdue), 'openWarnings', g.open_warnings) FROM g WHERE g.level = 7) AS totals,
                (SELECT json_build_object('made', g.referrals, 'reachedApproval', g.referrals_approved, 'disbursed', g.referrals_disbursed, 'disbursedAmount', ${money('g.referrals_disbursed_amount')})
                   FROM g WHERE g.level = 7) AS referrals`,
        params,
      );
    return shape({ asOf: params[0] as string, ...row });
  }

  /**
   * The statistics computed from the rows (every case with its timeline, tranches, need, project and
   * enterprise), as they were computed on each request before the figures were kept: the definition
   * the kept figures must equal (read by `m`, e.g. in one snapshot).
   */
  async recompute(actor: Actor, q: StatisticsPeriod, m: EntityManager = this.dataSource.manager): Promise<MatchmakingStatistics> {
    const params: unknown[] = [zhanjiangDate()];
    const where: string[] = ['$1::date IS NOT NULL'];
    if (actor.role === Role.BANK) where.push(`c.bank_org_id = $${params.push(actor.organizationId)}`);
    // Midnight in Zhanjiang of the given dates (a date cast to timestamp first: `date AT TIME ZONE` would
    // read the date as a UTC instant and shift the day by 8 + 8 hours).
    if (q.from) where.push(`c.created_at >= ($${params.push(q.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    if (q.to) where.push(`c.created_at < (($${params.push(q.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    const w = `WHERE ${where.join(' AND ')}`;
    const money = (col: string) => `coalesce(sum(${col}), 0)::numeric(14,2)::text`;
    // Each case with what was disbursed on it as of today ($1).
    const cases = `matchmaking_cases c LEFT JOIN ${disbursedByCaseSql('$1::date')} d ON d.case_id = c.id`;
    const clock = `(SELECT case_id, min(at) FILTER (WHERE from_state IS NULL AND to_state = 'PENDING') AS started,
                           min(at) FILTER (WHERE from_state = 'PENDING' AND to_state IN ('ACCEPTED','DECLINED')) AS stopped
                      FROM case_events WHERE from_state IS NULL OR from_state = 'PENDING' GROUP BY case_id)`;
    const overdue = `count(*) FILTER (WHERE c.state IN ('PENDING','ACCEPTED') AND c.due_on < $1::date)::int`;

    const byBank = await m.query(
      `SELECT c.bank_org_id AS "bankOrgId", b.name AS "bankName", count(*)::int AS cases,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.decline_reason IS NULL)::int AS accepted,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM k.stopped - k.started) / 3600)
                FILTER (WHERE k.stopped >= k.started) AS "medianResponseHours",
              ${money('c.approved_amount')} AS "approvedAmount", ${money('d.disbursed')} AS "disbursedAmount", ${overdue} AS overdue
         FROM ${cases} LEFT JOIN ${clock} k ON k.case_id = c.id JOIN organizations b ON b.id = c.bank_org_id ${w}
        GROUP BY c.bank_org_id, b.name ORDER BY sum(d.disbursed) DESC NULLS LAST, b.name`,
      params,
    );
    const area = (key: string) =>
      m.query(
        `SELECT ${key} AS key, count(*)::int AS cases, ${money('c.approved_amount')} AS "approvedAmount", ${money('d.disbursed')} AS "disbursedAmount"
           FROM ${cases} JOIN financing_needs n ON n.id = c.need_id JOIN organizations e ON e.id = c.enterprise_org_id
           LEFT JOIN projects pr ON pr.id = n.project_id ${w}
          GROUP BY 1 ORDER BY sum(d.disbursed) DESC NULLS LAST, 1`,
        params,
      );
    // One query after another: `m` may be one connection (a transaction's snapshot).
    const byCountyRows = await area(`coalesce(pr.division_code, e.division_code)`);
    const byCategoryRows = await area(`CASE WHEN pr.id IS NULL THEN NULL ELSE pr.primary_category_version || ':' || split_part(pr.primary_category_code, '.', 1) END`);
    const tranches = await m.query(
      `SELECT to_char(t.disbursed_on, 'YYYY-MM') AS month, sum(t.amount)::numeric(14,2)::text AS disbursed
         FROM ${tranchesAsOfSql('$1::date')} t JOIN matchmaking_cases c ON c.id = t.case_id ${w} GROUP BY 1 ORDER BY 1`,
      params,
    );
    const totals = await m.query(
      `SELECT count(*)::int AS cases, ${money('c.approved_amount')} AS "approvedAmount", ${money('d.disbursed')} AS "disbursedAmount", ${overdue} AS overdue
         FROM ${cases} ${w}`,
      params,
    );
    const warnings = await m.query(`SELECT count(*)::int AS n FROM greenwashing_warnings gw JOIN matchmaking_cases c ON c.id = gw.case_id ${w} AND gw.status = 'OPEN'`, params);
    const catNames: { key: string; name: string }[] = await m.query(
      `SELECT version || ':' || code AS key, name FROM taxonomy_categories WHERE version || ':' || code = ANY($1::text[])`,
      [byCategoryRows.map((r: { key: string | null }) => r.key).filter(Boolean)],
    );
    const catName = new Map(catNames.map((c) => [c.key, c.name]));
    const [own] = actor.role === Role.BANK ? await m.query(`SELECT name FROM organizations WHERE id = $1`, [actor.organizationId]) : [];
    return shape({
      asOf: params[0] as string,
      scopeName: own ? (own.name as string) : null,
      byBank,
      byCounty: byCountyRows,
      byCategory: byCategoryRows.map((r: Figures['byCategory'][number]) => ({ ...r, name: r.key ? (catName.get(r.key) ?? null) : null })),
      months: tranches,
      totals: { ...totals[0], openWarnings: warnings[0].n },
      referrals: await this.referralFigures(m, w, params),
    });
  }

  /**
   * Referrals after a decline (转介) among the cases in scope: the referral cases (origin REFERRAL)
   * started in the period (a bank: those it received), how many reached a credit approval (an
   * approval recorded, whatever came after), how many were disbursed, and the amount disbursed.
   */
  private async referralFigures(m: EntityManager, w: string, params: unknown[]): Promise<MatchmakingStatistics['referrals']> {
    const [row] = await m.query(
      `SELECT count(*)::int AS made, count(*) FILTER (WHERE c.approved_amount IS NOT NULL)::int AS "reachedApproval",
              count(*) FILTER (WHERE d.disbursed > 0)::int AS disbursed, coalesce(sum(d.disbursed), 0)::numeric(14,2)::text AS "disbursedAmount"
         FROM matchmaking_cases c LEFT JOIN ${disbursedByCaseSql('$1::date')} d ON d.case_id = c.id ${w} AND c.origin = 'REFERRAL'`,
      params,
    );
    return row;
  }
}

/** The answer's shape, the same whichever way the figures were read. */
function shape(f: Figures): MatchmakingStatistics {
  let cumulative = '0';
  const overTime = f.months.map((t) => {
    cumulative = addDecimal(cumulative, t.disbursed);
    return { month: t.month, disbursed: t.disbursed, cumulative };
  });
  const area = (r: Figures['byCounty'][number]) => ({ key: r.key, cases: r.cases, approvedAmount: r.approvedAmount, disbursedAmount: r.disbursedAmount });
  return {
    asOf: f.asOf,
    scope: f.scopeName !== null ? { kind: 'BANK', name: f.scopeName } : { kind: 'CITY', name: '全市' },
    byBank: f.byBank.map((b) => ({
      ...b,
      acceptanceRate: b.answered > 0 ? b.accepted / b.answered : null,
      medianResponseHours: b.medianResponseHours === null ? null : Math.round(Number(b.medianResponseHours) * 10) / 10,
    })),
    byCounty: f.byCounty.map((r) => ({ ...area(r), key: r.key ?? 'UNKNOWN', label: r.key ? (divisionByCode(r.key)?.name ?? r.key) : '未知' })),
    byCategory: f.byCategory.map((r) => ({ ...area(r), key: r.key ?? 'ENTERPRISE', label: r.key ? (r.name ?? r.key) : '企业整体融资' })),
    overTime,
    totals: f.totals,
    referrals: f.referrals,
  };
}
