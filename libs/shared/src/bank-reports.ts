/**
 * Banks' profile facts and monthly green-loan reports, and the city's green loan ratio (Σ green ÷
 * Σ total): what the bank-report routes answer and accept.
 */
import type { GreenLoanRatioPoint } from './plan';
import type { InstitutionKind } from './roles';

/** What an institution states about itself: a green finance team, a local rural commercial bank, environmental disclosure. */
export interface BankProfileFacts {
  hasGreenFinanceTeam: boolean;
  /** YYYY-MM-DD */
  greenTeamSince: string | null;
  greenTeamNote: string | null;
  isLocalRuralCommercialBank: boolean;
  disclosesEnvironmentalInfo: boolean;
  disclosureUrl: string | null;
  disclosureYear: number | null;
}

/**
 * A financial institution's own profile facts (GET and PUT /bank-profiles/me). Before its first save
 * the defaults are answered, with version 0 and without the record's own fields.
 */
export interface BankProfileView extends BankProfileFacts {
  organizationId: string;
  version: number;
  updatedByUserId?: string | null;
  isDemo?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

/** An institution with its profile facts, as the bureau and regulators list them (GET /bank-profiles, `items`). */
export interface BankProfileRow extends BankProfileFacts {
  organizationId: string;
  name: string;
  institutionKind: InstitutionKind | null;
  isDemo: boolean;
  /** Null before the institution first saves its profile. */
  updatedAt: string | null;
  /** Whether the institution saved its profile. */
  declared: boolean;
}

/** The profile facts an institution states (PUT /bank-profiles/me). */
export interface BankProfileInput {
  /** The version read (absent on the first save). */
  version?: number;
  hasGreenFinanceTeam: boolean;
  /** Required with a team. */
  greenTeamSince?: string;
  greenTeamNote?: string;
  isLocalRuralCommercialBank: boolean;
  disclosesEnvironmentalInfo: boolean;
  disclosureUrl?: string;
  /** Required when disclosing. */
  disclosureYear?: number;
}

/** A bank's monthly report of its loan balances (万元, decimal strings). */
export interface BankLoanReportView {
  id: string;
  bankOrgId: string;
  /** YYYY-MM */
  month: string;
  greenLoanBalance: string;
  totalLoanBalance: string;
  note: string | null;
  submittedByUserId: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** In the bureau's list (GET /bank-loan-reports). */
  bankName?: string | null;
}

/** A month's report (PUT /bank-loan-reports/:month); a correction sends the version read. */
export interface BankLoanReportInput {
  version?: number;
  greenLoanBalance: string;
  totalLoanBalance: string;
  note?: string;
}

/** GET /green-loan-ratio: the city's ratio by month, the latest, its change and the plan's target lines. */
export interface GreenLoanRatioView {
  series: GreenLoanRatioPoint[];
  latest: GreenLoanRatioPoint | null;
  /** Percentage points against the month before. */
  trend: string | null;
  targets: { value: string; label: string }[];
}

/** GET /bank-loan-reports/coverage: which banks reported a month, and which not yet. */
export interface BankReportCoverage {
  month: string;
  reported: { id: string; name: string }[];
  missing: { id: string; name: string }[];
}
