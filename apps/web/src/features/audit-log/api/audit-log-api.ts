import type { Page } from '@zj/shared';
import { api } from '../../../lib/api-client';
import type { AuditEntry, AuditListParams, AuditVerifyResult } from './types';

/** GET /audit-log?page=&pageSize=&entityType=&action= → Page<AuditEntry>. */
export function listAuditLog(params: AuditListParams, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/audit-log', { ...params }, signal);
}

/** GET /audit-log/verify → AuditVerifyResult. */
export function verifyAuditLog(signal?: AbortSignal): Promise<AuditVerifyResult> {
  return api.get<AuditVerifyResult>('/audit-log/verify', undefined, signal);
}
