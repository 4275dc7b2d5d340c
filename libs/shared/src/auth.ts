import { OrgType, Role } from './roles';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organization: { id: string; name: string; type: OrgType };
  mustChangePassword: boolean;
  /** The password must be changed before anything else works (a configured or published password); absent means false. */
  passwordChangeRequired?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  user: AuthUser;
}

/** POST /auth/login. */
export interface LoginRequest {
  email: string;
  password: string;
}

/** POST /auth/register-enterprise: an enterprise signs itself up (its contact person becomes its first user). */
export interface RegisterEnterpriseRequest {
  email: string;
  password: string;
  /** The contact person's name. */
  displayName: string;
  enterpriseName: string;
  creditCode: string;
  divisionCode: string;
}

/** PATCH /me: the signed-in user's own name. */
export interface UpdateProfileRequest {
  displayName: string;
}

/** POST /me/password: the sessions end, the user signs in again. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
