import type { InstitutionKind, OrganizationView, OrgType } from '@zj/shared';

export type { FormerName } from '@zj/shared';

/** An organisation as GET /organizations lists it. */
export type Organization = OrganizationView;

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
