/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  /** Position in the chain, from 1 (a bigint, sent as a string). */
  seq: string;
  /** ISO time. */
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** The hash of the entry before (the chain link). */
  prevHash?: string;
  hash: string;
}

export interface AuditListParams {
  entityType?: string;
  action?: string;
  page: number;
  pageSize: number;
}

/** GET /audit-log/verify: whether every entry's hash still chains to the one before. */
export interface AuditVerifyResult {
  valid: boolean;
  checked: number;
  /** The first entry whose hash does not match, or null. */
  brokenAt: string | number | null;
}
