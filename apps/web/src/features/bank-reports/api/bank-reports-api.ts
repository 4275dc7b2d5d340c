import type { GreenLoanRatioPoint } from '@zj/shared';
import { apiRequest } from '../../../lib/api-client';

export interface BankProfile {
  organizationId: string;
  name?: string;
  hasGreenFinanceTeam: boolean;
  greenTeamSince: string | null;
  greenTeamNote: string | null;
  isLocalRuralCommercialBank: boolean;
  disclosesEnvironmentalInfo: boolean;
  disclosureUrl: string | null;
  disclosureYear: number | null;
  version: number;
  declared?: boolean;
}

export interface LoanReport {
  id: string;
  bankOrgId: string;
  bankName?: string | null;
  month: string;
  greenLoanBalance: string;
  totalLoanBalance: string;
  note: string | null;
  version: number;
  updatedAt: string;
}

export interface RatioView {
  series: GreenLoanRatioPoint[];
  latest: GreenLoanRatioPoint | null;
  trend: string | null;
  targets: { value: string; label: string }[];
}

export const myProfile = (signal?: AbortSignal) => apiRequest<BankProfile>('/bank-profiles/me', { signal });
export const putMyProfile = (body: Omit<BankProfile, 'organizationId' | 'version' | 'greenTeamSince' | 'greenTeamNote' | 'disclosureUrl' | 'disclosureYear'> & { version?: number; greenTeamSince?: string; greenTeamNote?: string; disclosureUrl?: string; disclosureYear?: number }) =>
  apiRequest<BankProfile>('/bank-profiles/me', { method: 'PUT', body });
export const listProfiles = (signal?: AbortSignal) => apiRequest<{ items: BankProfile[] }>('/bank-profiles', { signal });
export const myLoanReports = (signal?: AbortSignal) => apiRequest<{ items: LoanReport[] }>('/bank-loan-reports/mine', { signal });
export const putLoanReport = (month: string, body: { greenLoanBalance: string; totalLoanBalance: string; note?: string; version?: number }) =>
  apiRequest<LoanReport>(`/bank-loan-reports/${month}`, { method: 'PUT', body });
export const greenLoanRatio = (signal?: AbortSignal) => apiRequest<RatioView>('/green-loan-ratio', { signal });
export const coverage = (month: string, signal?: AbortSignal) =>
  apiRequest<{ month: string; reported: { id: string; name: string }[]; missing: { id: string; name: string }[] }>('/bank-loan-reports/coverage', { query: { month }, signal });
