import { Role, type ProjectNeedRow } from '@zj/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { LibraryScope, ProjectNeeds } from '../projects';
import { investmentProblem, NEED_STATUSES_WITHIN_INVESTMENT, needVisibleToBankSql } from './need-rules';
import type { NeedVisibility } from './need-visibility';

/**
 * The needs of projects, as the projects module asks for them (projects/project-needs.ts):
 * registered by FinancingNeedsModule at start, so that projects need not import financing needs.
 */
export class NeedsOfProjects implements ProjectNeeds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly visibility: NeedVisibility,
  ) {}

  openNeedTotals(projectIds: string[], scope: LibraryScope): Promise<{ projectId: string; count: number; amount: string }[]> {
    return this.dataSource.query(
      `SELECT n.project_id AS "projectId", count(*)::int AS count, coalesce(sum(n.amount), 0)::text AS amount FROM financing_needs n
        WHERE n.project_id = ANY($1) AND n.status IN ('OPEN','IN_MATCHMAKING')${scope.role === Role.BANK ? ` AND ${needVisibleToBankSql('n', '$2')}` : ''}
        GROUP BY n.project_id`,
      scope.role === Role.BANK ? [projectIds, scope.orgId] : [projectIds],
    );
  }

  needsOf(projectId: string, scope: LibraryScope): Promise<ProjectNeedRow[]> {
    return this.dataSource.query(
      `SELECT n.id, n.amount, n.term_months AS "termMonths", n.instrument, n.purpose, n.status, n.sharing, n.collateral, n.max_rate_percent AS "maxRatePercent", n.wanted_by AS "wantedBy"
         FROM financing_needs n WHERE n.project_id = $1 ${scope.role === Role.BANK ? `AND ${needVisibleToBankSql('n', '$2')}` : ''} ORDER BY n.created_at`,
      scope.role === Role.BANK ? [projectId, scope.orgId] : [projectId],
    );
  }

  /** The project's total investment stays no less than its largest need (issue 14; `investmentProblem` in need-rules.ts). */
  async investmentProblem(m: EntityManager, projectId: string, totalInvestment: string): Promise<string | null> {
    const [{ largest }]: { largest: string | null }[] = await m.query(
      `SELECT max(amount)::text AS largest FROM financing_needs WHERE project_id = $1 AND status = ANY($2::text[])`,
      [projectId, NEED_STATUSES_WITHIN_INVESTMENT],
    );
    return investmentProblem(totalInvestment, largest);
  }

  /** A listed project makes its shared needs (and its enterprise's own) visible to banks. */
  projectListed(m: EntityManager, project: { id: string; enterpriseOrgId: string }): Promise<void> {
    return this.visibility.needsNowVisible(m, { projectId: project.id, enterpriseOrgId: project.enterpriseOrgId });
  }
}
