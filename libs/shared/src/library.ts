import type { FormerName } from './foundation-types';

/**
 * The green enterprise and project library (绿色企业库、绿色项目库) and financing needs (融资需求):
 * enums, their Chinese labels, and limits shared by the API and the web app. See docs/LIBRARY.md.
 */

/** 企业规模 (大/中/小/微). */
export enum EnterpriseSize {
  LARGE = 'LARGE',
  MEDIUM = 'MEDIUM',
  SMALL = 'SMALL',
  MICRO = 'MICRO',
}
export const ENTERPRISE_SIZE_LABELS: Record<EnterpriseSize, string> = {
  [EnterpriseSize.LARGE]: '大型',
  [EnterpriseSize.MEDIUM]: '中型',
  [EnterpriseSize.SMALL]: '小型',
  [EnterpriseSize.MICRO]: '微型',
};

/** 企业环境信用评价 (Guangdong's four levels, shown as coloured cards). */
export enum EnvCreditRating {
  GREEN = 'GREEN',
  BLUE = 'BLUE',
  YELLOW = 'YELLOW',
  RED = 'RED',
}
export const ENV_CREDIT_RATING_LABELS: Record<EnvCreditRating, string> = {
  [EnvCreditRating.GREEN]: '环保诚信（绿牌）',
  [EnvCreditRating.BLUE]: '环保良好（蓝牌）',
  [EnvCreditRating.YELLOW]: '环保警示（黄牌）',
  [EnvCreditRating.RED]: '环保严重失信（红牌）',
};

/** Certifications an enterprise holds. */
export enum CertificationKind {
  ISO14001 = 'ISO14001',
  ISO50001 = 'ISO50001',
  GREEN_FACTORY = 'GREEN_FACTORY',
  GREEN_SUPPLY_CHAIN = 'GREEN_SUPPLY_CHAIN',
  CLEAN_PRODUCTION = 'CLEAN_PRODUCTION',
  GREEN_PRODUCT = 'GREEN_PRODUCT',
  OTHER = 'OTHER',
}
export const CERTIFICATION_KIND_LABELS: Record<CertificationKind, string> = {
  [CertificationKind.ISO14001]: 'ISO 14001 环境管理体系',
  [CertificationKind.ISO50001]: 'ISO 50001 能源管理体系',
  [CertificationKind.GREEN_FACTORY]: '绿色工厂',
  [CertificationKind.GREEN_SUPPLY_CHAIN]: '绿色供应链管理企业',
  [CertificationKind.CLEAN_PRODUCTION]: '清洁生产审核',
  [CertificationKind.GREEN_PRODUCT]: '绿色产品认证',
  [CertificationKind.OTHER]: '其他',
};

export interface Certification {
  kind: CertificationKind;
  /** Free text for OTHER, or the certificate's title. */
  name?: string | null;
  number?: string | null;
  /** ISO date. */
  validUntil?: string | null;
}

/** 绿色企业认定: an enterprise applies, a reviewer decides with a validity period. */
export enum GreenIdentificationStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}
export const GREEN_IDENTIFICATION_STATUS_LABELS: Record<GreenIdentificationStatus, string> = {
  [GreenIdentificationStatus.PENDING]: '待审核',
  [GreenIdentificationStatus.APPROVED]: '已认定',
  [GreenIdentificationStatus.REJECTED]: '未通过',
  [GreenIdentificationStatus.REVOKED]: '已撤销',
};

export enum ScorecardStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
export const SCORECARD_STATUS_LABELS: Record<ScorecardStatus, string> = {
  [ScorecardStatus.DRAFT]: '草稿',
  [ScorecardStatus.ACTIVE]: '启用中',
  [ScorecardStatus.RETIRED]: '已停用',
};

/** What a scorecard indicator measures; each kind turns enterprise data into 0–100 points. */
export enum ScorecardIndicatorKind {
  /** 100 while a green identification (绿色企业认定) is valid. */
  GREEN_IDENTIFICATION = 'GREEN_IDENTIFICATION',
  /** Points per environmental credit rating (`points` map). */
  ENV_CREDIT_RATING = 'ENV_CREDIT_RATING',
  /** Points per certification kind held and valid (`points` map), capped at 100. */
  CERTIFICATIONS = 'CERTIFICATIONS',
  /** 100 when environmental information is disclosed. */
  DISCLOSURE = 'DISCLOSURE',
  /** Carbon account reported for a recent year (`maxAgeYears`), else 0. */
  CARBON_ACCOUNT = 'CARBON_ACCOUNT',
  /** Carbon intensity bands: the first band with intensity <= `max` gives its points. */
  CARBON_INTENSITY = 'CARBON_INTENSITY',
  /** Listed (入库) green projects: the first band with count >= `min` gives its points. */
  LISTED_PROJECTS = 'LISTED_PROJECTS',
}
export const SCORECARD_INDICATOR_KIND_LABELS: Record<ScorecardIndicatorKind, string> = {
  [ScorecardIndicatorKind.GREEN_IDENTIFICATION]: '绿色企业认定',
  [ScorecardIndicatorKind.ENV_CREDIT_RATING]: '环境信用评价',
  [ScorecardIndicatorKind.CERTIFICATIONS]: '绿色认证',
  [ScorecardIndicatorKind.DISCLOSURE]: '环境信息披露',
  [ScorecardIndicatorKind.CARBON_ACCOUNT]: '碳账户',
  [ScorecardIndicatorKind.CARBON_INTENSITY]: '碳排放强度',
  [ScorecardIndicatorKind.LISTED_PROJECTS]: '入库绿色项目',
};

export interface ScorecardIndicator {
  key: string;
  label: string;
  kind: ScorecardIndicatorKind;
  /** Weight in percent; the weights of a scorecard add up to 100. */
  weight: number;
  /** ENV_CREDIT_RATING: rating → points; CERTIFICATIONS: kind → points. */
  points?: Record<string, number>;
  /** CARBON_INTENSITY: [{ max, points }] ascending; LISTED_PROJECTS: [{ min, points }] descending. */
  bands?: { max?: number; min?: number; points: number }[];
  /** CARBON_ACCOUNT: how old the reported year may be. */
  maxAgeYears?: number;
}

/** Grade bands, best first: the first band whose minScore the score reaches. */
export interface ScorecardBand {
  grade: string;
  label: string;
  minScore: number;
}

/** One line of a grade's explanation: what was found, and the points it earned. */
export interface GradeBreakdownLine {
  key: string;
  label: string;
  weight: number;
  /** 0–100 before weighting. */
  points: number;
  /** points × weight / 100, 2 decimals. */
  weighted: number;
  explanation: string;
}

/** 项目阶段. */
export enum ProjectStage {
  PLANNED = 'PLANNED',
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  OPERATING = 'OPERATING',
}
export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = {
  [ProjectStage.PLANNED]: '拟建',
  [ProjectStage.UNDER_CONSTRUCTION]: '在建',
  [ProjectStage.OPERATING]: '已投运',
};

/** A project's place in the review workflow. */
export enum ProjectStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  LISTED = 'LISTED',
  RETURNED = 'RETURNED',
  ARCHIVED = 'ARCHIVED',
}
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  [ProjectStatus.DRAFT]: '草稿',
  [ProjectStatus.SUBMITTED]: '已提交',
  [ProjectStatus.UNDER_REVIEW]: '审核中',
  [ProjectStatus.LISTED]: '已入库',
  [ProjectStatus.RETURNED]: '已退回',
  [ProjectStatus.ARCHIVED]: '已归档',
};

/**
 * Who reviews a submitted project now: the county first (what it registered, and its enterprises' own
 * submissions), then the routed department; a department's own registration goes to the department.
 */
export enum ReviewStage {
  COUNTY = 'COUNTY',
  DEPARTMENT = 'DEPARTMENT',
}
export const REVIEW_STAGE_LABELS: Record<ReviewStage, string> = {
  [ReviewStage.COUNTY]: '县区初审',
  [ReviewStage.DEPARTMENT]: '行业主管部门审核',
};

/** How a project came into the library. */
export enum ProjectSource {
  SELF_REGISTERED = 'SELF_REGISTERED',
  DEPARTMENT_RECOMMENDED = 'DEPARTMENT_RECOMMENDED',
  COUNTY_SUBMITTED = 'COUNTY_SUBMITTED',
}
export const PROJECT_SOURCE_LABELS: Record<ProjectSource, string> = {
  [ProjectSource.SELF_REGISTERED]: '企业自主申报',
  [ProjectSource.DEPARTMENT_RECOMMENDED]: '行业主管部门推荐',
  [ProjectSource.COUNTY_SUBMITTED]: '县（市、区）报送',
};

/** A step of the review workflow, as kept on a project's timeline. */
export enum ReviewAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  SUBMIT = 'SUBMIT',
  WITHDRAW = 'WITHDRAW',
  START_REVIEW = 'START_REVIEW',
  /** The county's first review passes the project on to the department. */
  PASS = 'PASS',
  LIST = 'LIST',
  RETURN = 'RETURN',
  ARCHIVE = 'ARCHIVE',
}
export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  [ReviewAction.CREATE]: '创建',
  [ReviewAction.UPDATE]: '修改',
  [ReviewAction.SUBMIT]: '提交审核',
  [ReviewAction.WITHDRAW]: '撤回',
  [ReviewAction.START_REVIEW]: '受理审核',
  [ReviewAction.PASS]: '县区初审通过',
  [ReviewAction.LIST]: '审核通过入库',
  [ReviewAction.RETURN]: '退回修改',
  [ReviewAction.ARCHIVE]: '归档',
};

/**
 * A step of a project's timeline named by what happened (the project's review stage after the step
 * tells where it went), so that a county passing a project on never reads as a step backwards.
 */
export function reviewStepLabel(e: { action: ReviewAction; reviewStage: ReviewStage | null }): string {
  const county = e.reviewStage === ReviewStage.COUNTY;
  switch (e.action) {
    case ReviewAction.SUBMIT:
      return county ? '提交审核，进入县区初审' : '提交审核，进入行业主管部门审核';
    case ReviewAction.START_REVIEW:
      return county ? '县区受理初审' : '行业主管部门受理审核';
    case ReviewAction.PASS:
      return '县区初审通过，报送行业主管部门';
    case ReviewAction.LIST:
      return '审核通过，列入绿色项目库';
    case ReviewAction.RETURN:
      return '退回修改';
    case ReviewAction.WITHDRAW:
      return '撤回提交';
    default:
      return REVIEW_ACTION_LABELS[e.action];
  }
}

/** Reviewer actions callable through POST /projects/:id/review. */
export const REVIEWER_ACTIONS = [ReviewAction.START_REVIEW, ReviewAction.PASS, ReviewAction.LIST, ReviewAction.RETURN] as const;
export type ReviewerAction = (typeof REVIEWER_ACTIONS)[number];

/** Suggested project tags; free tags are allowed too (up to 10, each up to 20 characters). */
export const PROJECT_TAGS = ['红树林', '蓝碳', '碳汇', '预制菜', '重大基础设施', '绿色建筑', '海上风电', '分布式光伏', '海洋牧场', '储能', '新能源汽车', '节水'] as const;
export type ProjectTag = (typeof PROJECT_TAGS)[number];
export const MAX_PROJECT_TAGS = 10;
export const MAX_TAG_LENGTH = 20;

/** 绿色建筑星级 (task 十一's library is of 二星 and above). */
export const GREEN_BUILDING_STAR_LABELS: Record<number, string> = { 1: '一星级', 2: '二星级', 3: '三星级' };

/** Kinds of project attachment. */
export enum AttachmentKind {
  FEASIBILITY_STUDY = 'FEASIBILITY_STUDY',
  APPROVAL = 'APPROVAL',
  EIA = 'EIA',
  ENERGY_ASSESSMENT = 'ENERGY_ASSESSMENT',
  GREEN_CERTIFICATE = 'GREEN_CERTIFICATE',
  OTHER = 'OTHER',
}
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  [AttachmentKind.FEASIBILITY_STUDY]: '可行性研究报告',
  [AttachmentKind.APPROVAL]: '立项（备案、核准）文件',
  [AttachmentKind.EIA]: '环境影响评价批复',
  [AttachmentKind.ENERGY_ASSESSMENT]: '节能审查意见',
  [AttachmentKind.GREEN_CERTIFICATE]: '绿色认证或评价证书',
  [AttachmentKind.OTHER]: '其他',
};
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_PER_PROJECT = 20;
/** Accepted attachment types: checked by extension, declared type and the file's first bytes. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** 融资方式. */
export enum FinancingInstrument {
  LOAN = 'LOAN',
  BOND = 'BOND',
  INSURANCE = 'INSURANCE',
  LEASE = 'LEASE',
  EQUITY = 'EQUITY',
  SUPPLY_CHAIN = 'SUPPLY_CHAIN',
}
export const FINANCING_INSTRUMENT_LABELS: Record<FinancingInstrument, string> = {
  [FinancingInstrument.LOAN]: '贷款',
  [FinancingInstrument.BOND]: '债券',
  [FinancingInstrument.INSURANCE]: '保险',
  [FinancingInstrument.LEASE]: '融资租赁',
  [FinancingInstrument.EQUITY]: '股权融资',
  [FinancingInstrument.SUPPLY_CHAIN]: '供应链金融',
};

/** 可提供的担保方式. */
export enum CollateralKind {
  NONE = 'NONE',
  REAL_ESTATE = 'REAL_ESTATE',
  EQUIPMENT = 'EQUIPMENT',
  RECEIVABLES = 'RECEIVABLES',
  CARBON_CREDITS = 'CARBON_CREDITS',
  SUBSIDY_RIGHTS = 'SUBSIDY_RIGHTS',
  GUARANTEE = 'GUARANTEE',
  EQUITY_PLEDGE = 'EQUITY_PLEDGE',
  OTHER = 'OTHER',
}
export const COLLATERAL_KIND_LABELS: Record<CollateralKind, string> = {
  [CollateralKind.NONE]: '无（信用）',
  [CollateralKind.REAL_ESTATE]: '不动产抵押',
  [CollateralKind.EQUIPMENT]: '设备抵押',
  [CollateralKind.RECEIVABLES]: '应收账款（收费权）质押',
  [CollateralKind.CARBON_CREDITS]: '碳排放权（碳汇）质押',
  [CollateralKind.SUBSIDY_RIGHTS]: '补贴收益权质押',
  [CollateralKind.GUARANTEE]: '保证担保',
  [CollateralKind.EQUITY_PLEDGE]: '股权质押',
  [CollateralKind.OTHER]: '其他',
};

/** A financing need's life. IN_MATCHMAKING and SATISFIED are set by the matchmaking pipeline. */
export enum NeedStatus {
  OPEN = 'OPEN',
  IN_MATCHMAKING = 'IN_MATCHMAKING',
  SATISFIED = 'SATISFIED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  [NeedStatus.OPEN]: '待对接',
  [NeedStatus.IN_MATCHMAKING]: '对接中',
  [NeedStatus.SATISFIED]: '已满足',
  [NeedStatus.WITHDRAWN]: '已撤回',
  [NeedStatus.EXPIRED]: '已过期',
};

/** The enterprise's consent to share a need with banks. */
export enum NeedSharing {
  NOT_SHARED = 'NOT_SHARED',
  ALL_BANKS = 'ALL_BANKS',
  SELECTED_BANKS = 'SELECTED_BANKS',
}
export const NEED_SHARING_LABELS: Record<NeedSharing, string> = {
  [NeedSharing.NOT_SHARED]: '暂不共享',
  [NeedSharing.ALL_BANKS]: '向全部金融机构共享',
  [NeedSharing.SELECTED_BANKS]: '仅向指定金融机构共享',
};

/** Library import modes (POST /projects/import?mode=…). */
export enum ImportMode {
  VALIDATE = 'validate',
  IMPORT_VALID = 'import-valid',
  IMPORT_ALL = 'import-all',
}
export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  [ImportMode.VALIDATE]: '仅校验',
  [ImportMode.IMPORT_VALID]: '仅导入无误的行',
  [ImportMode.IMPORT_ALL]: '全部导入（有错误则不导入）',
};

export enum ImportJobStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
}

/** The sheets of the import template. */
export enum ImportSheet {
  ENTERPRISES = '企业',
  PROJECTS = '项目',
  NEEDS = '融资需求',
}

/** One problem of an uploaded spreadsheet: sheet, row number as Excel shows it, column header. */
export interface ImportRowError {
  sheet: string;
  row: number;
  column: string;
  value?: string | null;
  message: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export interface ImportJobView {
  id: string;
  status: ImportJobStatus;
  mode: ImportMode;
  fileName: string;
  phase: 'reading' | 'validating' | 'importing' | 'done';
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: ImportRowError[];
  /** Errors beyond this many are counted but not listed. */
  errorsTruncated: boolean;
  result: { enterprises: ImportCounts; projects: ImportCounts; needs: ImportCounts } | null;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** What an import job's reader gets (POST /projects/import, GET /projects/import/jobs/:id): its view, and once it has ended, the projects it created or updated (and submitted) and its notices. */
export interface ImportJobAnswer {
  job: ImportJobView;
  projectIds: string[];
  notices: string[];
}

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
export const IMPORT_MAX_LISTED_ERRORS = 1000;

/** Sensible bounds for amounts in 万元 (a project above 1,000 亿元 is a typo). */
export const MAX_AMOUNT_WAN = 10_000_000;
export const MAX_TERM_MONTHS = 360;
export const MAX_RATE_PERCENT = 36;

/** Masked contact details shown to a bank before it has taken up the need. */
export const MASKED = '***';

/** 国民经济行业分类 (GB/T 4754-2017) sections. */
export const INDUSTRY_SECTIONS: Record<string, string> = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
};

/** GB/T 4754-2017: the two-digit divisions each section spans. */
export const INDUSTRY_SECTION_DIVISIONS: Record<string, [number, number]> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60], H: [61, 62], I: [63, 65],
  J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79], O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90],
  S: [91, 96], T: [97, 97],
};

/** Whether a two-digit division belongs to a section. */
export function industryDivisionMatches(section: string, division: string): boolean {
  const span = INDUSTRY_SECTION_DIVISIONS[section];
  if (!span || !/^\d{2}$/.test(division)) return false;
  const n = Number(division);
  return n >= span[0] && n <= span[1];
}

/** Category code prefix filter: '5' or '5.2' or '5.2.1'. */
export const CATEGORY_PREFIX_PATTERN = /^\d{1,2}(\.\d{1,2}){0,2}$/;

/** The library's filters for picking enterprises (e.g. to invite them to an event); all combine with AND. */
export interface EnterpriseSelection {
  /** Enterprises of these counties (division codes). */
  divisionCodes?: string[];
  /** With a project (not draft or archived) in this category code or prefix, of `taxonomyVersion` (default: the catalogue in force). */
  categoryCode?: string;
  taxonomyVersion?: string;
  /** Minimum current green grade (A best … D). */
  minGreenGrade?: string;
  /** Only enterprises with at least one open financing need. */
  withOpenNeeds?: boolean;
  /** Open needs' amount range in 万元 (decimal strings). */
  needAmountMin?: string;
  needAmountMax?: string;
}

/** A financing need as its project's page shows it (GET /projects/:id, `needs`). */
export interface ProjectNeedRow {
  id: string;
  /** 万元, decimal string. */
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  status: NeedStatus;
  sharing: NeedSharing;
  collateral: CollateralKind[];
  maxRatePercent: string | null;
  wantedBy: string | null;
}

// ------------------------------------------------------------------ API views (what the routes answer and accept)

/** A row of the enterprise library (GET /enterprises): the organisation, its profile's key fields, current grade and counts. */
export interface EnterpriseRow {
  id: string;
  name: string;
  creditCode: string;
  divisionCode: string;
  isDemo: boolean;
  createdAt: string;
  /** Profile fields: null when the enterprise has no profile yet. */
  industrySection: string | null;
  industryDivision: string | null;
  industryName: string | null;
  size: EnterpriseSize | null;
  /** 万元, decimal string. */
  registeredCapital: string | null;
  envCreditRating: EnvCreditRating | null;
  envDisclosure: boolean | null;
  carbonEmissionsT: string | null;
  carbonYear: number | null;
  profileVersion: number | null;
  /** The current green grade, null when never graded. */
  grade: string | null;
  gradeLabel: string | null;
  score: string | null;
  scorecardVersion: number | null;
  listedProjects: number;
  /** A green identification (绿色企业认定) is valid today. */
  identified: boolean;
}

/** The profile fields an enterprise (or its registrar) fills in (PUT /enterprises/:id/profile; all optional). */
export interface EnterpriseProfileInput {
  /** The version read, when changing an existing profile. */
  version?: number;
  industrySection?: string | null;
  industryDivision?: string | null;
  industryName?: string | null;
  size?: EnterpriseSize | null;
  registeredCapital?: string | null;
  establishedOn?: string | null;
  legalRepresentative?: string | null;
  address?: string | null;
  businessScope?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  envCreditRating?: EnvCreditRating | null;
  envCreditRatingYear?: number | null;
  certifications?: Certification[];
  carbonEmissionsT?: string | null;
  carbonIntensity?: string | null;
  carbonIntensityUnit?: string | null;
  carbonYear?: number | null;
  envDisclosure?: boolean;
  envDisclosureUrl?: string | null;
  envDisclosureYear?: number | null;
}

/** An enterprise's profile as GET /enterprises/:id answers it (contacts masked for a bank that has not taken up a need). */
export interface EnterpriseProfileView {
  organizationId: string;
  industrySection: string | null;
  industryDivision: string | null;
  industryName: string | null;
  size: EnterpriseSize | null;
  registeredCapital: string | null;
  establishedOn: string | null;
  legalRepresentative: string | null;
  address: string | null;
  businessScope: string | null;
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
  envDisclosureYear: number | null;
  createdByOrgId: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A green grade (绿色评级) of an enterprise (POST /enterprises/:id/grade, GET /enterprises/:id/grades). */
export interface GreenGradeView {
  id: string;
  enterpriseOrgId: string;
  scorecardId: string;
  scorecardVersion: number;
  score: string;
  grade: string;
  gradeLabel: string;
  breakdown: GradeBreakdownLine[];
  /** The facts the grade was computed from. */
  inputs: Record<string, unknown>;
  isCurrent: boolean;
  computedByUserId: string | null;
  computedAt: string;
}

/** A green identification (绿色企业认定) application as its enterprise's page and the decision answer it. */
export interface GreenIdentificationView {
  id: string;
  enterpriseOrgId: string;
  status: GreenIdentificationStatus;
  statement: string;
  appliedByUserId: string | null;
  decidedByUserId: string | null;
  decidedByOrgId: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** ISO dates, set on approval. */
  validFrom: string | null;
  validUntil: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of the reviewers' list of green identifications (GET /green-identifications). */
export interface GreenIdentificationRow {
  id: string;
  enterpriseOrgId: string;
  enterpriseName: string;
  divisionCode: string;
  status: GreenIdentificationStatus;
  statement: string;
  validFrom: string | null;
  validUntil: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
  version: number;
}

/** The decision on a green identification (POST /green-identifications/:id/decision). */
export interface GreenIdentificationDecisionInput {
  decision: 'APPROVE' | 'REJECT' | 'REVOKE';
  /** ISO dates; approval needs validUntil, at most three years after validFrom (default today). */
  validFrom?: string;
  validUntil?: string;
  note?: string;
  version?: number;
}

/** An enterprise's page (GET /enterprises/:id, and the answer of PUT …/profile). */
export interface EnterpriseDetail {
  organization: { id: string; name: string; creditCode: string | null; divisionCode: string | null; formerNames: FormerName[]; isDemo: boolean };
  profile: EnterpriseProfileView | null;
  contactRevealed: boolean;
  /** The last ten applications, newest first (approved ones only, for a bank). */
  identifications: GreenIdentificationView[];
  identified: boolean;
  grade: GreenGradeView | null;
  projectCounts: { status: ProjectStatus; count: number }[];
}

/** A row of the financing needs list (GET /financing-needs). */
export interface NeedRow {
  id: string;
  enterpriseOrgId: string;
  projectId: string | null;
  /** 万元, decimal string. */
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  collateral: CollateralKind[];
  collateralNote: string | null;
  maxRatePercent: string | null;
  wantedBy: string | null;
  sharing: NeedSharing;
  status: NeedStatus;
  statusChangedAt: string | null;
  createdByOrgId: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  enterpriseName: string;
  enterpriseCreditCode: string | null;
  /** The project's county, else the enterprise's. */
  divisionCode: string;
  projectName: string | null;
  projectStatus: ProjectStatus | null;
  primaryCategoryCode: string | null;
}

/** One financing need (GET /financing-needs/:id, and the answer of its writes). */
export interface NeedDetail extends NeedRow {
  /** The banks it is shared with (SELECTED_BANKS); empty for a bank. */
  sharedWithBanks: { id: string; name: string }[];
  contact: { contactName: string | null; contactPhone: string | null; contactEmail: string | null };
  contactRevealed: boolean;
}

/** A new financing need (POST /financing-needs); a change sends some of these with `version` (PATCH). */
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

/** A change of a financing need (PATCH /financing-needs/:id): the version read, and the fields that change. */
export type NeedUpdateInput = Partial<Omit<NeedInput, 'projectId' | 'enterpriseOrgId'>> & { version: number };

/** One of a project's categories as the API answers it: the catalogue version, the code, its name, and whether it is the primary one. */
export interface ProjectCategoryRef {
  version: string;
  code: string;
  name: string;
  primary: boolean;
}

/** A reason a reviewer gives when returning a project, optionally naming the form field it is about. */
export interface ProjectReturnReason {
  field?: string | null;
  message: string;
}

/** A project of the library (GET /projects rows). Timestamps are ISO strings, amounts decimal strings in 万元. */
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
  departmentOrgId: string | null;
  departmentName: string | null;
  reviewerOrgId: string | null;
  reviewerName: string | null;
  submittedByOrgId: string;
  submittedByName: string | null;
  totalInvestment: string;
  constructionStart: string | null;
  constructionEnd: string | null;
  co2AvoidedT: string | null;
  coalSavedTce: string | null;
  waterSavedT: string | null;
  otherBenefits: string | null;
  tags: string[];
  greenBuildingStars: number | null;
  primaryCategoryVersion: string;
  primaryCategoryCode: string;
  /** The primary category first. */
  categories: ProjectCategoryRef[];
  /** Needs open or in matchmaking that the caller may see: how many, and their amount in 万元. */
  openNeeds: { count: number; amount: string };
  returnReasons: ProjectReturnReason[] | null;
  listedAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  isDemo: boolean;
}

/** A step of a project's review timeline (GET /projects/:id/timeline, and `timeline` of the project). */
export interface ProjectReviewEventView {
  id: string;
  projectId: string;
  action: ReviewAction;
  fromStatus: ProjectStatus | null;
  toStatus: ProjectStatus;
  /** The project's review stage after the step. */
  reviewStage: ReviewStage | null;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgId: string | null;
  actorOrgName: string | null;
  comment: string | null;
  reasons: ProjectReturnReason[] | null;
  at: string;
}

/** An attachment's description (the file is downloaded from GET /projects/attachments/:id). */
export interface ProjectAttachmentView {
  id: string;
  projectId: string;
  kind: AttachmentKind;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByUserId: string | null;
  createdAt: string;
}

/** A project's page (GET /projects/:id, and the answer of its writes and review steps). */
export interface ProjectDetail extends ProjectSummary {
  needs: ProjectNeedRow[];
  attachments: ProjectAttachmentView[];
  /** Empty for a bank. */
  timeline: ProjectReviewEventView[];
  /** What the caller may do with the project now. */
  permissions: { edit: boolean; submit: boolean; withdraw: boolean; review: boolean };
}

/** Counts and amounts (万元) of a group of projects. */
export interface ProjectStatRow {
  count: number;
  totalInvestment: string;
  openNeedAmount: string;
}

/** GET /projects/stats: by county, category (level 1 or 2) and status, for the caller's scope and the filters. */
export interface ProjectStats {
  totals: ProjectStatRow;
  byDivision: (ProjectStatRow & { divisionCode: string; divisionName: string })[];
  byCategory: (ProjectStatRow & { categoryCode: string; categoryName: string })[];
  byStatus: (ProjectStatRow & { status: ProjectStatus })[];
}

/** A category chosen for a project (one of them primary). */
export interface ProjectCategoryInput {
  version: string;
  code: string;
  primary?: boolean;
}

/** A new project (POST /projects; a draft). */
export interface ProjectInput {
  /** The enterprise, when a county or department registers the project. */
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
  categories: ProjectCategoryInput[];
}

/** A change of a project (PATCH /projects/:id): the version read, and the fields that change. */
export type ProjectUpdateInput = Partial<Omit<ProjectInput, 'enterpriseOrgId'>> & { version: number };

/** A reviewer's step (POST /projects/:id/review); RETURN needs reasons. */
export interface ProjectReviewInput {
  action: ReviewerAction;
  version?: number;
  comment?: string;
  reasons?: ProjectReturnReason[];
}

/** Several projects reviewed at once (POST /projects/review/bulk). */
export interface ProjectBulkReviewInput {
  action: ReviewAction.START_REVIEW | ReviewAction.PASS | ReviewAction.LIST;
  items: { id: string; version?: number }[];
  comment?: string;
}

/** The answer of a bulk review: each project succeeded (its new status) or failed (the error's code and message). */
export interface ProjectBulkReviewAnswer {
  succeeded: number;
  failed: number;
  results: { id: string; ok: boolean; code?: string; message?: string; status?: ProjectStatus }[];
}

/** A catalogue version's review routing (GET/PUT /review-routes): category prefix → department; else the bureau. */
export interface ReviewRoutesView {
  version: string;
  routes: { prefix: string; departmentOrgId: string; departmentName: string; categoryName: string | null; updatedAt: string }[];
  fallback: { departmentOrgId: string; departmentName: string } | null;
}

/** The project library's filters (GET /projects, /projects/stats and /library/export/projects); all combine with AND. */
export interface ProjectListFilters {
  /** Keywords: names, descriptions, categories' names and keywords. */
  q?: string;
  divisionCode?: string;
  /** Category code or prefix ('5', '5.2', '5.2.1'). */
  categoryPrefix?: string;
  taxonomyVersion?: string;
  status?: ProjectStatus;
  stage?: ProjectStage;
  source?: ProjectSource;
  reviewStage?: ReviewStage;
  tag?: string;
  /** Total investment range, 万元. */
  minAmount?: string;
  maxAmount?: string;
  /** With an open need of this instrument. */
  instrument?: FinancingInstrument;
  enterpriseOrgId?: string;
  /** 'mine': the projects whose review is the caller's turn. */
  queue?: 'mine';
}
