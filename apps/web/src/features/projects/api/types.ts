import type { FinancingInstrument, NeedStatus, ProjectSource, ProjectStage, ProjectStatus, ReviewAction, ReviewStage } from '@zj/shared';

export interface ProjectCategoryRef {
  version: string;
  code: string;
  name?: string;
  primary?: boolean;
}

export interface ProjectSummary {
  id: string;
  name: string;
  enterpriseOrgId: string;
  enterprise: { id: string; name: string | null; creditCode: string | null };
  divisionCode: string;
  divisionName: string | null;
  location: string | null;
  description: string | null;
  stage: ProjectStage;
  status: ProjectStatus;
  source: ProjectSource;
  reviewStage: ReviewStage | null;
  reviewerOrgId: string | null;
  reviewerName: string | null;
  departmentName: string | null;
  submittedByName: string | null;
  submittedByOrgId: string;
  totalInvestment: string;
  constructionStart: string | null;
  constructionEnd: string | null;
  co2AvoidedT: string | null;
  coalSavedTce: string | null;
  waterSavedT: string | null;
  otherBenefits: string | null;
  tags: string[];
  greenBuildingStars: number | null;
  primaryCategoryCode: string;
  categories: ProjectCategoryRef[];
  openNeeds: { count: number; amount: string };
  returnReasons: { field?: string | null; message: string }[] | null;
  listedAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  version: number;
  isDemo: boolean;
}

export interface ReviewEvent {
  id: string;
  action: ReviewAction;
  fromStatus: ProjectStatus | null;
  toStatus: ProjectStatus;
  reviewStage: ReviewStage | null;
  actorName: string | null;
  actorOrgName: string | null;
  comment: string | null;
  reasons: { field?: string | null; message: string }[] | null;
  at: string;
}

export interface ProjectNeedRow {
  id: string;
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  status: NeedStatus;
  sharing: string;
  collateral: string[];
  maxRatePercent: string | null;
  wantedBy: string | null;
}

export interface ProjectDetail extends ProjectSummary {
  needs: ProjectNeedRow[];
  attachments: { id: string; kind: string; fileName: string; sizeBytes: number; createdAt: string }[];
  timeline: ReviewEvent[];
  permissions: { edit: boolean; submit: boolean; withdraw: boolean; review: boolean };
}

export interface ProjectFilters {
  q?: string;
  divisionCode?: string;
  categoryPrefix?: string;
  status?: string;
  stage?: string;
  tag?: string;
  source?: string;
  minAmount?: string;
  maxAmount?: string;
  instrument?: string;
  queue?: string;
  reviewStage?: string;
}

export interface StatRow {
  count: number;
  totalInvestment: string;
  openNeedAmount: string;
}

export interface ProjectStats {
  totals: StatRow;
  byDivision: (StatRow & { divisionCode: string; divisionName: string })[];
  byCategory: (StatRow & { categoryCode: string; categoryName: string })[];
  byStatus: (StatRow & { status: ProjectStatus })[];
}

export interface ProjectInput {
  enterpriseOrgId?: string;
  name: string;
  divisionCode?: string;
  location?: string | null;
  description?: string | null;
  stage: ProjectStage;
  totalInvestment: string;
  constructionStart?: string | null;
  constructionEnd?: string | null;
  co2AvoidedT?: string | null;
  coalSavedTce?: string | null;
  waterSavedT?: string | null;
  otherBenefits?: string | null;
  tags?: string[];
  greenBuildingStars?: number | null;
  categories: { version: string; code: string; primary?: boolean }[];
}
