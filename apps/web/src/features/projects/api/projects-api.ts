import type { Page, ProjectAttachmentView, ProjectBulkReviewAnswer, ProjectBulkReviewInput, ProjectDetail, ProjectInput, ProjectListFilters, ProjectReviewEventView, ProjectReviewInput, ProjectStats, ProjectSummary, ProjectUpdateInput, ReviewRoutesView } from '@zj/shared';
import { api } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';

type Paged = ProjectListFilters & { page: number; pageSize: number; sort?: string };

export const listProjects = (params: Paged, signal?: AbortSignal) => api.get<Page<ProjectSummary>>('/projects', { ...params }, signal);
export const projectStats = (params: ProjectListFilters, signal?: AbortSignal) => api.get<ProjectStats>('/projects/stats', { ...params }, signal);
export const getProject = (id: string, signal?: AbortSignal) => api.get<ProjectDetail>(`/projects/${encodeURIComponent(id)}`, undefined, signal);
export const createProject = (body: ProjectInput) => api.post<ProjectDetail>('/projects', body);
export const updateProject = (id: string, body: ProjectUpdateInput) => api.patch<ProjectDetail>(`/projects/${encodeURIComponent(id)}`, body);
export const submitProject = (id: string, version: number) => api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/submit`, { version });
export const withdrawProject = (id: string, version: number) => api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/withdraw`, { version });
export const archiveProject = (id: string, version: number) => api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/archive`, { version });
export const reviewProject = (id: string, body: ProjectReviewInput) =>
  api.post<ProjectDetail>(`/projects/${encodeURIComponent(id)}/review`, body);
export const bulkReview = (body: ProjectBulkReviewInput) => api.post<ProjectBulkReviewAnswer>('/projects/review/bulk', body);
export const projectTimeline = (id: string) => api.get<ProjectReviewEventView[]>(`/projects/${encodeURIComponent(id)}/timeline`);
export const uploadAttachment = (id: string, kind: string, file: File) => {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  return api.upload<ProjectAttachmentView>(`/projects/${encodeURIComponent(id)}/attachments`, form);
};
export const downloadAttachment = (id: string, name: string) => downloadFile(`/projects/attachments/${encodeURIComponent(id)}`, name);
export const exportProjects = (filters: ProjectListFilters) => downloadFile('/library/export/projects', '绿色项目库导出.xlsx', { ...filters });

export const listRoutes = () => api.get<ReviewRoutesView>('/review-routes', { version: 'GIC-2019' });
export const putRoutes = (routes: { prefix: string; departmentOrgId: string }[]) => api.put<ReviewRoutesView>('/review-routes', { version: 'GIC-2019', routes });
