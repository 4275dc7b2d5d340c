import type { AuthUser } from '@zj/shared';
import { api } from '../../../lib/api-client';

export interface UpdateProfileRequest {
  displayName: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** PATCH /me { displayName } → the updated user. */
export function updateProfile(body: UpdateProfileRequest): Promise<AuthUser> {
  return api.patch<AuthUser>('/me', body);
}

/** POST /me/password { currentPassword, newPassword } → 204; the sessions end, the user signs in again. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return api.post<void>('/me/password', body);
}
