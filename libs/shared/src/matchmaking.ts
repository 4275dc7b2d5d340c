/**
 * Green financial products (绿色金融产品超市), explainable matching and the matchmaking pipeline (对接):
 * enums, their Chinese labels and the response shapes shared by the API and the web app (issue 4).
 * Amounts are 万元 decimal strings; dates ISO strings.
 */
import { type CollateralKind, type EnterpriseSize, FinancingInstrument, ProjectStatus } from './library';

/** 产品类型. */
export enum ProductType {
  LOAN = 'LOAN',
  BOND = 'BOND',
  INSURANCE = 'INSURANCE',
  LEASE = 'LEASE',
  FUND = 'FUND',
  SUPPLY_CHAIN = 'SUPPLY_CHAIN',
}
export const PRODUCT_TYPE_LABELS: Record<ProductType, string> = {
  [ProductType.LOAN]: '贷款',
  [ProductType.BOND]: '债券',
  [ProductType.INSURANCE]: '保险',
  [ProductType.LEASE]: '融资租赁',
  [ProductType.FUND]: '基金（股权投资）',
  [ProductType.SUPPLY_CHAIN]: '供应链金融',
};

/** The financing instrument a product type serves (a need states its instrument). */
export const PRODUCT_TYPE_INSTRUMENT: Record<ProductType, FinancingInstrument> = {
  [ProductType.LOAN]: FinancingInstrument.LOAN,
  [ProductType.BOND]: FinancingInstrument.BOND,
  [ProductType.INSURANCE]: FinancingInstrument.INSURANCE,
  [ProductType.LEASE]: FinancingInstrument.LEASE,
  [ProductType.FUND]: FinancingInstrument.EQUITY,
  [ProductType.SUPPLY_CHAIN]: FinancingInstrument.SUPPLY_CHAIN,
};

/** Instruments close enough that a product of one partly serves a need for the other. */
export const RELATED_INSTRUMENTS: readonly [FinancingInstrument, FinancingInstrument][] = [
  [FinancingInstrument.LOAN, FinancingInstrument.SUPPLY_CHAIN],
  [FinancingInstrument.LOAN, FinancingInstrument.LEASE],
];

export enum ProductStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
export const PRODUCT_STATUS_LABELS: Record<ProductStatus, string> = {
  [ProductStatus.DRAFT]: '草稿',
  [ProductStatus.PUBLISHED]: '已发布',
  [ProductStatus.WITHDRAWN]: '已下架',
};

/** How a product's rate is stated: an annual % range, or LPR plus basis points. */
export enum RateKind {
  FIXED = 'FIXED',
  LPR_PLUS = 'LPR_PLUS',
  NONE = 'NONE',
}
export const RATE_KIND_LABELS: Record<RateKind, string> = {
  [RateKind.FIXED]: '年利率区间',
  [RateKind.LPR_PLUS]: 'LPR加点',
  [RateKind.NONE]: '不适用（如保险、承销）',
};

/** Suggested product tags; free tags are allowed too. */
export const PRODUCT_TAGS = ['碳减排支持工具', '支持煤炭清洁高效利用专项再贷款', '再贷款', '中小融', '粤信融', '蓝色金融', '碳汇', '贴息', '风险补偿', '首贷', '信用贷'] as const;

/** A product's eligible green categories: a code or a prefix of a catalogue version. */
export interface CategoryRule {
  version: string;
  prefix: string;
}

export interface ProductView {
  id: string;
  bankOrgId: string;
  bankName: string;
  name: string;
  type: ProductType;
  description: string;
  minAmount: string | null;
  maxAmount: string | null;
  minTermMonths: number | null;
  maxTermMonths: number | null;
  rateKind: RateKind;
  rateMinPercent: string | null;
  rateMaxPercent: string | null;
  lprBasisPointsMin: number | null;
  lprBasisPointsMax: number | null;
  collateralAccepted: string[];
  categoryRules: CategoryRule[];
  counties: string[];
  enterpriseSizes: string[];
  minGreenGrade: string | null;
  tags: string[];
  requiredMaterials: string[];
  contactName: string | null;
  contactPhone: string | null;
  validFrom: string | null;
  validUntil: string | null;
  status: ProductStatus;
  publishedAt: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

// ---- matching --------------------------------------------------------------------------------

export enum MatchCriterion {
  CATEGORY = 'CATEGORY',
  AMOUNT = 'AMOUNT',
  TERM = 'TERM',
  INSTRUMENT = 'INSTRUMENT',
  COLLATERAL = 'COLLATERAL',
  COUNTY = 'COUNTY',
  SIZE = 'SIZE',
  GREEN_GRADE = 'GREEN_GRADE',
  RATE = 'RATE',
}
export const MATCH_CRITERION_LABELS: Record<MatchCriterion, string> = {
  [MatchCriterion.CATEGORY]: '绿色类别',
  [MatchCriterion.AMOUNT]: '金额',
  [MatchCriterion.TERM]: '期限',
  [MatchCriterion.INSTRUMENT]: '融资方式',
  [MatchCriterion.COLLATERAL]: '担保方式',
  [MatchCriterion.COUNTY]: '服务区域',
  [MatchCriterion.SIZE]: '企业规模',
  [MatchCriterion.GREEN_GRADE]: '绿色评级',
  [MatchCriterion.RATE]: '利率上限',
};

export enum CriterionResult {
  MET = 'MET',
  PARTLY = 'PARTLY',
  NOT_MET = 'NOT_MET',
}
export const CRITERION_RESULT_LABELS: Record<CriterionResult, string> = {
  [CriterionResult.MET]: '符合',
  [CriterionResult.PARTLY]: '部分符合',
  [CriterionResult.NOT_MET]: '不符合',
};

export interface CriterionExplanation {
  criterion: MatchCriterion;
  label: string;
  result: CriterionResult;
  /** A hard criterion not met excludes the product; soft ones only lower the score. */
  hard: boolean;
  weight: number;
  /** Points earned out of `weight`. */
  points: number;
  explanation: string;
}

export interface MatchExplanation {
  score: number;
  /** False when a hard criterion is not met. */
  eligible: boolean;
  /** The hard criteria not met (one for a near miss). */
  failed: MatchCriterion[];
  criteria: CriterionExplanation[];
  /** One line: why it fits, or the failing criterion of a near miss. */
  summary: string;
}

export interface ProductMatch {
  product: ProductView;
  match: MatchExplanation;
}

/** GET /financing-needs/:id/matches. */
export interface NeedMatches {
  needId: string;
  matches: ProductMatch[];
  /** Products failing exactly one hard criterion, named in `match.summary`. */
  nearMisses: ProductMatch[];
}

/** A need as a bank's workbench lists it (contact details never included). */
export interface NeedSummary {
  id: string;
  enterpriseOrgId: string;
  enterpriseName: string;
  projectId: string | null;
  projectName: string | null;
  divisionCode: string | null;
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  status: string;
  categoryCodes: string[];
  createdAt: string;
}

/** GET /matches as an enterprise: each of its open needs with its best products. */
export type EnterpriseNeedMatches = NeedMatches & { need: NeedSummary };

export interface NeedMatch {
  need: NeedSummary;
  productId: string;
  productName: string;
  match: MatchExplanation;
  /** The bank's case on this need, when there is one. */
  caseId: string | null;
}

// ---- the pipeline (对接) ----------------------------------------------------------------------

export enum CaseState {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  IN_CONTACT = 'IN_CONTACT',
  UNDER_REVIEW = 'UNDER_REVIEW',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DISBURSED = 'DISBURSED',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  [CaseState.PENDING]: '待受理',
  [CaseState.ACCEPTED]: '已受理',
  [CaseState.DECLINED]: '已婉拒',
  [CaseState.IN_CONTACT]: '对接洽谈中',
  [CaseState.UNDER_REVIEW]: '授信审查中',
  [CaseState.APPROVED]: '已授信',
  [CaseState.REJECTED]: '审查未通过',
  [CaseState.DISBURSED]: '已放款',
  [CaseState.CLOSED]: '已结束',
  [CaseState.WITHDRAWN]: '企业已撤回',
};
/** States after which nothing more happens to a case. */
export const FINAL_CASE_STATES: readonly CaseState[] = [CaseState.DECLINED, CaseState.REJECTED, CaseState.CLOSED, CaseState.WITHDRAWN];
/** States in which a case holds one of the need's bank places (the claim cap counts these). */
export const ACTIVE_CASE_STATES: readonly CaseState[] = [
  CaseState.PENDING,
  CaseState.ACCEPTED,
  CaseState.IN_CONTACT,
  CaseState.UNDER_REVIEW,
  CaseState.APPROVED,
  CaseState.DISBURSED,
];

/** Who acts on a case. */
export enum CaseParty {
  ENTERPRISE = 'ENTERPRISE',
  BANK = 'BANK',
  BUREAU = 'BUREAU',
}
export const CASE_PARTY_LABELS: Record<CaseParty, string> = {
  [CaseParty.ENTERPRISE]: '企业',
  [CaseParty.BANK]: '金融机构',
  [CaseParty.BUREAU]: '市金融工作局',
};

/**
 * The matchmaking case (对接) state machine as one table: from-state → to-state → the parties that
 * may make that step. Everything else is refused (the API's cases/case-machine.ts checks against it).
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseState, Partial<Record<CaseState, readonly CaseParty[]>>>> = {
  [CaseState.PENDING]: {
    [CaseState.ACCEPTED]: [CaseParty.BANK],
    [CaseState.DECLINED]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
    // The bureau takes back a case nobody answers (and reassigns it).
    [CaseState.CLOSED]: [CaseParty.BUREAU],
  },
  [CaseState.ACCEPTED]: {
    [CaseState.IN_CONTACT]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
    [CaseState.CLOSED]: [CaseParty.BUREAU],
  },
  [CaseState.IN_CONTACT]: {
    [CaseState.UNDER_REVIEW]: [CaseParty.BANK],
    [CaseState.REJECTED]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
    [CaseState.CLOSED]: [CaseParty.BUREAU],
  },
  [CaseState.UNDER_REVIEW]: {
    [CaseState.APPROVED]: [CaseParty.BANK],
    [CaseState.REJECTED]: [CaseParty.BANK],
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
  },
  [CaseState.APPROVED]: {
    [CaseState.DISBURSED]: [CaseParty.BANK],
    // The enterprise turns the offer down (it chose another bank, or no longer needs the money).
    [CaseState.WITHDRAWN]: [CaseParty.ENTERPRISE],
  },
  [CaseState.DISBURSED]: {
    // Repaid or follow-up finished.
    [CaseState.CLOSED]: [CaseParty.BANK],
  },
  [CaseState.DECLINED]: {},
  [CaseState.REJECTED]: {},
  [CaseState.CLOSED]: {},
  [CaseState.WITHDRAWN]: {},
};

/**
 * The step that moves a case into a state, named as an action (a verb, for buttons and dialogs);
 * CASE_STATE_LABELS names the state it leads to. One label per target state: every table row into
 * a state is the same act, whoever may take it.
 */
export const CASE_ACTION_LABELS: Record<CaseState, string> = {
  [CaseState.PENDING]: '提交申请',
  [CaseState.ACCEPTED]: '受理',
  [CaseState.DECLINED]: '婉拒',
  [CaseState.IN_CONTACT]: '登记已联系企业',
  [CaseState.UNDER_REVIEW]: '提交授信审查',
  [CaseState.APPROVED]: '登记授信',
  [CaseState.REJECTED]: '登记审查未通过',
  [CaseState.DISBURSED]: '登记放款',
  [CaseState.CLOSED]: '结束对接',
  [CaseState.WITHDRAWN]: '撤回申请',
};

/** How a case started. */
export enum CaseOrigin {
  APPLICATION = 'APPLICATION',
  CLAIM = 'CLAIM',
  PUSH = 'PUSH',
  REASSIGNMENT = 'REASSIGNMENT',
  /** A letter of intent signed at a 对接会 (the case links back to the event and the meeting). */
  EVENT = 'EVENT',
  /** Sent on to another bank after a decline (the case links back to the declined one). */
  REFERRAL = 'REFERRAL',
}
export const CASE_ORIGIN_LABELS: Record<CaseOrigin, string> = {
  [CaseOrigin.APPLICATION]: '企业申请产品',
  [CaseOrigin.CLAIM]: '金融机构认领',
  [CaseOrigin.PUSH]: '金融局推送',
  [CaseOrigin.REASSIGNMENT]: '金融局改派',
  [CaseOrigin.EVENT]: '对接会签约意向',
  [CaseOrigin.REFERRAL]: '婉拒后转介',
};

export enum DeclineReason {
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  AMOUNT_OR_TERM = 'AMOUNT_OR_TERM',
  COLLATERAL = 'COLLATERAL',
  CREDIT = 'CREDIT',
  NOT_GREEN = 'NOT_GREEN',
  CAPACITY = 'CAPACITY',
  OTHER = 'OTHER',
}
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  [DeclineReason.OUT_OF_SCOPE]: '不在本行业务范围',
  [DeclineReason.AMOUNT_OR_TERM]: '金额或期限不符',
  [DeclineReason.COLLATERAL]: '担保条件不足',
  [DeclineReason.CREDIT]: '企业信用或经营情况不符',
  [DeclineReason.NOT_GREEN]: '项目绿色属性不足',
  [DeclineReason.CAPACITY]: '本行额度不足',
  [DeclineReason.OTHER]: '其他',
};

/** Results of a periodic fund-use check after disbursement (anti-greenwashing, plan task 十七). */
export enum FundUseResult {
  AS_AGREED = 'AS_AGREED',
  DEVIATION = 'DEVIATION',
}
export const FUND_USE_RESULT_LABELS: Record<FundUseResult, string> = {
  [FundUseResult.AS_AGREED]: '按约定用途使用',
  [FundUseResult.DEVIATION]: '用途偏离',
};

export enum GreenwashingStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
export const GREENWASHING_STATUS_LABELS: Record<GreenwashingStatus, string> = {
  [GreenwashingStatus.OPEN]: '待处理',
  [GreenwashingStatus.RESOLVED]: '已处理',
};

export interface CaseTimelineEntry {
  id: string;
  fromState: CaseState | null;
  toState: CaseState;
  party: CaseParty | null;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgName: string | null;
  comment: string | null;
  /** The other case of a referral: the new case on the declined one's entry, the declined one on the new case's first entry. */
  linkedCaseId: string | null;
  at: string;
}

export interface TrancheView {
  id: string;
  amount: string;
  disbursedOn: string;
  note: string | null;
  createdAt: string;
}

export interface FundUseCheckView {
  id: string;
  checkedOn: string;
  result: FundUseResult;
  detail: string | null;
  createdAt: string;
}

export interface CaseView {
  id: string;
  needId: string;
  bankOrgId: string;
  bankName: string;
  enterpriseOrgId: string;
  enterpriseName: string;
  productId: string | null;
  productName: string | null;
  origin: CaseOrigin;
  state: CaseState;
  needAmount: string;
  needTermMonths: number;
  needInstrument: FinancingInstrument;
  needPurpose: string;
  /** The need's project (null for a need of the enterprise as a whole) and its status: links follow what the viewer may open. */
  projectId: string | null;
  projectStatus: ProjectStatus | null;
  projectName: string | null;
  divisionCode: string | null;
  declineReason: DeclineReason | null;
  reasonText: string | null;
  approvedAmount: string | null;
  approvedRatePercent: string | null;
  approvedTermMonths: number | null;
  disbursedTotal: string;
  chosenAt: string | null;
  /** The working-day deadline now running (answer, or first contact), ISO date; null when none. */
  dueOn: string | null;
  overdue: boolean;
  /** Working days left until dueOn (negative when overdue). */
  workingDaysLeft: number | null;
  score: number | null;
  /** Origin EVENT: the 对接会 whose letter of intent (签约意向) opened the case. */
  sourceEventId: string | null;
  createdAt: string;
  updatedAt: string;
  stateChangedAt: string;
  version: number;
}

export interface CaseDetail extends CaseView {
  timeline: CaseTimelineEntry[];
  tranches: TrancheView[];
  fundUseChecks: FundUseCheckView[];
  /** The enterprise's contact, revealed to a bank only once it accepted the case. */
  contact: { contactName: string | null; contactPhone: string | null; contactEmail: string | null; revealed: boolean };
  /** The transitions the caller may make now. */
  allowedTransitions: CaseState[];
  /** Origin REFERRAL: the declined case this one was referred from. */
  referredFrom: CaseReferralLink | null;
  /** The referrals made from this (declined) case, oldest first. */
  referrals: CaseReferralLink[];
}

/** A referral (转介): a declined case and the case it opened at another bank. */
export interface CaseReferralLink {
  fromCaseId: string;
  toCaseId: string;
  fromBankName: string;
  toBankOrgId: string;
  toBankName: string;
  productId: string | null;
  productName: string | null;
  /** Who sent the need on: the enterprise or the bureau. */
  referredBy: CaseParty;
  /** The new case's state now (how far the referral went). */
  state: CaseState;
  createdAt: string;
}

/** A product proposed for a referral, with matching's reasons. */
export interface ReferralProposal extends ProductMatch {
  /** Fails one hard criterion (named in `match.summary`): proposed only because no product fits fully. */
  nearMiss: boolean;
}

/** GET /cases/:id/referrals: what a declined case may be referred to. */
export interface CaseReferralOptions {
  caseId: string;
  needId: string;
  /** Whether the caller may send the need on from this case now; when not, `blockedReason` says why. */
  canRefer: boolean;
  blockedReason: string | null;
  /** The next best products of banks that have not handled the need, best first. */
  proposals: ReferralProposal[];
  /** No product fits fully: the proposals are near misses. */
  widened: boolean;
  /** One sentence on what the proposals are, or why there are none (never empty). */
  note: string;
  /** Banks left out because they already handled the need. */
  excludedBankNames: string[];
  /** The referrals already made from this case. */
  made: CaseReferralLink[];
}

export interface GreenwashingWarningView {
  id: string;
  caseId: string;
  bankName: string;
  enterpriseName: string;
  detail: string;
  status: GreenwashingStatus;
  createdAt: string;
  resolvedAt: string | null;
}

export interface BankStatistics {
  bankOrgId: string;
  bankName: string;
  cases: number;
  answered: number;
  accepted: number;
  /** accepted / answered, 0–1; null when nothing answered yet. */
  acceptanceRate: number | null;
  /** Median hours from case start to the bank's answer. */
  medianResponseHours: number | null;
  approvedAmount: string;
  disbursedAmount: string;
  overdue: number;
}

export interface AreaStatistics {
  key: string;
  label: string;
  cases: number;
  approvedAmount: string;
  disbursedAmount: string;
}

export interface MatchmakingStatistics {
  /** The day (YYYY-MM-DD, Zhanjiang) the figures are as of: financing disbursed counts the tranches disbursed on or before it. */
  asOf: string;
  /** Whose figures: the city's (bureau, regulators: 全市), or one bank's own (its name). Screens title the figures by it. */
  scope: { kind: 'CITY' | 'BANK'; name: string };
  byBank: BankStatistics[];
  byCounty: AreaStatistics[];
  byCategory: AreaStatistics[];
  /** Disbursed through the platform per month (YYYY-MM), with the running total. */
  overTime: { month: string; disbursed: string; cumulative: string }[];
  totals: { cases: number; approvedAmount: string; disbursedAmount: string; overdue: number; openWarnings: number };
  /**
   * Referrals after a decline (cases of origin REFERRAL started in the period; a bank: those it
   * received): how many, how many reached a credit approval, how many were disbursed, and how much.
   */
  referrals: { made: number; reachedApproval: number; disbursed: number; disbursedAmount: string };
}

// ---- working-day calendar (法定节假日与调休) -----------------------------------------------------

export enum CalendarDayKind {
  /** 法定节假日 or a 调休 day off on a weekday. */
  HOLIDAY = 'HOLIDAY',
  /** An adjusted working day on a weekend (调休上班). */
  WORKDAY = 'WORKDAY',
}
export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = {
  [CalendarDayKind.HOLIDAY]: '放假',
  [CalendarDayKind.WORKDAY]: '调休上班',
};

export interface CalendarDayView {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/**
 * A step of a case (POST /cases/:id/transitions): the state it goes to, with what that step needs —
 * a decline its reason, an approval the amount, rate and term, a disbursement the amount and date.
 */
export interface CaseTransitionInput {
  to: CaseState;
  version?: number;
  comment?: string;
  reasonCode?: DeclineReason;
  reasonText?: string;
  /** 万元, decimal string. */
  approvedAmount?: string;
  ratePercent?: string;
  termMonths?: number;
  amount?: string;
  /** YYYY-MM-DD */
  disbursedOn?: string;
}

/** A new financial product (POST /products; a draft until published). Amounts in 万元, rates in %, decimal strings. */
export interface ProductInput {
  name: string;
  type: ProductType;
  description?: string;
  minAmount?: string | null;
  maxAmount?: string | null;
  minTermMonths?: number | null;
  maxTermMonths?: number | null;
  rateKind?: RateKind;
  rateMinPercent?: string | null;
  rateMaxPercent?: string | null;
  lprBasisPointsMin?: number | null;
  lprBasisPointsMax?: number | null;
  collateralAccepted?: CollateralKind[];
  categoryRules?: CategoryRule[];
  counties?: string[];
  enterpriseSizes?: EnterpriseSize[];
  minGreenGrade?: string | null;
  tags?: string[];
  requiredMaterials?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  validFrom?: string | null;
  validUntil?: string | null;
}

/** A change of a product (PATCH /products/:id): any of its fields, and the version read. */
export type ProductUpdateInput = Partial<ProductInput> & { version: number };

/** An enterprise applies for a product with one of its needs (POST /cases/apply). */
export interface CaseApplyInput {
  needId: string;
  productId: string;
  comment?: string;
}

/** A bank takes up a need it may see (POST /cases/claim), optionally naming its product. */
export interface CaseClaimInput {
  needId: string;
  productId?: string;
  comment?: string;
}

/** The bureau pushes a need to banks (POST /cases/push); answers the cases opened. */
export interface CasePushInput {
  needId: string;
  bankOrgIds: string[];
  comment?: string;
}
export interface CasePushAnswer {
  created: string[];
}

/** A tranche of a disbursed loan (POST /cases/:id/tranches); 万元, decimal string. */
export interface CaseTrancheInput {
  amount: string;
  /** YYYY-MM-DD */
  disbursedOn?: string;
  note?: string;
}

/** The bureau hands a case to another bank (POST /cases/:id/reassign). */
export interface CaseReassignInput {
  bankOrgId: string;
  comment?: string;
}

/** A check of how the funds were used (POST /cases/:id/fund-use-checks). */
export interface FundUseCheckInput {
  /** YYYY-MM-DD */
  checkedOn: string;
  result: FundUseResult;
  detail?: string;
}

/** POST /cases/:id/refer: a product of another bank (the enterprise or the bureau), or a bank (the bureau). */
export interface CaseReferInput {
  productId?: string;
  bankOrgId?: string;
  comment?: string;
}

/** The bureau's pipeline (GET /cases/pipeline): cases by state with how many are overdue, and the overdue total. */
export interface CasePipelineView {
  byState: { state: CaseState; total: number; overdue: number }[];
  overdue: number;
}
