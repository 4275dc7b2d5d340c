import type {
  PlanDashboard,
  PlanEvidenceFileView,
  PlanMyReportView,
  PlanMyTaskRow,
  PlanOverview,
  PlanPeriodInput,
  PlanPeriodRow,
  PlanPeriodView,
  PlanReportDetail,
  PlanReportInput,
  PlanTaskView,
  PlanWorkItemView,
} from '@zj/shared';
import { apiRequest } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';

export const listYears = (signal?: AbortSignal) => apiRequest<number[]>('/plan/years', { signal });
export const addWorkItem = (body: { keyWorkId: string; year: number; text: string }) => apiRequest<PlanWorkItemView>('/plan/work-items', { method: 'POST', body });
export const addWorkList = (body: { year: number; items: { keyWorkId: string; text: string }[] }) =>
  apiRequest<{ year: number; items: PlanWorkItemView[] }>('/plan/work-lists', { method: 'POST', body });
export const updateWorkItem = (id: string, body: { version: number; text: string }) => apiRequest<PlanWorkItemView>(`/plan/work-items/${id}`, { method: 'PATCH', body });
export const archiveWorkItem = (id: string, version: number) => apiRequest<{ archived: string }>(`/plan/work-items/${id}`, { method: 'DELETE', body: { version } });

export const getDashboard = (year: number | undefined, signal?: AbortSignal) => apiRequest<PlanDashboard>('/plan/dashboard', { query: { year }, signal });
export const listTasks = (year: number | undefined, signal?: AbortSignal) => apiRequest<PlanTaskView[]>('/plan/tasks', { query: { year }, signal });
export const listPeriods = (signal?: AbortSignal) => apiRequest<{ items: PlanPeriodRow[] }>('/plan/periods', { signal });
export const createPeriod = (body: PlanPeriodInput) => apiRequest<PlanPeriodView>('/plan/periods', { method: 'POST', body });
export const myTasks = (periodId: string, signal?: AbortSignal) => apiRequest<{ period: PlanPeriodView; items: PlanMyTaskRow[] }>(`/plan/periods/${periodId}/mine`, { signal });
export const overview = (periodId: string, signal?: AbortSignal) => apiRequest<PlanOverview>(`/plan/periods/${periodId}/overview`, { signal });
export const myReport = (periodId: string, taskId: string, signal?: AbortSignal) => apiRequest<PlanMyReportView>(`/plan/periods/${periodId}/tasks/${taskId}/report`, { signal });
export const saveReport = (periodId: string, taskId: string, body: PlanReportInput) =>
  apiRequest<PlanReportDetail>(`/plan/periods/${periodId}/tasks/${taskId}/report`, { method: 'PUT', body });
export const getReport = (id: string, signal?: AbortSignal) => apiRequest<PlanReportDetail>(`/plan/reports/${id}`, { signal });
export const submitReport = (id: string, version: number) => apiRequest<PlanReportDetail>(`/plan/reports/${id}/submit`, { method: 'POST', body: { version } });
export const returnReport = (id: string, version: number, comment: string) => apiRequest<PlanReportDetail>(`/plan/reports/${id}/return`, { method: 'POST', body: { version, comment } });
export const acceptReport = (id: string, version: number) => apiRequest<PlanReportDetail>(`/plan/reports/${id}/accept`, { method: 'POST', body: { version } });
export const uploadEvidence = (id: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return apiRequest<PlanEvidenceFileView>(`/plan/reports/${id}/files`, { method: 'POST', body: form });
};

export const exportPlan = (year?: number) => downloadFile('/plan/export.xlsx', '湛江市绿色金融重点任务进展.xlsx', { year });
export const downloadEvidence = (id: string, name: string) => downloadFile(`/plan/report-files/${id}`, name);
