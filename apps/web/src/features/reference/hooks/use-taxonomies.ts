import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchTaxonomies, fetchTaxonomyTree, importTaxonomy } from '../api/reference-api';
import type { TaxonomyImportFields } from '../api/types';

export function useTaxonomies() {
  return useQuery({
    queryKey: queryKeys.reference.taxonomies.all,
    queryFn: ({ signal }) => fetchTaxonomies(signal),
    staleTime: 5 * 60_000,
  });
}

export function useTaxonomyTree(version: string | undefined) {
  return useQuery({
    queryKey: queryKeys.reference.taxonomies.tree(version ?? ''),
    queryFn: ({ signal }) => fetchTaxonomyTree(version ?? '', signal),
    enabled: Boolean(version),
    staleTime: 5 * 60_000,
  });
}

export function useImportTaxonomy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: TaxonomyImportFields) => importTaxonomy(fields),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.reference.taxonomies.all }),
  });
}
