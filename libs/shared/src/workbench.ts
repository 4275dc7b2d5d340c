/**
 * The home page (工作台) as a work queue (issue 15): what waits for the signed-in user, per role,
 * in sections of items. Each item names the work (a stable `kind`, a Chinese title), how much of it
 * there is, its deadline where one runs, and the web path where it is done. Counts come from the API.
 */
import type { Role } from './roles';

/** What an item is about; stable (tests and the web app key on it). */
export enum WorkbenchItemKind {
  // enterprise
  ENTERPRISE_PROJECT_RETURNED = 'enterprise.project-returned',
  ENTERPRISE_CASE_APPROVED = 'enterprise.case-approved',
  ENTERPRISE_CASE_DECLINED = 'enterprise.case-declined',
  ENTERPRISE_CASE_ACCEPTED = 'enterprise.case-accepted',
  ENTERPRISE_EVENT_INVITED = 'enterprise.event-invited',
  ENTERPRISE_EVENT_REGISTERED = 'enterprise.event-registered',
  ENTERPRISE_GRADE = 'enterprise.grade',
  // bank
  BANK_CASE_ANSWER = 'bank.case-answer',
  BANK_CASE_CONTACT = 'bank.case-contact',
  BANK_EVENT_INTENT = 'bank.event-intent',
  BANK_CASES_TO_MOVE = 'bank.cases-to-move',
  BANK_FUND_USE_CHECK = 'bank.fund-use-check',
  BANK_PRODUCT_EXPIRING = 'bank.product-expiring',
  BANK_GREEN_LOAN_REPORT = 'bank.green-loan-report',
  BANK_EVENT_INVITED = 'bank.event-invited',
  BANK_EVENT_REGISTERED = 'bank.event-registered',
  // county, department (and the bureau's own review turn)
  REVIEW_PROJECT = 'review.project',
  // plan reporters (county, department, regulator)
  PLAN_REPORT_DUE = 'plan.report-due',
  // bureau
  BUREAU_NEW_NEEDS = 'bureau.new-needs',
  BUREAU_CLAIMED = 'bureau.claimed',
  BUREAU_DISBURSED = 'bureau.disbursed',
  BUREAU_OVERDUE_ANSWERS = 'bureau.overdue-answers',
  BUREAU_GREENWASHING = 'bureau.greenwashing',
  BUREAU_REPORTS_TO_ACCEPT = 'bureau.reports-to-accept',
  BUREAU_EVENT_LIVE = 'bureau.event-live',
  BUREAU_DEAD_LETTERS = 'bureau.dead-letters',
  // regulator
  REGULATOR_GREEN_LOAN_RATIO = 'regulator.green-loan-ratio',
  REGULATOR_DISBURSED = 'regulator.disbursed',
  REGULATOR_GREENWASHING = 'regulator.greenwashing',
  REGULATOR_TASKS = 'regulator.tasks',
}

/** How urgent an item is: danger (overdue, or a warning), warning (due soon), info. */
export type WorkbenchSeverity = 'danger' | 'warning' | 'info';

export interface WorkbenchItem {
  kind: WorkbenchItemKind;
  /** Unique within the workbench (kind, and the record's id when an item is one record). */
  key: string;
  /** What to do, in Chinese ("答复融资需求：某企业 · 800万元"). */
  title: string;
  /** One more line: whose, how much, why. */
  detail?: string | null;
  /** How many (1 for an item that is one record). */
  count: number;
  /** A figure shown instead of the count (a ratio, an amount), with its unit. */
  value?: string | null;
  unit?: string | null;
  /** The deadline (YYYY-MM-DD, Zhanjiang) where one runs. */
  deadline?: string | null;
  /** Working days (or, where stated, calendar days) left until the deadline; negative when past. */
  daysLeft?: number | null;
  /** Whether `daysLeft` counts working days (case deadlines) or calendar days. */
  workingDays?: boolean;
  overdue?: boolean;
  severity: WorkbenchSeverity;
  /** The web path where the work is done. */
  path: string;
}

export interface WorkbenchSection {
  key: string;
  title: string;
  /** 'figures': the section shows numbers (the bureau's day, the regulator's tasks); 'tasks': a to-do list. */
  layout: 'tasks' | 'figures';
  items: WorkbenchItem[];
}

/** GET /workbench: the signed-in user's queue. */
export interface Workbench {
  role: Role;
  /** Today in Zhanjiang (YYYY-MM-DD). */
  today: string;
  generatedAt: string;
  sections: WorkbenchSection[];
  /** How many to-do items in all (figures not counted). */
  total: number;
}

/**
 * Rules of the queue that are not deadlines elsewhere in the platform.
 * A project waits for review at most REVIEW_WORKING_DAYS working days after it reached the reviewer
 * (counted from its submission) before it is shown as overdue.
 */
export const REVIEW_WORKING_DAYS = 5;
/** Disbursed money is checked every FUND_USE_CHECK_INTERVAL_DAYS (quarterly) after the first tranche or the last check. */
export const FUND_USE_CHECK_INTERVAL_DAYS = 90;
/** A check, a product's expiry, an event is shown this many days ahead. */
export const WORKBENCH_LOOKAHEAD_DAYS = 14;
/** Items that are one record each are listed up to this many per kind; the rest are one "more" item. */
export const WORKBENCH_ITEMS_PER_KIND = 10;
