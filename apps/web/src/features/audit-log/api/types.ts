import type { AuditEntryView } from '@zj/shared';

export type { AuditVerifyResult } from '@zj/shared';

/** One entry of the hash-chained audit log. */
export type AuditEntry = AuditEntryView;

export interface AuditListParams {
  entityType?: string;
  action?: string;
  page: number;
  pageSize: number;
}
