import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDecimal, divisionByCode, MatchmakingStatistics, Role } from '@zj/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { zhanjiangDate } from '../common/time';
import { disbursedByCaseSql, tranchesAsOfSql } from './financing-disbursed';

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
 */
@Injectable()
export class CaseStatisticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async statistics(actor: Actor, q: { from?: string; to?: string }): Promise<MatchmakingStatistics> {
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

    const byBank = await this.dataSource.query(
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
      this.dataSource.query(
        `SELECT ${key} AS key, count(*)::int AS cases, ${money('c.approved_amount')} AS "approvedAmount", ${money('d.disbursed')} AS "disbursedAmount"
           FROM ${cases} JOIN financing_needs n ON n.id = c.need_id JOIN organizations e ON e.id = c.enterprise_org_id
           LEFT JOIN projects pr ON pr.id = n.project_id ${w}
          GROUP BY 1 ORDER BY sum(d.disbursed) DESC NULLS LAST, 1`,
        params,
      );
    const [byCountyRows, byCategoryRows, tranches, totals, warnings] = await Promise.all([
      area(`coalesce(pr.division_code, e.division_code)`),
      area(`CASE WHEN pr.id IS NULL THEN NULL ELSE pr.primary_category_version || ':' || split_part(pr.primary_category_code, '.', 1) END`),
      this.dataSource.query(
        `SELECT to_char(t.disbursed_on, 'YYYY-MM') AS month, sum(t.amount)::numeric(14,2)::text AS disbursed
           FROM ${tranchesAsOfSql('$1::date')} t JOIN matchmaking_cases c ON c.id = t.case_id ${w} GROUP BY 1 ORDER BY 1`,
        params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS cases, ${money('c.approved_amount')} AS "approvedAmount", ${money('d.disbursed')} AS "disbursedAmount", ${overdue} AS overdue
           FROM ${cases} ${w}`,
        params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM greenwashing_warnings gw JOIN matchmaking_cases c ON c.id = gw.case_id ${w} AND gw.status = 'OPEN'`,
        params,
      ),
    ]);
    const catNames: { key: string; name: string }[] = await this.dataSource.query(
      `SELECT version || ':' || code AS key, name FROM taxonomy_categories WHERE version || ':' || code = ANY($1::text[])`,
      [byCategoryRows.map((r: { key: string | null }) => r.key).filter(Boolean)],
    );
    const catName = new Map(catNames.map((c) => [c.key, c.name]));
    let cumulative = '0';
    const overTime = (tranches as { month: string; disbursed: string }[]).map((t) => {
      cumulative = addDecimal(cumulative, t.disbursed);
      return { month: t.month, disbursed: t.disbursed, cumulative };
    });
    const [own] = actor.role === Role.BANK ? await this.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [actor.organizationId]) : [];
    return {
      asOf: params[0] as string,
      scope: own ? { kind: 'BANK', name: own.name as string } : { kind: 'CITY', name: '全市' },
      byBank: byBank.map((b: Record<string, unknown>) => ({
        ...b,
        acceptanceRate: (b.answered as number) > 0 ? (b.accepted as number) / (b.answered as number) : null,
        medianResponseHours: b.medianResponseHours === null ? null : Math.round(Number(b.medianResponseHours) * 10) / 10,
      })),
      byCounty: byCountyRows.map((r: { key: string | null }) => ({ ...r, key: r.key ?? 'UNKNOWN', label: r.key ? (divisionByCode(r.key)?.name ?? r.key) : '未知' })),
      byCategory: byCategoryRows.map((r: { key: string | null }) => ({ ...r, key: r.key ?? 'ENTERPRISE', label: r.key ? `${catName.get(r.key) ?? r.key}` : '企业整体融资' })),
      overTime,
      totals: { ...totals[0], openWarnings: warnings[0].n },
      referrals: await this.referralFigures(w, params),
    };
  }

  /**
   * Referrals after a decline (转介) among the cases in scope: the referral cases (origin REFERRAL)
   * started in the period (a bank: those it received), how many reached a credit approval (an
   * approval recorded, whatever came after), how many were disbursed, and the amount disbursed.
   */
  private async referralFigures(w: string, params: unknown[]): Promise<MatchmakingStatistics['referrals']> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS made, count(*) FILTER (WHERE c.approved_amount IS NOT NULL)::int AS "reachedApproval",
              count(*) FILTER (WHERE d.disbursed > 0)::int AS disbursed, coalesce(sum(d.disbursed), 0)::numeric(14,2)::text AS "disbursedAmount"
         FROM matchmaking_cases c LEFT JOIN ${disbursedByCaseSql('$1::date')} d ON d.case_id = c.id ${w} AND c.origin = 'REFERRAL'`,
      params,
    );
    return row;
  }
}
