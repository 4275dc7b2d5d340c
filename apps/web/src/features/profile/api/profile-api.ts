import type { AuthUser, ChangePasswordRequest, UpdateProfileRequest } from '@zj/shared';
import { api } from '../../../lib/api-client';

/** PATCH /me { displayName } → the updated user. */
export function updateProfile(body: UpdateProfileRequest): Promise<AuthUser> {
  return api.patch<AuthUser>('/me', body);
}

/** POST /me/password { currentPassword, newPassword } → 204; the sessions end, the user signs in again. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return api.post<void>('/me/password', body);
}
