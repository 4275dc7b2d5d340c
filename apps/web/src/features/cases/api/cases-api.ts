import type { CaseDetail, CaseReferralOptions, CaseState, CaseView, GreenwashingWarningView, MatchmakingStatistics, Page } from '@zj/shared';
import { api, type QueryParams } from '../../../lib/api-client';

export interface TransitionBody {
  to: CaseState;
  version?: number;
  comment?: string;
  reasonCode?: string;
  reasonText?: string;
  approvedAmount?: string;
  ratePercent?: string;
  termMonths?: number;
  amount?: string;
  disbursedOn?: string;
}

export const listCases = (params: QueryParams, signal?: AbortSignal) => api.get<Page<CaseView>>('/cases', params, signal);
export const getCase = (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/cases/${id}`, undefined, signal);
export const applyForProduct = (body: { needId: string; productId: string; comment?: string }) => api.post<CaseDetail>('/cases/apply', body);
export const claimNeed = (body: { needId: string; productId?: string; comment?: string }) => api.post<CaseDetail>('/cases/claim', body);
export const pushNeed = (body: { needId: string; bankOrgIds: string[]; comment?: string }) => api.post<{ created: string[] }>('/cases/push', body);
export const transitionCase = (id: string, body: TransitionBody) => api.post<CaseDetail>(`/cases/${id}/transitions`, body);
export const addTranche = (id: string, body: { amount: string; disbursedOn?: string; note?: string }) => api.post<CaseDetail>(`/cases/${id}/tranches`, body);
export const chooseCase = (id: string) => api.post<CaseDetail>(`/cases/${id}/choose`);
export const reassignCase = (id: string, body: { bankOrgId: string; comment?: string }) => api.post<CaseDetail>(`/cases/${id}/reassign`, body);
export const addFundUseCheck = (id: string, body: { checkedOn: string; result: string; detail?: string }) => api.post<CaseDetail>(`/cases/${id}/fund-use-checks`, body);
export const caseReferrals = (id: string, signal?: AbortSignal) => api.get<CaseReferralOptions>(`/cases/${id}/referrals`, undefined, signal);
export const referCase = (id: string, body: { productId?: string; bankOrgId?: string; comment?: string }) => api.post<CaseDetail>(`/cases/${id}/refer`, body);
export const caseStatistics = (params: QueryParams, signal?: AbortSignal) => api.get<MatchmakingStatistics>('/cases/statistics', params, signal);
export const casePipeline = (signal?: AbortSignal) => api.get<{ byState: { state: CaseState; total: number; overdue: number }[]; overdue: number }>('/cases/pipeline', undefined, signal);
export const listWarnings = (params: QueryParams, signal?: AbortSignal) => api.get<Page<GreenwashingWarningView>>('/cases/greenwashing-warnings', params, signal);
export const resolveWarning = (id: string, note: string) => api.post<GreenwashingWarningView>(`/cases/greenwashing-warnings/${id}/resolve`, { note });
