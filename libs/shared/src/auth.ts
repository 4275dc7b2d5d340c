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
