import type {
  CaseApplyInput,
  CaseClaimInput,
  CaseDetail,
  CasePipelineView,
  CasePushAnswer,
  CasePushInput,
  CaseReassignInput,
  CaseReferInput,
  CaseReferralOptions,
  CaseTrancheInput,
  CaseTransitionInput,
  CaseView,
  FundUseCheckInput,
  GreenwashingWarningView,
  MatchmakingStatistics,
  Page,
} from '@zj/shared';
import { api, type QueryParams } from '../../../lib/api-client';

export const listCases = (params: QueryParams, signal?: AbortSignal) => api.get<Page<CaseView>>('/cases', params, signal);
export const getCase = (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/cases/${id}`, undefined, signal);
export const applyForProduct = (body: CaseApplyInput) => api.post<CaseDetail>('/cases/apply', body);
export const claimNeed = (body: CaseClaimInput) => api.post<CaseDetail>('/cases/claim', body);
export const pushNeed = (body: CasePushInput) => api.post<CasePushAnswer>('/cases/push', body);
export const transitionCase = (id: string, body: CaseTransitionInput) => api.post<CaseDetail>(`/cases/${id}/transitions`, body);
export const addTranche = (id: string, body: CaseTrancheInput) => api.post<CaseDetail>(`/cases/${id}/tranches`, body);
export const chooseCase = (id: string) => api.post<CaseDetail>(`/cases/${id}/choose`);
export const reassignCase = (id: string, body: CaseReassignInput) => api.post<CaseDetail>(`/cases/${id}/reassign`, body);
export const addFundUseCheck = (id: string, body: FundUseCheckInput) => api.post<CaseDetail>(`/cases/${id}/fund-use-checks`, body);
export const caseReferrals = (id: string, signal?: AbortSignal) => api.get<CaseReferralOptions>(`/cases/${id}/referrals`, undefined, signal);
export const referCase = (id: string, body: CaseReferInput) => api.post<CaseDetail>(`/cases/${id}/refer`, body);
export const caseStatistics = (params: QueryParams, signal?: AbortSignal) => api.get<MatchmakingStatistics>('/cases/statistics', params, signal);
export const casePipeline = (signal?: AbortSignal) => api.get<CasePipelineView>('/cases/pipeline', undefined, signal);
export const listWarnings = (params: QueryParams, signal?: AbortSignal) => api.get<Page<GreenwashingWarningView>>('/cases/greenwashing-warnings', params, signal);
export const resolveWarning = (id: string, note: string) => api.post<GreenwashingWarningView>(`/cases/greenwashing-warnings/${id}/resolve`, { note });
