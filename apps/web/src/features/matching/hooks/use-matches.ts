import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { bankMatches, enterpriseMatches, needMatches, productMatches } from '../api/matching-api';

export const useBankMatches = (productId?: string) =>
  useQuery({ queryKey: queryKeys.matching.bank(productId ?? null), queryFn: ({ signal }) => (productId ? productMatches(productId, signal) : bankMatches(50, signal)) });
export const useEnterpriseMatches = () => useQuery({ queryKey: queryKeys.matching.enterprise, queryFn: ({ signal }) => enterpriseMatches(signal) });
export const useNeedMatches = (needId: string | null) =>
  useQuery({ queryKey: queryKeys.matching.need(needId ?? ''), queryFn: ({ signal }) => needMatches(needId!, signal), enabled: !!needId });
