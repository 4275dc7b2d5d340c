import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProductInput } from '@zj/shared';
import type { QueryParams } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { createProduct, getProduct, listCatalogue, listMyProducts, publishProduct, updateProduct, withdrawProduct } from '../api/products-api';

export function useCatalogue(params: QueryParams) {
  return useQuery({ queryKey: queryKeys.products.catalogue(params), queryFn: ({ signal }) => listCatalogue(params, signal), placeholderData: keepPreviousData });
}

/** One product (public when published; GET /products/:id). */
export function useProduct(id: string | undefined) {
  return useQuery({ queryKey: queryKeys.products.detail(id ?? ''), queryFn: ({ signal }) => getProduct(id!, signal), enabled: !!id, retry: false });
}

export function useMyProducts(params: QueryParams) {
  return useQuery({ queryKey: queryKeys.products.mine(params), queryFn: ({ signal }) => listMyProducts(params, signal), placeholderData: keepPreviousData });
}

/** Product changes change matches too: both are refreshed. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.products.all }), qc.invalidateQueries({ queryKey: queryKeys.matching.all })]);
}

export function useSaveProduct() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: ProductInput }) => (id ? updateProduct(id, { ...body, version: version! }) : createProduct(body)),
    onSuccess: invalidate,
  });
}

export function useProductStatus() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, action }: { id: string; version: number; action: 'publish' | 'withdraw' }) => (action === 'publish' ? publishProduct(id, version) : withdrawProduct(id, version)),
    onSuccess: invalidate,
  });
}
