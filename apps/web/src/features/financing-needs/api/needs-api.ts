import type { CollateralKind, FinancingInstrument, NeedSharing, NeedStatus, Page } from '@zj/shared';
import { api } from '../../../lib/api-client';

export interface NeedRow {
  id: string;
  enterpriseOrgId: string;
  enterpriseName: string;
  projectId: string | null;
  projectName: string | null;
  divisionCode: string;
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  collateral: CollateralKind[];
  maxRatePercent: string | null;
  wantedBy: string | null;
  sharing: NeedSharing;
  status: NeedStatus;
  version: number;
  createdAt: string;
}

export interface NeedDetail extends NeedRow {
  sharedWithBanks: { id: string; name: string }[];
  contact: { contactName: string | null; contactPhone: string | null; contactEmail: string | null };
  contactRevealed: boolean;
}

export interface NeedInput {
  projectId?: string;
  enterpriseOrgId?: string;
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  collateral: CollateralKind[];
  collateralNote?: string | null;
  maxRatePercent?: string | null;
  wantedBy?: string | null;
  sharing: NeedSharing;
  bankOrgIds?: string[];
}

export const listNeeds = (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<NeedRow>>('/financing-needs', params, signal);
export const getNeed = (id: string, signal?: AbortSignal) => api.get<NeedDetail>(`/financing-needs/${encodeURIComponent(id)}`, undefined, signal);
export const createNeed = (body: NeedInput) => api.post<NeedDetail>('/financing-needs', body);
export const updateNeed = (id: string, body: Partial<NeedInput> & { version: number }) => api.patch<NeedDetail>(`/financing-needs/${encodeURIComponent(id)}`, body);
export const withdrawNeed = (id: string, version: number) => api.post<NeedDetail>(`/financing-needs/${encodeURIComponent(id)}/withdraw`, { version });
export const listBanks = () => api.get<{ id: string; name: string }[]>('/financing-needs/banks');
