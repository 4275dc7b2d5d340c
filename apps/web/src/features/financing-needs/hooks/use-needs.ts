import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import type { NeedInput } from '@zj/shared';
import { createNeed, getNeed, listNeeds, updateNeed, withdrawNeed } from '../api/needs-api';

export function useNeeds(params: Record<string, string | number | undefined>) {
  return useQuery({ queryKey: queryKeys.financingNeeds.list({ ...params }), queryFn: ({ signal }) => listNeeds(params, signal), placeholderData: keepPreviousData });
}

export function useNeed(id: string | null) {
  return useQuery({ queryKey: queryKeys.financingNeeds.detail(id ?? ''), queryFn: ({ signal }) => getNeed(id!, signal), enabled: !!id });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.financingNeeds.all }), qc.invalidateQueries({ queryKey: queryKeys.projects.all })]);
}

export function useSaveNeed(id?: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NeedInput & { version?: number }) => (id ? updateNeed(id, { ...body, version: body.version! }) : createNeed(body)),
    onSuccess: invalidate,
  });
}

export function useWithdrawNeed() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => withdrawNeed(id, version), onSuccess: invalidate, meta: { notifyError: true } });
}
