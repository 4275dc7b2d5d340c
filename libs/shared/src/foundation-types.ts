import type { InstitutionKind, OrgType, Role } from './roles';

/** A name a renamed unit had; `until` (YYYY-MM-DD) is null when the date of the rename is not known. */
export interface FormerName {
  name: string;
  until: string | null;
}

/** An organisation as the API answers it. */
export interface OrganizationView {
  id: string;
  type: OrgType;
  name: string;
  formerNames: FormerName[];
  creditCode: string | null;
  divisionCode: string | null;
  unitCode: string | null;
  institutionKind: InstitutionKind | null;
  branchName: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/** A user as the bureau's user administration sees it (never the password hash). */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationName?: string;
  status: UserStatus;
  locked: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** One row of the hash-chained audit log. */
export interface AuditEntryView {
  /** Position in the chain, from 1 (a bigint, sent as a string). */
  seq: string;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorOrgId: string | null;
  /** The actor's display name and organisation's name, as they are now (null when unknown). */
  actorName?: string | null;
  actorOrgName?: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The record's name or title, as it is now (null when its type names none, or it is gone). */
  entityName?: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

/** GET /audit-log/verify. */
export interface AuditVerifyResult {
  valid: boolean;
  checked: number;
  /** The seq of the first row that does not chain, or null. */
  brokenAt: string | null;
}

/** A green taxonomy catalogue version with its category counts per level. */
export interface TaxonomySummary {
  version: string;
  name: string;
  effectiveFrom: string | null;
  categoryCounts: Record<string, number>;
}

/** A taxonomy category; `children` in the tree format. */
export interface TaxonomyNode {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  description: string | null;
  standards: string[];
  /** Everyday words people search the category by (光伏 for 太阳能利用设施建设和运营). */
  keywords: string[];
  children: TaxonomyNode[];
}

/** One rejected line of an imported CSV. */
export interface ImportLineError {
  line: number;
  message: string;
}

/** GET /organizations query (the bureau's organisation list). */
export interface OrganizationListParams {
  type?: OrgType;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** A new organisation (POST /organizations): a credit code for enterprises, a county for counties, a kind for banks. */
export interface OrganizationInput {
  type: OrgType;
  name: string;
  creditCode?: string;
  divisionCode?: string;
  institutionKind?: InstitutionKind;
  branchName?: string;
}

/** A change of an organisation (PATCH /organizations/:id); a new name keeps the old one as a former name. */
export interface OrganizationUpdateInput {
  name?: string;
  divisionCode?: string;
  branchName?: string;
}

/** GET /users query (the bureau's user administration). */
export interface UserListParams {
  organizationId?: string;
  role?: Role;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** A new account (POST /users); the user is asked to change the initial password. */
export interface UserInput {
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  password: string;
}

/** A change of an account (PATCH /users/:id): its name, or enabling and disabling it. */
export interface UserUpdateInput {
  displayName?: string;
  status?: UserStatus;
}

/** GET /audit-log query: filters on the record's type and id, and the action. */
export interface AuditLogQueryParams {
  entityType?: string;
  entityId?: string;
  action?: string;
  page?: number;
  pageSize?: number;
}
