import { Injectable } from '@nestjs/common';
import type { ProjectNeedRow } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import type { LibraryScope } from './library-scope';

/**
 * What projects ask of their financing needs. The financing-needs module owns the needs and their
 * rules and depends on projects, so it answers these: it registers its answers in the
 * ProjectNeedsRegistry at start (FinancingNeedsModule), and projects never import it.
 */
export interface ProjectNeeds {
  /** Open needs (open or in matchmaking) of these projects that the scope may see: their count and sum, by project. */
  openNeedTotals(projectIds: string[], scope: LibraryScope): Promise<{ projectId: string; count: number; amount: string }[]>;
  /** The needs of the project that the scope may see, oldest first. */
  needsOf(projectId: string, scope: LibraryScope): Promise<ProjectNeedRow[]>;
  /** Why the project's total investment would be too small for its needs, or null. With the project locked, inside `m`'s transaction. */
  investmentProblem(m: EntityManager, projectId: string, totalInvestment: string): Promise<string | null>;
  /** The project was listed (入库): banks are told of its needs they may now see. Inside `m`'s transaction. */
  projectListed(m: EntityManager, project: { id: string; enterpriseOrgId: string }): Promise<void>;
}

/** Where the financing-needs module registers its ProjectNeeds; projects call it as one. */
@Injectable()
export class ProjectNeedsRegistry implements ProjectNeeds {
  private registered: ProjectNeeds | null = null;

  use(needs: ProjectNeeds) {
    if (this.registered) throw new Error('ProjectNeeds is already registered');
    this.registered = needs;
  }

  private get needs(): ProjectNeeds {
    if (!this.registered) throw new Error('ProjectNeeds is not registered: FinancingNeedsModule registers it at start');
    return this.registered;
  }

  openNeedTotals(projectIds: string[], scope: LibraryScope) {
    return this.needs.openNeedTotals(projectIds, scope);
  }

  needsOf(projectId: string, scope: LibraryScope) {
    return this.needs.needsOf(projectId, scope);
  }

  investmentProblem(m: EntityManager, projectId: string, totalInvestment: string) {
    return this.needs.investmentProblem(m, projectId, totalInvestment);
  }

  projectListed(m: EntityManager, project: { id: string; enterpriseOrgId: string }) {
    return this.needs.projectListed(m, project);
  }
}
