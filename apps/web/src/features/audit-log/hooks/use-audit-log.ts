import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditLogQueryParams } from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import { listAuditLog, verifyAuditLog } from '../api/audit-log-api';

export function useAuditLog(params: AuditLogQueryParams) {
  return useQuery({
    queryKey: queryKeys.auditLog.list({ ...params }),
    queryFn: ({ signal }) => listAuditLog(params, signal),
    placeholderData: keepPreviousData,
  });
}

/** Runs only when asked (the 校验链条 button); each click checks again. */
export function useAuditVerify() {
  return useQuery({
    queryKey: queryKeys.auditLog.verify,
    queryFn: ({ signal }) => verifyAuditLog(signal),
    enabled: false,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
