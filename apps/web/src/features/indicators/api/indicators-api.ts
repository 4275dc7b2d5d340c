import type { IndicatorDetail, IndicatorInput, IndicatorRowsView, IndicatorUpdateInput, IndicatorValueInput, IndicatorView } from '@zj/shared';
import { apiRequest } from '../../../lib/api-client';

export const getIndicator = (id: string, signal?: AbortSignal) => apiRequest<IndicatorDetail>(`/plan/indicators/${id}`, { signal });
/** The rows behind an indicator's figure (the bureau and the regulators). */
export const getIndicatorRows = (id: string, signal?: AbortSignal) => apiRequest<IndicatorRowsView>(`/plan/indicators/${id}/rows`, { signal });
export const createIndicator = (body: IndicatorInput) => apiRequest<IndicatorView>('/plan/indicators', { method: 'POST', body });
export const updateIndicator = (id: string, body: IndicatorUpdateInput) => apiRequest<IndicatorView>(`/plan/indicators/${id}`, { method: 'PATCH', body });
export const recordIndicatorValue = (id: string, body: IndicatorValueInput) =>
  apiRequest<{ id: string; value: string; asOf: string; evidence: string }>(`/plan/indicators/${id}/values`, { method: 'POST', body });
export const archiveIndicator = (id: string, version: number) => apiRequest<{ archived: string }>(`/plan/indicators/${id}`, { method: 'DELETE', body: { version } });
export const listIndicators = (signal?: AbortSignal) => apiRequest<IndicatorView[]>('/plan/indicators', { signal });
