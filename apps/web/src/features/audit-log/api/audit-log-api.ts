import type { AuditEntryView, AuditLogQueryParams, AuditVerifyResult, Page } from '@zj/shared';
import { api } from '../../../lib/api-client';

/** GET /audit-log?page=&pageSize=&entityType=&action= → Page<AuditEntryView>. */
export function listAuditLog(params: AuditLogQueryParams, signal?: AbortSignal): Promise<Page<AuditEntryView>> {
  return api.get<Page<AuditEntryView>>('/audit-log', { ...params }, signal);
}

/** GET /audit-log/verify → AuditVerifyResult. */
export function verifyAuditLog(signal?: AbortSignal): Promise<AuditVerifyResult> {
  return api.get<AuditVerifyResult>('/audit-log/verify', undefined, signal);
}
