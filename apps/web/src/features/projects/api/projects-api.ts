import type { Page, ReviewAction } from '@zj/shared';
import { api } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';
import type { ProjectDetail, ProjectFilters, ProjectInput, ProjectStats, ProjectSummary, ReviewEvent } from './types';

type Paged = ProjectFilters & { page: number; pageSize: number; sort?: string };

export const listProjects = (params: Paged, signal?: AbortSignal) => api.get<Page<ProjectSummary>>('/projects', { ...params }, signal);
export const projectStats = (params: ProjectFilters, signal?: AbortSignal) => api.get<ProjectStats>('/projects/stats', { ...params }, signal);
export const getProject = (id: string, signal?: AbortSignal) => api.get<ProjectDetail>(`/projects/${encodeURIComponent(id)}`, undefined, signal);
export const createProject = (body: ProjectInput) => api.post<ProjectDetail>('/projects', body);
export const updateProject = (id: string, body: Partial<ProjectInput> & { version: number }) => api.patch<ProjectDetail>(`/projects/${encodeURIComponent(id)}`, body);
export const submitProject = (id: string, version: number) => api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/submit`, { version });
export const withdrawProject = (id: string, version: number) => api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/withdraw`, { version });
export const archiveProject = (id: string, version: number) => api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/archive`, { version });
export const reviewProject = (id: string, body: { action: ReviewAction; version?: number; comment?: string; reasons?: { field?: string; message: string }[] }) =>
  api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/review`, body);
export const bulkReview = (body: { action: ReviewAction; items: { id: string; version?: number }[]; comment?: string }) =>
  api.post<{ succeeded: number; failed: number; results: { id: string; ok: boolean; message?: string }[] }>('/projects/review/bulk', body);
export const projectTimeline = (id: string) => api.get<ReviewEvent[]>(`/projects/${encodeURIComponent(id)}/timeline`);
export const uploadAttachment = (id: string, kind: string, file: File) => {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  return api.upload<{ id: string }>(`/projects/${encodeURIComponent(id)}/attachments`, form);
};
export const downloadAttachment = (id: string, name: string) => downloadFile(`/projects/attachments/${encodeURIComponent(id)}`, name);
export const exportProjects = (filters: ProjectFilters) => downloadFile('/library/export/projects', '绿色项目库导出.xlsx', { ...filters });

export interface ReviewRoutesAnswer {
  version: string;
  routes: { prefix: string; departmentOrgId: string; departmentName: string; categoryName: string | null }[];
  fallback: { departmentOrgId: string; departmentName: string } | null;
}
export const listRoutes = () => api.get<ReviewRoutesAnswer>('/review-routes', { version: 'GIC-2019' });
export const putRoutes = (routes: { prefix: string; departmentOrgId: string }[]) => api.put<ReviewRoutesAnswer>('/review-routes', { version: 'GIC-2019', routes });
