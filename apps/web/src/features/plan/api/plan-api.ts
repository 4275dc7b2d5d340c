import type {
  IndicatorView,
  PlanTaskView,
  ReportAddressee,
  ReportingFrequency,
  ReportStatus,
  UnitRankingRow,
  UnitRole,
  WorkItemStatus,
} from '@zj/shared';
import { apiRequest } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';

export interface Period {
  id: string;
  name: string;
  frequency: ReportingFrequency;
  workYear: number;
  startsOn: string;
  endsOn: string;
  dueAt: string;
  version: number;
  reporters?: number;
  submitted?: number;
  accepted?: number;
  overdue?: number;
}

export interface ReportItem {
  workItemId: string;
  workItem?: string;
  status: WorkItemStatus;
  narrative: string;
  shareDone: number;
}

export interface HistoryEntry {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorOrgName: string | null;
  comment: string | null;
  at: string;
}

export interface Contribution {
  organizationId: string;
  organizationName: string;
  report: { id: string; status: ReportStatus; summary: string; version: number; submittedAt: string | null; returnComment: string | null; items: ReportItem[] } | null;
}

export interface ReportDetail {
  id: string;
  periodId: string;
  periodName: string;
  dueAt: string;
  taskId: string;
  taskNumber: number;
  taskTitle: string;
  organizationId: string;
  organizationName: string;
  role: UnitRole;
  addressee: ReportAddressee;
  status: ReportStatus;
  summary: string;
  submittedAt: string | null;
  returnComment: string | null;
  overdue: boolean;
  onTime: boolean | null;
  version: number;
  items: ReportItem[];
  indicatorValues: { indicatorId: string; name: string; unit: string; value: string; asOf: string; note: string | null }[];
  files: { id: string; fileName: string; sizeBytes: number }[];
  history: HistoryEntry[];
  contributions?: Contribution[];
}

export interface MyReportView {
  period: Period;
  task: { id: string; number: number; title: string };
  role: UnitRole;
  addressee: ReportAddressee;
  workItems: { id: string; text: string; keyWork: string }[];
  indicators: { id: string; code: string; name: string; unit: string }[];
  report: ReportDetail | null;
  contributions: Contribution[];
}

export interface MyTaskRow {
  taskId: string;
  taskNumber: number;
  taskTitle: string;
  role: UnitRole;
  addressee: ReportAddressee;
  reportId: string | null;
  status: ReportStatus | null;
  version: number | null;
  returnComment: string | null;
  overdue: boolean;
  cooperatingUnits?: number;
  contributionsReceived?: number;
}

export interface OverviewRow {
  taskId: string;
  taskNumber: number;
  taskTitle: string;
  organizationId: string;
  organizationName: string;
  role: UnitRole;
  addressee: ReportAddressee;
  reportId: string | null;
  status: ReportStatus | null;
  submittedAt: string | null;
  overdue: boolean;
  onTime: boolean | null;
}

export interface Dashboard {
  year: number;
  actions: { number: number; title: string; tasks: { id: string; number: number; title: string; status: WorkItemStatus }[] }[];
  statusCounts: Record<WorkItemStatus, number>;
  indicators: IndicatorView[];
  greenLoanRatio: { series: { asOf: string; value: string }[]; lines: { value: string; label: string }[] } | null;
  ranking: UnitRankingRow[];
  latestPeriod: Period | null;
}

export interface SaveReportBody {
  version?: number;
  summary: string;
  items: ReportItem[];
  indicatorValues?: { indicatorId: string; value: string; asOf: string; note?: string }[];
}

export interface WorkItemRow {
  id: string;
  keyWorkId: string;
  year: number;
  position: number;
  text: string;
  version: number;
}

export const listYears = (signal?: AbortSignal) => apiRequest<number[]>('/plan/years', { signal });
export const addWorkItem = (body: { keyWorkId: string; year: number; text: string }) => apiRequest<WorkItemRow>('/plan/work-items', { method: 'POST', body });
export const addWorkList = (body: { year: number; items: { keyWorkId: string; text: string }[] }) =>
  apiRequest<{ year: number; items: WorkItemRow[] }>('/plan/work-lists', { method: 'POST', body });
export const updateWorkItem = (id: string, body: { version: number; text: string }) => apiRequest<WorkItemRow>(`/plan/work-items/${id}`, { method: 'PATCH', body });
export const archiveWorkItem = (id: string, version: number) => apiRequest<{ archived: string }>(`/plan/work-items/${id}`, { method: 'DELETE', body: { version } });

export const getDashboard = (year: number | undefined, signal?: AbortSignal) => apiRequest<Dashboard>('/plan/dashboard', { query: { year }, signal });
export const listTasks = (year: number | undefined, signal?: AbortSignal) => apiRequest<PlanTaskView[]>('/plan/tasks', { query: { year }, signal });
export const listIndicators = (signal?: AbortSignal) => apiRequest<IndicatorView[]>('/plan/indicators', { signal });
export const listPeriods = (signal?: AbortSignal) => apiRequest<{ items: Period[] }>('/plan/periods', { signal });
export const createPeriod = (body: { frequency: ReportingFrequency; year: number; index: number; dueAt: string; workYear?: number }) =>
  apiRequest<Period>('/plan/periods', { method: 'POST', body });
export const myTasks = (periodId: string, signal?: AbortSignal) => apiRequest<{ period: Period; items: MyTaskRow[] }>(`/plan/periods/${periodId}/mine`, { signal });
export const overview = (periodId: string, signal?: AbortSignal) =>
  apiRequest<{ period: Period; items: OverviewRow[]; behind: { organizationId: string; name: string; overdue: number; tasks: number[] }[] }>(`/plan/periods/${periodId}/overview`, { signal });
export const myReport = (periodId: string, taskId: string, signal?: AbortSignal) => apiRequest<MyReportView>(`/plan/periods/${periodId}/tasks/${taskId}/report`, { signal });
export const saveReport = (periodId: string, taskId: string, body: SaveReportBody) =>
  apiRequest<ReportDetail>(`/plan/periods/${periodId}/tasks/${taskId}/report`, { method: 'PUT', body });
export const getReport = (id: string, signal?: AbortSignal) => apiRequest<ReportDetail>(`/plan/reports/${id}`, { signal });
export const submitReport = (id: string, version: number) => apiRequest<ReportDetail>(`/plan/reports/${id}/submit`, { method: 'POST', body: { version } });
export const returnReport = (id: string, version: number, comment: string) => apiRequest<ReportDetail>(`/plan/reports/${id}/return`, { method: 'POST', body: { version, comment } });
export const acceptReport = (id: string, version: number) => apiRequest<ReportDetail>(`/plan/reports/${id}/accept`, { method: 'POST', body: { version } });
export const uploadEvidence = (id: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return apiRequest<{ id: string; fileName: string }>(`/plan/reports/${id}/files`, { method: 'POST', body: form });
};

export const exportPlan = (year?: number) => downloadFile('/plan/export.xlsx', '湛江市绿色金融重点任务进展.xlsx', { year });
export const downloadEvidence = (id: string, name: string) => downloadFile(`/plan/report-files/${id}`, name);
