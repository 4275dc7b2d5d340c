import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanReportInput } from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import * as api from '../api/plan-api';

export const useDashboard = (year?: number) => useQuery({ queryKey: queryKeys.plan.dashboard(year ?? null), queryFn: ({ signal }) => api.getDashboard(year, signal) });
/** `enabled: false` waits (e.g. until the year to show is known, instead of loading every year's list first). */
export const usePlanTasks = (year?: number, opts: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: queryKeys.plan.tasks(year ?? null), queryFn: ({ signal }) => api.listTasks(year, signal), enabled: opts.enabled ?? true });
export const usePlanYears = () => useQuery({ queryKey: queryKeys.plan.years, queryFn: ({ signal }) => api.listYears(signal) });
export const usePeriods = () => useQuery({ queryKey: queryKeys.plan.periods, queryFn: ({ signal }) => api.listPeriods(signal) });
export const useMyTasks = (periodId: string | undefined) =>
  useQuery({ queryKey: queryKeys.plan.mine(periodId ?? ''), queryFn: ({ signal }) => api.myTasks(periodId!, signal), enabled: Boolean(periodId) });
export const useOverview = (periodId: string | undefined) =>
  useQuery({ queryKey: queryKeys.plan.overview(periodId ?? ''), queryFn: ({ signal }) => api.overview(periodId!, signal), enabled: Boolean(periodId) });
export const useMyReport = (periodId: string | undefined, taskId: string | undefined) =>
  useQuery({
    queryKey: queryKeys.plan.myReport(periodId ?? '', taskId ?? ''),
    queryFn: ({ signal }) => api.myReport(periodId!, taskId!, signal),
    enabled: Boolean(periodId && taskId),
  });
export const useReport = (id: string | undefined) => useQuery({ queryKey: queryKeys.plan.report(id ?? ''), queryFn: ({ signal }) => api.getReport(id!, signal), enabled: Boolean(id) });

/** Any change to a report refreshes every plan view (statuses move on the dashboard too). */
function usePlanMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.plan.all }) });
}

export const useSaveReport = () => usePlanMutation((a: { periodId: string; taskId: string; body: PlanReportInput }) => api.saveReport(a.periodId, a.taskId, a.body));
export const useSubmitReport = () => usePlanMutation((a: { id: string; version: number }) => api.submitReport(a.id, a.version));
export const useReturnReport = () => usePlanMutation((a: { id: string; version: number; comment: string }) => api.returnReport(a.id, a.version, a.comment));
export const useAcceptReport = () => usePlanMutation((a: { id: string; version: number }) => api.acceptReport(a.id, a.version));
export const useCreatePeriod = () => usePlanMutation(api.createPeriod);
export const useUploadEvidence = () => usePlanMutation((a: { id: string; file: File }) => api.uploadEvidence(a.id, a.file));

// The work lists (bureau): any change refreshes the tasks, years and dashboard.
export const useAddWorkItem = () => usePlanMutation(api.addWorkItem);
export const useAddWorkList = () => usePlanMutation(api.addWorkList);
export const useUpdateWorkItem = () => usePlanMutation((a: { id: string; version: number; text: string }) => api.updateWorkItem(a.id, { version: a.version, text: a.text }));
export const useArchiveWorkItem = () => usePlanMutation((a: { id: string; version: number }) => api.archiveWorkItem(a.id, a.version));
