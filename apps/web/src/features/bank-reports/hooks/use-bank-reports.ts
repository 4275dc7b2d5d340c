import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import * as api from '../api/bank-reports-api';

export const useMyProfile = (enabled: boolean) => useQuery({ queryKey: queryKeys.bankReports.myProfile, queryFn: ({ signal }) => api.myProfile(signal), enabled });
export const useProfiles = (enabled: boolean) => useQuery({ queryKey: queryKeys.bankReports.profiles, queryFn: ({ signal }) => api.listProfiles(signal), enabled });
export const useMyLoanReports = (enabled: boolean) => useQuery({ queryKey: queryKeys.bankReports.mine, queryFn: ({ signal }) => api.myLoanReports(signal), enabled });
export const useRatio = (enabled: boolean) => useQuery({ queryKey: queryKeys.bankReports.ratio, queryFn: ({ signal }) => api.greenLoanRatio(signal), enabled });
export const useCoverage = (month: string, enabled: boolean) => useQuery({ queryKey: queryKeys.bankReports.coverage(month), queryFn: ({ signal }) => api.coverage(month, signal), enabled });

function useBankMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.bankReports.all }), qc.invalidateQueries({ queryKey: queryKeys.plan.all })]) });
}
export const usePutProfile = () => useBankMutation(api.putMyProfile);
export const usePutLoanReport = () => useBankMutation((a: { month: string; body: Parameters<typeof api.putLoanReport>[1] }) => api.putLoanReport(a.month, a.body));
