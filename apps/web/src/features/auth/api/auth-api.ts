import type { AuthUser, LoginResponse } from '@zj/shared';
import { api, apiRequest } from '../../../lib/api-client';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RegisterEnterpriseRequest {
  email: string;
  password: string;
  /** The contact person's name. */
  displayName: string;
  enterpriseName: string;
  creditCode: string;
  divisionCode: string;
}

/** POST /auth/login → LoginResponse (401 wrong password, 423/403 locked or disabled: server's message is shown). */
export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body, auth: false });
}

/** POST /auth/register-enterprise → LoginResponse: the new enterprise user is signed in at once. */
export function registerEnterprise(body: RegisterEnterpriseRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/register-enterprise', { method: 'POST', body, auth: false });
}

/** POST /auth/logout { refreshToken } → 204. Sent with the access token; a 401 here is ignored. */
export function logout(refreshToken: string): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', body: { refreshToken }, refreshOn401: false });
}

/** GET /me → the signed-in user. */
export function fetchMe(signal?: AbortSignal): Promise<AuthUser> {
  return api.get<AuthUser>('/me', undefined, signal);
}
