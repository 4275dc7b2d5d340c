import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { divisionByCode, MatchmakingStatistics, Role } from '@zj/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { zhanjiangDate } from '../work-calendar/working-days';

/**
 * Statistics of the pipeline: per bank (median response time, acceptance rate, approved and
 * disbursed amounts), per county and category, and the city's disbursements over time. Amounts are
 * summed by the database as numeric and answered as strings. A bank sees only its own figures.
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
    const overdue = `count(*) FILTER (WHERE c.state IN ('PENDING','ACCEPTED') AND c.due_on < $1::date)::int`;

    const byBank = await this.dataSource.query(
      `SELECT c.bank_org_id AS "bankOrgId", b.name AS "bankName", count(*)::int AS cases,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.decline_reason IS NULL)::int AS accepted,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.created_at) / 3600)
                FILTER (WHERE c.answered_at IS NOT NULL AND c.origin <> 'CLAIM') AS "medianResponseHours",
              ${money('c.approved_amount')} AS "approvedAmount", ${money('c.disbursed_total')} AS "disbursedAmount", ${overdue} AS overdue
         FROM matchmaking_cases c JOIN organizations b ON b.id = c.bank_org_id ${w}
        GROUP BY c.bank_org_id, b.name ORDER BY sum(c.disbursed_total) DESC NULLS LAST, b.name`,
      params,
    );
    const area = (key: string) =>
      this.dataSource.query(
        `SELECT ${key} AS key, count(*)::int AS cases, ${money('c.approved_amount')} AS "approvedAmount", ${money('c.disbursed_total')} AS "disbursedAmount"
           FROM matchmaking_cases c JOIN financing_needs n ON n.id = c.need_id JOIN organizations e ON e.id = c.enterprise_org_id
           LEFT JOIN projects pr ON pr.id = n.project_id ${w}
          GROUP BY 1 ORDER BY sum(c.disbursed_total) DESC NULLS LAST, 1`,
        params,
      );
    const [byCountyRows, byCategoryRows, tranches, totals, warnings] = await Promise.all([
      area(`coalesce(pr.division_code, e.division_code)`),
      area(`CASE WHEN pr.id IS NULL THEN NULL ELSE pr.primary_category_version || ':' || split_part(pr.primary_category_code, '.', 1) END`),
      this.dataSource.query(
        `SELECT to_char(t.disbursed_on, 'YYYY-MM') AS month, sum(t.amount)::numeric(14,2)::text AS disbursed
           FROM case_tranches t JOIN matchmaking_cases c ON c.id = t.case_id ${w} GROUP BY 1 ORDER BY 1`,
        params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS cases, ${money('c.approved_amount')} AS "approvedAmount", ${money('c.disbursed_total')} AS "disbursedAmount", ${overdue} AS overdue
           FROM matchmaking_cases c ${w}`,
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
    let cumulative = 0n;
    const overTime = (tranches as { month: string; disbursed: string }[]).map((t) => {
      const [a, b = '0'] = t.disbursed.split('.');
      cumulative += BigInt(a) * 100n + BigInt(b.padEnd(2, '0'));
      return { month: t.month, disbursed: t.disbursed, cumulative: `${cumulative / 100n}.${(cumulative % 100n).toString().padStart(2, '0')}` };
    });
    return {
      byBank: byBank.map((b: Record<string, unknown>) => ({
        ...b,
        acceptanceRate: (b.answered as number) > 0 ? (b.accepted as number) / (b.answered as number) : null,
        medianResponseHours: b.medianResponseHours === null ? null : Math.round(Number(b.medianResponseHours) * 10) / 10,
      })),
      byCounty: byCountyRows.map((r: { key: string | null }) => ({ ...r, key: r.key ?? 'UNKNOWN', label: r.key ? (divisionByCode(r.key)?.name ?? r.key) : '未知' })),
      byCategory: byCategoryRows.map((r: { key: string | null }) => ({ ...r, key: r.key ?? 'ENTERPRISE', label: r.key ? `${catName.get(r.key) ?? r.key}` : '企业整体融资' })),
      overTime,
      totals: { ...totals[0], openWarnings: warnings[0].n },
    };
  }
}
