import type { EnterpriseDetail, EnterpriseProfileInput, EnterpriseRow, GreenGradeView, GreenIdentificationDecisionInput, GreenIdentificationRow, GreenIdentificationView, Page } from '@zj/shared';
import { api } from '../../../lib/api-client';

export const listEnterprises = (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<EnterpriseRow>>('/enterprises', params, signal);
export const getEnterprise = (id: string, signal?: AbortSignal) => api.get<EnterpriseDetail>(`/enterprises/${encodeURIComponent(id)}`, undefined, signal);
export const saveProfile = (id: string, body: EnterpriseProfileInput) => api.put<EnterpriseDetail>(`/enterprises/${encodeURIComponent(id)}/profile`, body);
export const applyIdentification = (id: string, statement: string) => api.post<GreenIdentificationView>(`/enterprises/${encodeURIComponent(id)}/green-identifications`, { statement });
export const listIdentifications = (status?: string) => api.get<GreenIdentificationRow[]>('/green-identifications', { status });
export const decideIdentification = (id: string, body: GreenIdentificationDecisionInput) =>
  api.post<GreenIdentificationView>(`/green-identifications/${encodeURIComponent(id)}/decision`, body);
export const computeGrade = (id: string) => api.post<GreenGradeView>(`/enterprises/${encodeURIComponent(id)}/grade`);
export const listGrades = (id: string) => api.get<GreenGradeView[]>(`/enterprises/${encodeURIComponent(id)}/grades`);
