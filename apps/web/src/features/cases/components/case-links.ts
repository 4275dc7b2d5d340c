import { ProjectStatus, Role, type CaseView } from '@zj/shared';

/** Where a case page links to, for the viewer's role; null where the viewer may not open the page. */
export interface CaseLinks {
  need: string;
  project: string | null;
  enterprise: string | null;
  product: string | null;
}

/**
 * The links of a case page (issue 15): its need (the needs page opens it), its project and the
 * enterprise's profile. A bank sees library entries only: a project once listed, and the enterprise
 * then (one listed project puts it in the library); the enterprise sees its own profile page.
 */
export function caseLinks(c: Pick<CaseView, 'needId' | 'projectId' | 'projectStatus' | 'enterpriseOrgId' | 'productId'>, role: Role): CaseLinks {
  const listed = c.projectStatus === ProjectStatus.LISTED;
  return {
    need: `/financing-needs?open=${c.needId}`,
    project: c.projectId && (role !== Role.BANK || listed) ? `/projects/${c.projectId}` : null,
    enterprise: role === Role.ENTERPRISE ? '/my-enterprise' : role === Role.BUREAU || (role === Role.BANK && listed) ? `/enterprises/${c.enterpriseOrgId}` : null,
    product: c.productId ? `/products/${c.productId}` : null,
  };
}
