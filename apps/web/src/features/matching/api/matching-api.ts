import type { EnterpriseNeedMatches, NeedMatch, NeedMatches } from '@zj/shared';
import { api } from '../../../lib/api-client';

/** GET /matches as a bank: recommended needs. */
export const bankMatches = (limit: number, signal?: AbortSignal) => api.get<NeedMatch[]>('/matches', { limit }, signal);
/** GET /matches as an enterprise: each open need with its best products. */
export const enterpriseMatches = (signal?: AbortSignal) => api.get<EnterpriseNeedMatches[]>('/matches', { limit: 5 }, signal);
/** GET /products/:id/matches. */
export const productMatches = (id: string, signal?: AbortSignal) => api.get<NeedMatch[]>(`/products/${id}/matches`, { limit: 50 }, signal);
/** GET /financing-needs/:id/matches. */
export const needMatches = (id: string, signal?: AbortSignal) => api.get<NeedMatches>(`/financing-needs/${id}/matches`, { limit: 20 }, signal);
