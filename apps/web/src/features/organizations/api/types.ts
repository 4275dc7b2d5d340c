import type { InstitutionKind, OrgType } from '@zj/shared';

/** A name the organisation had until the given date (`YYYY-MM-DD`). Plain strings are accepted too. */
export type FormerName = { name: string; until?: string | null } | string;

/** An organisation as GET /organizations lists it. */
export interface Organization {
  id: string;
  type: OrgType;
  name: string;
  creditCode: string | null;
  divisionCode: string | null;
  /** Financial institutions only. */
  institutionKind: InstitutionKind | null;
  /** Financial institutions only, e.g. 湛江分行. */
  branchName: string | null;
  /** Earlier names, oldest first (a renamed government unit keeps its identity). */
  formerNames: FormerName[];
  createdAt?: string;
  updatedAt?: string;
}

export interface OrganizationListParams {
  type?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface CreateOrganizationRequest {
  type: OrgType;
  name: string;
  creditCode?: string;
  divisionCode?: string;
  institutionKind?: InstitutionKind;
  branchName?: string;
}

export interface UpdateOrganizationRequest {
  name?: string;
  divisionCode?: string;
  branchName?: string;
}
