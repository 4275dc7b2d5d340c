/**
 * Plan-wide tracking (issue 6): the action plan's tasks and responsible units, indicators and
 * targets, progress reports, matchmaking events and banks' green-loan reports. Enums with their
 * Chinese labels and the response shapes shared by the API and the web app.
 */

/** 牵头 / 配合 / 按职责分工负责. */
export enum UnitRole {
  LEAD = 'lead',
  COOPERATING = 'cooperating',
  JOINT = 'joint',
}
export const UNIT_ROLE_LABELS: Record<UnitRole, string> = {
  [UnitRole.LEAD]: '牵头',
  [UnitRole.COOPERATING]: '配合',
  [UnitRole.JOINT]: '按职责分工负责',
};

/** How far a work item (and, combined, a task) is. */
export enum WorkItemStatus {
  NOT_STARTED = 'NOT_STARTED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  DONE = 'DONE',
}
export const WORK_ITEM_STATUS_LABELS: Record<WorkItemStatus, string> = {
  [WorkItemStatus.NOT_STARTED]: '未启动',
  [WorkItemStatus.ON_TRACK]: '正常推进',
  [WorkItemStatus.AT_RISK]: '存在风险',
  [WorkItemStatus.DONE]: '已完成',
};
/** Dashboard colours (antd tag colours / hex for charts). */
export const WORK_ITEM_STATUS_COLORS: Record<WorkItemStatus, string> = {
  [WorkItemStatus.NOT_STARTED]: '#bfbfbf',
  [WorkItemStatus.ON_TRACK]: '#1677ff',
  [WorkItemStatus.AT_RISK]: '#fa8c16',
  [WorkItemStatus.DONE]: '#52c41a',
};

/**
 * A unit's progress report for one period and task. Cooperating units' reports go to the lead
 * (SUBMITTED → CONSOLIDATED when the lead submits, or RETURNED by the lead); lead and joint units'
 * reports go to the bureau (SUBMITTED → ACCEPTED or RETURNED). A returned report is edited and
 * submitted again.
 */
export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  CONSOLIDATED = 'CONSOLIDATED',
  ACCEPTED = 'ACCEPTED',
}
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  [ReportStatus.DRAFT]: '草稿',
  [ReportStatus.SUBMITTED]: '已报送',
  [ReportStatus.RETURNED]: '已退回',
  [ReportStatus.CONSOLIDATED]: '已汇总',
  [ReportStatus.ACCEPTED]: '已通过',
};

/** To whom a report goes: a cooperating unit reports to the lead; lead and joint units to the bureau. */
export enum ReportAddressee {
  LEAD = 'LEAD',
  BUREAU = 'BUREAU',
}

export enum ReportAction {
  SAVE = 'SAVE',
  SUBMIT = 'SUBMIT',
  RETURN = 'RETURN',
  CONSOLIDATE = 'CONSOLIDATE',
  ACCEPT = 'ACCEPT',
}
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  [ReportAction.SAVE]: '保存',
  [ReportAction.SUBMIT]: '报送',
  [ReportAction.RETURN]: '退回',
  [ReportAction.CONSOLIDATE]: '汇总',
  [ReportAction.ACCEPT]: '通过',
};

export enum ReportingFrequency {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}
export const REPORTING_FREQUENCY_LABELS: Record<ReportingFrequency, string> = {
  [ReportingFrequency.MONTHLY]: '月报',
  [ReportingFrequency.QUARTERLY]: '季报',
};

/** A target's comparison. ABOUT (左右) is met at 95% of the target or more. */
export enum IndicatorComparison {
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
  ABOUT = 'ABOUT',
}
export const INDICATOR_COMPARISON_LABELS: Record<IndicatorComparison, string> = {
  [IndicatorComparison.AT_LEAST]: '≥',
  [IndicatorComparison.AT_MOST]: '≤',
  [IndicatorComparison.ABOUT]: '约',
};

/** Where an indicator's value comes from. */
export enum IndicatorSource {
  /** Computed from facts the platform holds. */
  COMPUTED = 'COMPUTED',
  /** Reported (value, date, evidence) by a responsible unit or the bureau. */
  REPORTED = 'REPORTED',
}
export const INDICATOR_SOURCE_LABELS: Record<IndicatorSource, string> = {
  [IndicatorSource.COMPUTED]: '平台自动计算',
  [IndicatorSource.REPORTED]: '单位报送',
};

/** The computations the platform knows. */
export enum IndicatorComputation {
  /** Σ green / Σ total loan balance of the banks' latest monthly reports, in %. */
  GREEN_LOAN_RATIO = 'GREEN_LOAN_RATIO',
  /** Events held in the calendar year (宣讲 / 推介 / 对接会), by type. */
  EVENTS_HELD = 'EVENTS_HELD',
  /** Projects listed (入库) in the green project library. */
  LIBRARY_PROJECTS = 'LIBRARY_PROJECTS',
  /** Enterprises in the green enterprise library (a listed project or a valid green identification). */
  LIBRARY_ENTERPRISES = 'LIBRARY_ENTERPRISES',
  /** 万元 disbursed through the platform's matchmaking pipeline. */
  FINANCING_DISBURSED = 'FINANCING_DISBURSED',
  /** Banks that declared a green finance team. */
  BANKS_WITH_GREEN_TEAM = 'BANKS_WITH_GREEN_TEAM',
  /** Share (%) of local rural commercial banks that disclose environmental information. */
  RURAL_BANKS_DISCLOSING = 'RURAL_BANKS_DISCLOSING',
}
export const INDICATOR_COMPUTATION_LABELS: Record<IndicatorComputation, string> = {
  [IndicatorComputation.GREEN_LOAN_RATIO]: '各银行月报绿色贷款余额合计 ÷ 各项贷款余额合计',
  [IndicatorComputation.EVENTS_HELD]: '当年已举办的宣讲、推介、对接活动',
  [IndicatorComputation.LIBRARY_PROJECTS]: '绿色项目库已入库项目数',
  [IndicatorComputation.LIBRARY_ENTERPRISES]: '绿色企业库企业数（有入库项目或有效绿色认定）',
  [IndicatorComputation.FINANCING_DISBURSED]: '经平台对接实际放款金额',
  [IndicatorComputation.BANKS_WITH_GREEN_TEAM]: '已组建绿色金融服务团队的银行机构数',
  [IndicatorComputation.RURAL_BANKS_DISCLOSING]: '已披露环境信息的法人农商行占比',
};

/** Where an indicator target stands. */
export enum TargetStatus {
  MET = 'MET',
  PENDING = 'PENDING',
  MISSED = 'MISSED',
  NO_DATA = 'NO_DATA',
}
export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  [TargetStatus.MET]: '已达标',
  [TargetStatus.PENDING]: '推进中',
  [TargetStatus.MISSED]: '未达标',
  [TargetStatus.NO_DATA]: '暂无数据',
};

/** Evidence files of a progress report. */
export const PLAN_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const PLAN_EVIDENCE_MAX_PER_REPORT = 10;
export const PLAN_EVIDENCE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// ---------------------------------------------------------------- response shapes

export interface PlanTaskUnitView {
  organizationId: string;
  /** Current name. */
  name: string;
  /** The name as the seed writes it (the plan's own wording; a former name of a renamed unit). */
  nameInSeed: string | null;
  formerNames: string[];
  unitCode: string | null;
  role: UnitRole;
}

export interface PlanWorkItemView {
  id: string;
  year: number;
  keyWorkId: string;
  text: string;
  position: number;
  version: number;
}

export interface PlanKeyWorkView {
  id: string;
  position: number;
  text: string;
  workItems: PlanWorkItemView[];
}

export interface PlanTaskView {
  id: string;
  number: number;
  action: number;
  actionTitle: string;
  title: string;
  keyWorks: PlanKeyWorkView[];
  /** Texts of the work items of the year asked for (default: every year), in order. */
  workItems: string[];
  units: PlanTaskUnitView[];
  /** Combined from the latest accepted reports. */
  status: WorkItemStatus;
}

/**
 * The value a target is judged on: the one at its deadline (the deadline has passed: met, missed or
 * no data), or the latest (the deadline is ahead: in progress).
 */
export type TargetBasis = 'DEADLINE' | 'LATEST';
export const TARGET_BASIS_LABELS: Record<TargetBasis, string> = {
  DEADLINE: '截止日的数值',
  LATEST: '最新值',
};

export interface IndicatorTargetView {
  id: string;
  comparison: IndicatorComparison;
  value: string;
  deadline: string;
  note: string | null;
  /** The value the target is judged on (see basis): the value at the deadline, or the latest while the deadline is ahead. */
  valueAtDeadline: string | null;
  /** Which value was used. */
  basis: TargetBasis;
  /** The day (YYYY-MM-DD) the value used stands for; null without a value. */
  valueAsOf: string | null;
  status: TargetStatus;
}

export interface IndicatorPoint {
  asOf: string;
  value: string;
}

export interface IndicatorView {
  id: string;
  code: string;
  taskId: string;
  taskNumber: number;
  name: string;
  unit: string;
  source: IndicatorSource;
  computation: IndicatorComputation | null;
  /** The bureau's note on the indicator (scope, source of the figures). */
  description?: string | null;
  current: { value: string | null; asOf: string | null; breakdown?: Record<string, string> | null; evidence?: string | null };
  targets: IndicatorTargetView[];
  series: IndicatorPoint[];
  version: number;
  /** When the bureau deleted it (ISO, UTC); only an indicator read by id can be archived. */
  archivedAt: string | null;
}

/** What the rows behind an indicator's figure are (issue 15: the regulator drills from totals to rows). */
export type IndicatorRowsKind = 'DISBURSED_CASES' | 'LISTED_PROJECTS' | 'HELD_EVENTS' | 'REPORTED_VALUES' | 'NONE';

/** One row behind an indicator's figure. */
export interface IndicatorRowView {
  id: string;
  /** The case's project or need, the project's or event's name; for a reported value, its evidence. */
  label: string;
  bankName?: string | null;
  enterpriseName?: string | null;
  /** The organisation that reported a value, or that organised an event. */
  organizationName?: string | null;
  /** What the row adds to the figure (decimal string in the indicator's unit: 万元 disbursed, 1 per project or event); a reported value. */
  amount: string;
  /** YYYY-MM-DD in Asia/Shanghai: disbursed on (last tranche), listed on, held on, or the value's date. */
  date: string | null;
  /** A reported value: the report it was accepted from (null when the bureau recorded it directly). */
  reportId?: string | null;
}

/** The rows an indicator's figure was computed from, or (reported) the values it was taken from. */
export interface IndicatorRowsView {
  indicatorId: string;
  code: string;
  name: string;
  unit: string;
  source: IndicatorSource;
  computation: IndicatorComputation | null;
  kind: IndicatorRowsKind;
  /** The figure (as the indicator shows it) and the day it stands for. */
  value: string | null;
  asOf: string | null;
  /** Σ rows' amounts for a computed figure (equals value); null for reported values or without rows. */
  total: string | null;
  rows: IndicatorRowView[];
  /** Why there are no rows to show (e.g. a ratio, computed from banks' reports). */
  note?: string;
}

export interface GreenLoanRatioPoint {
  /** YYYY-MM */
  month: string;
  green: string;
  total: string;
  /** %, two decimals */
  ratio: string;
  banks: number;
}

export interface UnitRankingRow {
  organizationId: string;
  name: string;
  due: number;
  onTime: number;
  late: number;
  missing: number;
  /** % of due reports submitted on time, two decimals. */
  onTimeRate: string;
}

// ---------------------------------------------------------------- progress reports (routes under /plan)

/** A reporting period (报送期) as the routes answer it. */
export interface PlanPeriodView {
  id: string;
  name: string;
  frequency: ReportingFrequency;
  /** The year whose work list the reports cover. */
  workYear: number;
  /** YYYY-MM-DD. */
  startsOn: string;
  endsOn: string;
  /** ISO instant. */
  dueAt: string;
  version: number;
}

/** A period of GET /plan/periods, with how many reports are due, submitted, accepted and overdue. */
export interface PlanPeriodRow extends PlanPeriodView {
  reporters: number;
  submitted: number;
  accepted: number;
  overdue: number;
}

/** A new reporting period (POST /plan/periods). */
export interface PlanPeriodInput {
  frequency: ReportingFrequency;
  year: number;
  /** The month (1–12) or quarter (1–4). */
  index: number;
  /** ISO instant. */
  dueAt: string;
  workYear?: number;
  name?: string;
}

/** A work item's progress in a report. */
export interface PlanReportItemView {
  workItemId: string;
  /** The work item's text. */
  workItem: string;
  status: WorkItemStatus;
  narrative: string;
  /** % of the work item done, 0–100. */
  shareDone: number;
}

/** A step of a report's history. */
export interface PlanReportHistoryEntry {
  id: string;
  action: ReportAction;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  actorOrgName: string | null;
  comment: string | null;
  /** The report's content when submitted. */
  snapshot: unknown;
  at: string;
}

/** A cooperating unit's report to its task's lead (its summary and items hidden while a draft). */
export interface PlanContribution {
  organizationId: string;
  organizationName: string;
  report: { id: string; status: ReportStatus; summary: string; version: number; submittedAt: string | null; returnComment: string | null; items: PlanReportItemView[] } | null;
}

/** A responsible unit in one of its roles on a plan task: whose report it is, and to whom it goes. */
export interface PlanTaskUnit {
  taskId: string;
  taskNumber: number;
  taskTitle: string;
  organizationId: string;
  organizationName: string;
  role: UnitRole;
  addressee: ReportAddressee;
}

/** A progress report (GET /plan/reports/:id, and the answer of its writes). */
export interface PlanReportDetail extends PlanTaskUnit {
  id: string;
  periodId: string;
  periodName: string;
  dueAt: string;
  status: ReportStatus;
  summary: string;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  returnComment: string | null;
  /** The lead's report a cooperating unit's report was consolidated into. */
  consolidatedIntoId: string | null;
  overdue: boolean;
  /** Whether first submitted by the due time; null before. */
  onTime: boolean | null;
  version: number;
  items: PlanReportItemView[];
  indicatorValues: { indicatorId: string; name: string; unit: string; value: string; asOf: string; note: string | null }[];
  files: PlanEvidenceFileView[];
  history: PlanReportHistoryEntry[];
  /** A lead's report, to its own unit, the bureau and regulators: the cooperating units' reports. */
  contributions?: PlanContribution[];
}

/** An evidence file (佐证材料) of a report (POST /plan/reports/:id/files answers it). */
export interface PlanEvidenceFileView {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

/** GET /plan/periods/:id/tasks/:taskId/report: the caller's report of a task (null before the first save) and what it covers. */
export interface PlanMyReportView {
  period: PlanPeriodView;
  task: { id: string; number: number; title: string };
  role: UnitRole;
  addressee: ReportAddressee;
  workItems: { id: string; text: string; keyWork: string }[];
  indicators: { id: string; code: string; name: string; unit: string }[];
  report: PlanReportDetail | null;
  contributions: PlanContribution[];
}

/** A report the caller's unit owes in a period (GET /plan/periods/:id/mine, `items`). */
export interface PlanMyTaskRow {
  taskId: string;
  taskNumber: number;
  taskTitle: string;
  role: UnitRole;
  addressee: ReportAddressee;
  reportId: string | null;
  status: ReportStatus | null;
  version: number | null;
  submittedAt: string | null;
  returnComment: string | null;
  overdue: boolean;
  /** For a lead: its cooperating units, and how many reported to it. */
  cooperatingUnits?: number;
  contributionsReceived?: number;
}

/** A unit's report of a task in the bureau's overview of a period (GET /plan/periods/:id/overview, `items`). */
export interface PlanOverviewRow extends PlanTaskUnit {
  reportId: string | null;
  status: ReportStatus | null;
  submittedAt: string | null;
  overdue: boolean;
  onTime: boolean | null;
}

/** GET /plan/periods/:id/overview: every unit's reports, and the units behind (with overdue reports). */
export interface PlanOverview {
  period: PlanPeriodView;
  items: PlanOverviewRow[];
  behind: { organizationId: string; name: string; overdue: number; tasks: number[] }[];
}

/** A work item's progress as a unit reports it. */
export interface PlanReportItemInput {
  workItemId: string;
  status: WorkItemStatus;
  narrative: string;
  /** % done, 0–100. */
  shareDone: number;
}

/** The caller's report of a task (PUT /plan/periods/:id/tasks/:taskId/report). */
export interface PlanReportInput {
  /** The version read, when changing a saved report. */
  version?: number;
  summary: string;
  items: PlanReportItemInput[];
  indicatorValues?: { indicatorId: string; value: string; asOf: string; note?: string }[];
}

/** The bureau's dashboard of the plan (GET /plan/dashboard). */
export interface PlanDashboard {
  year: number;
  actions: { number: number; title: string; tasks: { id: string; number: number; title: string; status: WorkItemStatus }[] }[];
  statusCounts: Record<WorkItemStatus, number>;
  indicators: IndicatorView[];
  greenLoanRatio: { series: IndicatorView['series']; current: IndicatorView['current']; lines: { value: string; label: string }[] } | null;
  ranking: UnitRankingRow[];
  latestPeriod: PlanPeriodRow | null;
}

// ---------------------------------------------------------------- indicators: what the routes answer and accept

/** A recorded value of an indicator (by the bureau directly, or from a unit's accepted progress report). */
export interface IndicatorValueRecord {
  id: string;
  /** Decimal string, e.g. '32.50'. */
  value: string;
  /** YYYY-MM-DD */
  asOf: string;
  evidence: string | null;
  reportId: string | null;
  organizationName: string | null;
  /** ISO timestamp (UTC). */
  createdAt: string;
}

/** GET /plan/indicators/:id: the indicator with its series and every recorded value, newest first. */
export type IndicatorDetail = IndicatorView & { values: IndicatorValueRecord[] };

/** A target of an indicator: compared with the value at the deadline. */
export interface IndicatorTargetInput {
  comparison: IndicatorComparison;
  /** Decimal string. */
  value: string;
  /** YYYY-MM-DD */
  deadline: string;
  note?: string;
}

/** A new indicator (POST /plan/indicators). */
export interface IndicatorInput {
  taskId: string;
  code: string;
  name: string;
  unit: string;
  source: IndicatorSource;
  /** For a computed indicator: what the platform computes. */
  computation?: IndicatorComputation;
  description?: string;
  targets: IndicatorTargetInput[];
}

/** A change of an indicator (PATCH /plan/indicators/:id); `taskId` moves it to another task. */
export interface IndicatorUpdateInput {
  version: number;
  taskId?: string;
  name?: string;
  unit?: string;
  description?: string;
  targets?: IndicatorTargetInput[];
}

/** A value the bureau records (POST /plan/indicators/:id/values), with its evidence. */
export interface IndicatorValueInput {
  value: string;
  asOf: string;
  evidence: string;
}
