import type { Page } from '@zj/shared';
import { api } from '../../../lib/api-client';
import type { CreateOrganizationRequest, Organization, OrganizationListParams, UpdateOrganizationRequest } from './types';

/** GET /organizations?type=&q=&page=&pageSize= → Page<Organization>. */
export function listOrganizations(params: OrganizationListParams, signal?: AbortSignal): Promise<Page<Organization>> {
  return api.get<Page<Organization>>('/organizations', { ...params }, signal);
}

/** GET /organizations/:id → one organisation (BUREAU: any; others: their own). */
export function getOrganization(id: string, signal?: AbortSignal): Promise<Organization> {
  return api.get<Organization>(`/organizations/${encodeURIComponent(id)}`, undefined, signal);
}

/** POST /organizations → the new organisation. */
export function createOrganization(body: CreateOrganizationRequest): Promise<Organization> {
  return api.post<Organization>('/organizations', body);
}

/** PATCH /organizations/:id { name?, divisionCode?, branchName? } → the organisation. */
export function updateOrganization(id: string, body: UpdateOrganizationRequest): Promise<Organization> {
  return api.patch<Organization>(`/organizations/${encodeURIComponent(id)}`, body);
}
