import type { AuthUser, LoginRequest, LoginResponse, RegisterEnterpriseRequest } from '@zj/shared';
import { api, apiRequest } from '../../../lib/api-client';

/**
 * POST /auth/login → LoginResponse. 401 for a wrong password, an unknown or a locked account alike (the
 * owner of a locked account is notified), 403 disabled, 429 too many failures from this address: the
 * server's message is shown. `user.passwordChangeRequired`: the password must be changed first.
 */
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
