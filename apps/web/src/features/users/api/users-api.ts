import type { Page, UserInput, UserListParams, UserSummary, UserUpdateInput } from '@zj/shared';
import { api } from '../../../lib/api-client';

/** GET /users?organizationId=&role=&q=&page=&pageSize= → Page<UserSummary>. */
export function listUsers(params: UserListParams, signal?: AbortSignal): Promise<Page<UserSummary>> {
  return api.get<Page<UserSummary>>('/users', { ...params }, signal);
}

/** POST /users → the new user. */
export function createUser(body: UserInput): Promise<UserSummary> {
  return api.post<UserSummary>('/users', body);
}

/** PATCH /users/:id { displayName?, status? } → the user. */
export function updateUser(id: string, body: UserUpdateInput): Promise<UserSummary> {
  return api.patch<UserSummary>(`/users/${encodeURIComponent(id)}`, body);
}

/** POST /users/:id/unlock → the user. */
export function unlockUser(id: string): Promise<UserSummary> {
  return api.post<UserSummary>(`/users/${encodeURIComponent(id)}/unlock`);
}
