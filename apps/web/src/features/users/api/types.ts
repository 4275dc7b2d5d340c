import type { OrgType, Role } from '@zj/shared';

export type UserStatus = 'ACTIVE' | 'DISABLED';

/** A user as GET /users lists it. */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationName?: string;
  /** Older shape; read only as a fallback for organizationName. */
  organization?: { id: string; name: string; type: OrgType };
  status: UserStatus;
  /** True while too many failed logins keep the account locked. */
  locked?: boolean;
  /** Until when it is locked (ISO time); null when not locked. */
  lockedUntil?: string | null;
  mustChangePassword?: boolean;
  lastLoginAt?: string | null;
  createdAt?: string;
}

export interface UserListParams {
  organizationId?: string;
  role?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface CreateUserRequest {
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  /** The initial password; the user is asked to change it. */
  password: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  status?: UserStatus;
}
