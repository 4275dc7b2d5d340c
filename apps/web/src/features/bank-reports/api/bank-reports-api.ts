import type { BankLoanReportInput, BankLoanReportView, BankProfileInput, BankProfileRow, BankProfileView, BankReportCoverage, GreenLoanRatioView } from '@zj/shared';
import { apiRequest } from '../../../lib/api-client';

export const myProfile = (signal?: AbortSignal) => apiRequest<BankProfileView>('/bank-profiles/me', { signal });
export const putMyProfile = (body: BankProfileInput) => apiRequest<BankProfileView>('/bank-profiles/me', { method: 'PUT', body });
export const listProfiles = (signal?: AbortSignal) => apiRequest<{ items: BankProfileRow[] }>('/bank-profiles', { signal });
export const myLoanReports = (signal?: AbortSignal) => apiRequest<{ items: BankLoanReportView[] }>('/bank-loan-reports/mine', { signal });
export const putLoanReport = (month: string, body: BankLoanReportInput) => apiRequest<BankLoanReportView>(`/bank-loan-reports/${month}`, { method: 'PUT', body });
export const greenLoanRatio = (signal?: AbortSignal) => apiRequest<GreenLoanRatioView>('/green-loan-ratio', { signal });
export const coverage = (month: string, signal?: AbortSignal) => apiRequest<BankReportCoverage>('/bank-loan-reports/coverage', { query: { month }, signal });
