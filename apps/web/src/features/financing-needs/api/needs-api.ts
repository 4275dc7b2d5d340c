import type { NeedDetail, NeedInput, NeedRow, NeedUpdateInput, Page } from '@zj/shared';
import { api } from '../../../lib/api-client';

export const listNeeds = (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<NeedRow>>('/financing-needs', params, signal);
export const getNeed = (id: string, signal?: AbortSignal) => api.get<NeedDetail>(`/financing-needs/${encodeURIComponent(id)}`, undefined, signal);
export const createNeed = (body: NeedInput) => api.post<NeedDetail>('/financing-needs', body);
export const updateNeed = (id: string, body: NeedUpdateInput) => api.patch<NeedDetail>(`/financing-needs/${encodeURIComponent(id)}`, body);
export const withdrawNeed = (id: string, version: number) => api.post<NeedDetail>(`/financing-needs/${encodeURIComponent(id)}/withdraw`, { version });
export const listBanks = () => api.get<{ id: string; name: string }[]>('/financing-needs/banks');
