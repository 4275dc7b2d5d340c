import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import type { EnterpriseProfileInput } from '@zj/shared';
import { applyIdentification, computeGrade, decideIdentification, getEnterprise, listEnterprises, listGrades, listIdentifications, saveProfile } from '../api/enterprises-api';

export function useEnterprises(params: Record<string, string | number | undefined>) {
  return useQuery({ queryKey: queryKeys.enterprises.list({ ...params }), queryFn: ({ signal }) => listEnterprises(params, signal), placeholderData: keepPreviousData });
}

export function useEnterprise(id: string | undefined) {
  return useQuery({ queryKey: queryKeys.enterprises.detail(id ?? ''), queryFn: ({ signal }) => getEnterprise(id!, signal), enabled: !!id });
}

export function useGrades(id: string | undefined) {
  return useQuery({ queryKey: queryKeys.enterprises.grades(id ?? ''), queryFn: () => listGrades(id!), enabled: !!id });
}

export function useIdentifications(status: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.enterprises.identifications(status), queryFn: () => listIdentifications(status || undefined), enabled });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queryKeys.enterprises.all });
}

export function useSaveProfile(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: EnterpriseProfileInput) => saveProfile(id, body), onSuccess: invalidate });
}

export function useApplyIdentification(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (statement: string) => applyIdentification(id, statement), onSuccess: invalidate });
}

export function useDecideIdentification() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: Parameters<typeof decideIdentification>[1] }) => decideIdentification(id, body), onSuccess: invalidate });
}

export function useComputeGrade(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => computeGrade(id), onSuccess: invalidate, meta: { notifyError: true } });
}
