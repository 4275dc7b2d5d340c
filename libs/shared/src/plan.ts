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
