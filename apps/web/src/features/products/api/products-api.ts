import type { Page, ProductInput, ProductUpdateInput, ProductView } from '@zj/shared';
import { api, type QueryParams } from '../../../lib/api-client';

/** GET /products (public catalogue). */
export const listCatalogue = (params: QueryParams, signal?: AbortSignal) => api.get<Page<ProductView>>('/products', params, signal);
/** GET /products/mine (bank). */
export const listMyProducts = (params: QueryParams, signal?: AbortSignal) => api.get<Page<ProductView>>('/products/mine', params, signal);
export const getProduct = (id: string, signal?: AbortSignal) => api.get<ProductView>(`/products/${id}`, undefined, signal);
export const createProduct = (body: ProductInput) => api.post<ProductView>('/products', body);
export const updateProduct = (id: string, body: ProductUpdateInput) => api.patch<ProductView>(`/products/${id}`, body);
export const publishProduct = (id: string, version: number) => api.post<ProductView>(`/products/${id}/publish`, { version });
export const withdrawProduct = (id: string, version: number) => api.post<ProductView>(`/products/${id}/withdraw`, { version });
