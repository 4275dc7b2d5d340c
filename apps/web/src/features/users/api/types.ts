import type { Role, UserStatus } from '@zj/shared';

export type { UserStatus, UserSummary } from '@zj/shared';

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
