import type { Certification, EnterpriseSize, EnvCreditRating, GradeBreakdownLine, GreenIdentificationStatus, Page } from '@zj/shared';
import { api } from '../../../lib/api-client';

export interface EnterpriseRow {
  id: string;
  name: string;
  creditCode: string;
  divisionCode: string;
  industrySection: string | null;
  industryName: string | null;
  size: EnterpriseSize | null;
  registeredCapital: string | null;
  envCreditRating: EnvCreditRating | null;
  grade: string | null;
  gradeLabel: string | null;
  score: string | null;
  listedProjects: number;
  identified: boolean;
  isDemo: boolean;
}

export interface EnterpriseProfile {
  organizationId: string;
  industrySection: string | null;
  industryDivision: string | null;
  industryName: string | null;
  size: EnterpriseSize | null;
  registeredCapital: string | null;
  legalRepresentative: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  envCreditRating: EnvCreditRating | null;
  envCreditRatingYear: number | null;
  certifications: Certification[];
  carbonEmissionsT: string | null;
  carbonIntensity: string | null;
  carbonIntensityUnit: string | null;
  carbonYear: number | null;
  envDisclosure: boolean;
  envDisclosureUrl: string | null;
  version: number;
}

export interface Grade {
  id: string;
  grade: string;
  gradeLabel: string;
  score: string;
  scorecardVersion: number;
  breakdown: GradeBreakdownLine[];
  computedAt: string;
  isCurrent: boolean;
}

export interface Identification {
  id: string;
  status: GreenIdentificationStatus;
  statement: string;
  validFrom: string | null;
  validUntil: string | null;
  decisionNote: string | null;
  createdAt: string;
  version: number;
  enterpriseName?: string;
}

export interface EnterpriseDetail {
  organization: { id: string; name: string; creditCode: string; divisionCode: string; isDemo: boolean };
  profile: EnterpriseProfile | null;
  contactRevealed: boolean;
  identifications: Identification[];
  identified: boolean;
  grade: Grade | null;
  projectCounts: { status: string; count: number }[];
}

export const listEnterprises = (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<EnterpriseRow>>('/enterprises', params, signal);
export const getEnterprise = (id: string, signal?: AbortSignal) => api.get<EnterpriseDetail>(`/enterprises/${encodeURIComponent(id)}`, undefined, signal);
export const saveProfile = (id: string, body: Partial<EnterpriseProfile>) => api.put<EnterpriseDetail>(`/enterprises/${encodeURIComponent(id)}/profile`, body);
export const applyIdentification = (id: string, statement: string) => api.post<Identification>(`/enterprises/${encodeURIComponent(id)}/green-identifications`, { statement });
export const listIdentifications = (status?: string) => api.get<Identification[]>('/green-identifications', { status });
export const decideIdentification = (id: string, body: { decision: 'APPROVE' | 'REJECT' | 'REVOKE'; validFrom?: string; validUntil?: string; note?: string }) =>
  api.post<Identification>(`/green-identifications/${encodeURIComponent(id)}/decision`, body);
export const computeGrade = (id: string) => api.post<Grade>(`/enterprises/${encodeURIComponent(id)}/grade`);
export const listGrades = (id: string) => api.get<Grade[]>(`/enterprises/${encodeURIComponent(id)}/grades`);
