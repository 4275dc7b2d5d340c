import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IndicatorUpdateInput } from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import * as api from '../api/indicators-api';

export const useIndicators = () => useQuery({ queryKey: queryKeys.plan.indicators, queryFn: ({ signal }) => api.listIndicators(signal) });
export const useIndicator = (id: string | undefined) =>
  useQuery({ queryKey: queryKeys.plan.indicator(id ?? ''), queryFn: ({ signal }) => api.getIndicator(id!, signal), enabled: Boolean(id) });

export const useIndicatorRows = (id: string | undefined) =>
  useQuery({ queryKey: queryKeys.plan.indicatorRows(id ?? ''), queryFn: ({ signal }) => api.getIndicatorRows(id!, signal), enabled: Boolean(id) });

/** Indicators appear on the dashboard and in the task views: a change refreshes every plan view. */
function useIndicatorMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.plan.all }) });
}

export const useCreateIndicator = () => useIndicatorMutation(api.createIndicator);
export const useUpdateIndicator = () => useIndicatorMutation((a: { id: string; body: IndicatorUpdateInput }) => api.updateIndicator(a.id, a.body));
export const useRecordIndicatorValue = () => useIndicatorMutation((a: { id: string; body: { value: string; asOf: string; evidence: string } }) => api.recordIndicatorValue(a.id, a.body));
export const useArchiveIndicator = () => useIndicatorMutation((a: { id: string; version: number }) => api.archiveIndicator(a.id, a.version));
