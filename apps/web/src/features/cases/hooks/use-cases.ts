import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseReassignInput, CaseReferInput, CaseTrancheInput, CaseTransitionInput, FundUseCheckInput } from '@zj/shared';
import type { QueryParams } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import {
  addFundUseCheck,
  addTranche,
  applyForProduct,
  caseReferrals,
  casePipeline,
  caseStatistics,
  chooseCase,
  claimNeed,
  getCase,
  listCases,
  listWarnings,
  pushNeed,
  reassignCase,
  referCase,
  resolveWarning,
  transitionCase,
} from '../api/cases-api';

export const useCases = (params: QueryParams) => useQuery({ queryKey: queryKeys.cases.list(params), queryFn: ({ signal }) => listCases(params, signal), placeholderData: keepPreviousData });
export const useCase = (id: string | undefined) => useQuery({ queryKey: queryKeys.cases.detail(id ?? ''), queryFn: ({ signal }) => getCase(id!, signal), enabled: !!id });
export const useReferrals = (id: string, enabled: boolean) => useQuery({ queryKey: queryKeys.cases.referrals(id), queryFn: ({ signal }) => caseReferrals(id, signal), enabled });
export const useCaseStatistics = (params: QueryParams) => useQuery({ queryKey: queryKeys.cases.statistics(params), queryFn: ({ signal }) => caseStatistics(params, signal) });
export const usePipeline = () => useQuery({ queryKey: queryKeys.cases.pipeline, queryFn: ({ signal }) => casePipeline(signal) });
export const useWarnings = (params: QueryParams) => useQuery({ queryKey: queryKeys.cases.warnings(params), queryFn: ({ signal }) => listWarnings(params, signal) });

/** Every case change touches lists, details, statistics, matches and the need's status. */
function useCaseMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.cases.all }),
        qc.invalidateQueries({ queryKey: queryKeys.matching.all }),
        qc.invalidateQueries({ queryKey: queryKeys.financingNeeds.all }),
      ]),
  });
}

export const useApply = () => useCaseMutation(applyForProduct);
export const useClaim = () => useCaseMutation(claimNeed);
export const usePush = () => useCaseMutation(pushNeed);
export const useTransition = () => useCaseMutation(({ id, body }: { id: string; body: CaseTransitionInput }) => transitionCase(id, body));
export const useAddTranche = () => useCaseMutation(({ id, body }: { id: string; body: CaseTrancheInput }) => addTranche(id, body));
export const useChoose = () => useCaseMutation((id: string) => chooseCase(id));
export const useReassign = () => useCaseMutation(({ id, body }: { id: string; body: CaseReassignInput }) => reassignCase(id, body));
export const useFundUseCheck = () => useCaseMutation(({ id, body }: { id: string; body: FundUseCheckInput }) => addFundUseCheck(id, body));
export const useRefer = () => useCaseMutation(({ id, body }: { id: string; body: CaseReferInput }) => referCase(id, body));
export const useResolveWarning = () => useCaseMutation(({ id, note }: { id: string; note: string }) => resolveWarning(id, note));
