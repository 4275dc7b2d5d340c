import type { OrganizationInput, OrganizationListParams, OrganizationUpdateInput, OrganizationView, Page } from '@zj/shared';
import { api } from '../../../lib/api-client';

/** GET /organizations?type=&q=&page=&pageSize= → Page<OrganizationView>. */
export function listOrganizations(params: OrganizationListParams, signal?: AbortSignal): Promise<Page<OrganizationView>> {
  return api.get<Page<OrganizationView>>('/organizations', { ...params }, signal);
}

/** GET /organizations/:id → one organisation (BUREAU: any; others: their own). */
export function getOrganization(id: string, signal?: AbortSignal): Promise<OrganizationView> {
  return api.get<OrganizationView>(`/organizations/${encodeURIComponent(id)}`, undefined, signal);
}

/** POST /organizations → the new organisation. */
export function createOrganization(body: OrganizationInput): Promise<OrganizationView> {
  return api.post<OrganizationView>('/organizations', body);
}

/** PATCH /organizations/:id { name?, divisionCode?, branchName? } → the organisation. */
export function updateOrganization(id: string, body: OrganizationUpdateInput): Promise<OrganizationView> {
  return api.patch<OrganizationView>(`/organizations/${encodeURIComponent(id)}`, body);
}
