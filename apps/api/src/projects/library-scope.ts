import { Role } from '@zj/shared';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';

/** The caller as the library sees it: role, organisation, and a county's division. */
export interface LibraryScope {
  role: Role;
  orgId: string;
  divisionCode: string | null;
}

/** Loads the caller's organisation division (counties see their county's records). */
export async function libraryScope(m: EntityManager, actor: Actor): Promise<LibraryScope> {
  let divisionCode: string | null = null;
  if (actor.role === Role.COUNTY || actor.role === Role.ENTERPRISE) {
    const [row] = await m.query('SELECT division_code FROM organizations WHERE id = $1', [actor.organizationId]);
    divisionCode = row?.division_code ?? null;
  }
  return { role: actor.role, orgId: actor.organizationId, divisionCode };
}

/**
 * The projects (alias `p`) a caller may see, as a WHERE fragment with named parameters.
 * Enterprise: its own. County: its county's (drafts only those it registered). Department: its sector's
 * (routed to it, not drafts) and those it registered. Bureau: all. Bank: listed ones. Regulator: none
 * (statistics only).
 */
export function projectScopeSql(s: LibraryScope, p = 'p'): { sql: string; params: Record<string, unknown> } {
  const params = { scopeOrg: s.orgId, scopeDiv: s.divisionCode };
  switch (s.role) {
    case Role.ENTERPRISE:
      return { sql: `${p}.enterprise_org_id = :scopeOrg`, params };
    case Role.COUNTY:
      return { sql: `((${p}.division_code = :scopeDiv AND ${p}.status <> 'DRAFT') OR ${p}.submitted_by_org_id = :scopeOrg)`, params };
    case Role.DEPARTMENT:
      return { sql: `((${p}.department_org_id = :scopeOrg AND ${p}.status <> 'DRAFT') OR ${p}.submitted_by_org_id = :scopeOrg OR ${p}.reviewer_org_id = :scopeOrg)`, params };
    case Role.BUREAU:
      return { sql: 'true', params };
    case Role.BANK:
      return { sql: `${p}.status = 'LISTED'`, params };
    default:
      return { sql: 'false', params };
  }
}

/** The same rule for one loaded project. */
export function projectVisibleTo(
  s: LibraryScope,
  p: { enterpriseOrgId: string; divisionCode: string; status: string; submittedByOrgId: string; departmentOrgId: string | null; reviewerOrgId: string | null },
): boolean {
  switch (s.role) {
    case Role.ENTERPRISE:
      return p.enterpriseOrgId === s.orgId;
    case Role.COUNTY:
      return (p.divisionCode === s.divisionCode && p.status !== 'DRAFT') || p.submittedByOrgId === s.orgId;
    case Role.DEPARTMENT:
      return (p.departmentOrgId === s.orgId && p.status !== 'DRAFT') || p.submittedByOrgId === s.orgId || p.reviewerOrgId === s.orgId;
    case Role.BUREAU:
      return true;
    case Role.BANK:
      return p.status === 'LISTED';
    default:
      return false;
  }
}

/** Escapes LIKE wildcards in a user's keyword. */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[%_\\]/g, '\\$&')}%`;
}
