import type { IndicatorComparison, IndicatorComputation, IndicatorRowsView, IndicatorSource, IndicatorView } from '@zj/shared';
import { apiRequest } from '../../../lib/api-client';

/** A recorded value of an indicator (by the bureau directly, or from a unit's progress report). */
export interface IndicatorValueRecord {
  id: string;
  /** Decimal string, e.g. '32.50'. */
  value: string;
  /** YYYY-MM-DD */
  asOf: string;
  evidence: string | null;
  reportId: string | null;
  organizationName: string | null;
  /** ISO timestamp (UTC). */
  createdAt: string;
}

export type IndicatorDetail = IndicatorView & { values: IndicatorValueRecord[] };

export interface TargetBody {
  comparison: IndicatorComparison;
  /** Decimal string. */
  value: string;
  /** YYYY-MM-DD */
  deadline: string;
  note?: string;
}

export interface CreateIndicatorBody {
  taskId: string;
  code: string;
  name: string;
  unit: string;
  source: IndicatorSource;
  computation?: IndicatorComputation;
  description?: string;
  targets: TargetBody[];
}

export interface UpdateIndicatorBody {
  version: number;
  /** Moves the indicator to another task. */
  taskId?: string;
  name?: string;
  unit?: string;
  description?: string;
  targets?: TargetBody[];
}

export const getIndicator = (id: string, signal?: AbortSignal) => apiRequest<IndicatorDetail>(`/plan/indicators/${id}`, { signal });
/** The rows behind an indicator's figure (the bureau and the regulators). */
export const getIndicatorRows = (id: string, signal?: AbortSignal) => apiRequest<IndicatorRowsView>(`/plan/indicators/${id}/rows`, { signal });
export const createIndicator = (body: CreateIndicatorBody) => apiRequest<IndicatorView>('/plan/indicators', { method: 'POST', body });
export const updateIndicator = (id: string, body: UpdateIndicatorBody) => apiRequest<IndicatorView>(`/plan/indicators/${id}`, { method: 'PATCH', body });
export const recordIndicatorValue = (id: string, body: { value: string; asOf: string; evidence: string }) =>
  apiRequest<{ id: string; value: string; asOf: string; evidence: string }>(`/plan/indicators/${id}/values`, { method: 'POST', body });
export const archiveIndicator = (id: string, version: number) => apiRequest<{ archived: string }>(`/plan/indicators/${id}`, { method: 'DELETE', body: { version } });
