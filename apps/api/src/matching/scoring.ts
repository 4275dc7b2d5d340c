import {
  CategoryRule,
  COLLATERAL_KIND_LABELS,
  CollateralKind,
  CriterionExplanation,
  CriterionResult,
  divisionByCode,
  ENTERPRISE_SIZE_LABELS,
  EnterpriseSize,
  FINANCING_INSTRUMENT_LABELS,
  FinancingInstrument,
  formatRange,
  fromScaled,
  isBoundedRange,
  MATCH_CRITERION_LABELS,
  MatchCriterion,
  MatchExplanation,
  PRODUCT_TYPE_INSTRUMENT,
  ProductType,
  RateKind,
  RELATED_INSTRUMENTS,
  toScaled,
} from '@zj/shared';

/**
 * Matching as plain functions: a need and a product in, a 0–100 score and an explanation of every
 * criterion out. Hard criteria that are not met exclude the product; soft ones only lower the score.
 * Amounts are compared as exact scaled integers (bigint, @zj/shared decimal), never as floats.
 */

/** What matching reads of a financing need and its enterprise. */
export interface MatchNeed {
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  collateral: CollateralKind[];
  maxRatePercent: string | null;
  /** The project's categories; empty for a need of the enterprise as a whole. */
  categories: { version: string; code: string }[];
  /** Where the project is (null for a need of the enterprise as a whole). */
  projectDivisionCode: string | null;
  enterpriseDivisionCode: string | null;
  size: EnterpriseSize | null;
  /** Current green grade, e.g. 'B' (A is best); null when not graded. */
  grade: string | null;
}

/** What matching reads of a product. */
export interface MatchProduct {
  type: ProductType;
  minAmount: string | null;
  maxAmount: string | null;
  minTermMonths: number | null;
  maxTermMonths: number | null;
  rateKind: RateKind;
  rateMinPercent: string | null;
  rateMaxPercent: string | null;
  lprBasisPointsMin: number | null;
  lprBasisPointsMax: number | null;
  collateralAccepted: CollateralKind[];
  categoryRules: CategoryRule[];
  counties: string[];
  enterpriseSizes: EnterpriseSize[];
  minGreenGrade: string | null;
}

export interface MatchContext {
  /** The one-year LPR in percent, e.g. '3.00', to read LPR + basis-point rates. */
  lprPercent: string;
}

/** Weights (sum 100) and whether a criterion excludes when not met. */
export const CRITERIA: Record<MatchCriterion, { weight: number; hard: boolean }> = {
  [MatchCriterion.CATEGORY]: { weight: 25, hard: true },
  [MatchCriterion.AMOUNT]: { weight: 15, hard: true },
  [MatchCriterion.TERM]: { weight: 10, hard: true },
  [MatchCriterion.INSTRUMENT]: { weight: 15, hard: true },
  [MatchCriterion.COLLATERAL]: { weight: 10, hard: false },
  [MatchCriterion.COUNTY]: { weight: 5, hard: true },
  [MatchCriterion.SIZE]: { weight: 5, hard: true },
  [MatchCriterion.GREEN_GRADE]: { weight: 10, hard: true },
  [MatchCriterion.RATE]: { weight: 5, hard: false },
};

/** How far outside a product's amount or term range a need still partly fits (20%). */
export const PARTIAL_TOLERANCE_PERCENT = 20n;

type Verdict = { result: CriterionResult; fraction: number; explanation: string };

const UNITS_CACHE = new Map<string, bigint>();

/** An amount in 万元 ('500.00') as an exact scaled integer (toScaled). Parsed amounts are remembered: products and needs repeat a few values. */
export function amountUnits(amount: string): bigint {
  const hit = UNITS_CACHE.get(amount);
  if (hit !== undefined) return hit;
  const u = toScaled(amount);
  if (u < 0n) throw new Error(`not an amount: ${amount}`);
  if (UNITS_CACHE.size >= 10_000) UNITS_CACHE.clear();
  UNITS_CACHE.set(amount, u);
  return u;
}

/** '500.00' → '500', '12.50' → '12.5' for explanations. */
export function formatWan(amount: string): string {
  return fromScaled(amountUnits(amount), 2).replace(/0+$/, '').replace(/\.$/, '');
}

const topLevel = (code: string) => code.split('.')[0];
const secondLevel = (code: string) => code.split('.').slice(0, 2).join('.');
const depth = (code: string) => code.split('.').length;
const SIZE_ORDER: EnterpriseSize[] = [EnterpriseSize.MICRO, EnterpriseSize.SMALL, EnterpriseSize.MEDIUM, EnterpriseSize.LARGE];
/** A rate in percent ('3.45', two decimals) in basis points (345), exactly. */
const bp = (p: string) => Number(toScaled(p) / 100n);

// ------------------------------------------------------------------ facts

/**
 * A need as matching reads it, derived once (split codes, amount units, the rate ceiling…) and then
 * compared with every product without allocating: ranking scores thousands of pairs per request.
 */
export interface NeedFacts {
  need: MatchNeed;
  cats: { version: string; code: string; second: string; top: string }[];
  units: bigint;
  /** units × 100, compared with a product's limits widened by the partial tolerance. */
  units100: bigint;
  /** Collateral offered, without NONE. */
  offered: CollateralKind[];
  grade: string | null;
  sizeIndex: number;
  ceilingBp: number | null;
}

/** A product as matching reads it, derived once (see NeedFacts); the product index keeps them. */
export interface ProductFacts {
  product: MatchProduct;
  rules: { version: string; prefix: string; prefixDot: string; depth: number; second: string; top: string }[];
  minUnits: bigint | null;
  maxUnits: bigint | null;
  /** max × 120% and min × 80% (in units × 100): the partial-fit band of the amount. */
  amountHigh: bigint | null;
  amountLow: bigint | null;
  offered: FinancingInstrument;
  unsecured: boolean;
  sizeIndexes: number[];
  minGrade: string | null;
  /** The fixed rate range in basis points, or the LPR spread (added to the LPR of the context). */
  rate: { min: number; max: number; lprPlus: boolean } | null;
}

export function needFacts(need: MatchNeed): NeedFacts {
  const c = amountUnits(need.amount);
  return {
    need,
    cats: need.categories.map((x) => ({ version: x.version, code: x.code, second: secondLevel(x.code), top: topLevel(x.code) })),
    units: c,
    units100: c * 100n,
    offered: need.collateral.filter((x) => x !== CollateralKind.NONE),
    grade: need.grade ? need.grade.toUpperCase() : null,
    sizeIndex: need.size ? SIZE_ORDER.indexOf(need.size) : -1,
    ceilingBp: need.maxRatePercent === null ? null : bp(need.maxRatePercent),
  };
}

export function productFacts(product: MatchProduct): ProductFacts {
  const minUnits = product.minAmount === null ? null : amountUnits(product.minAmount);
  const maxUnits = product.maxAmount === null ? null : amountUnits(product.maxAmount);
  let rate: ProductFacts['rate'] = null;
  if (product.rateKind === RateKind.FIXED && product.rateMinPercent !== null) {
    rate = { min: bp(product.rateMinPercent), max: bp(product.rateMaxPercent ?? product.rateMinPercent), lprPlus: false };
  } else if (product.rateKind === RateKind.LPR_PLUS && product.lprBasisPointsMin !== null) {
    rate = { min: product.lprBasisPointsMin, max: product.lprBasisPointsMax ?? product.lprBasisPointsMin, lprPlus: true };
  }
  return {
    product,
    rules: product.categoryRules.map((r) => ({ version: r.version, prefix: r.prefix, prefixDot: `${r.prefix}.`, depth: depth(r.prefix), second: secondLevel(r.prefix), top: topLevel(r.prefix) })),
    minUnits,
    maxUnits,
    amountHigh: maxUnits === null ? null : maxUnits * (100n + PARTIAL_TOLERANCE_PERCENT),
    amountLow: minUnits === null ? null : minUnits * (100n - PARTIAL_TOLERANCE_PERCENT),
    offered: PRODUCT_TYPE_INSTRUMENT[product.type],
    unsecured: product.collateralAccepted.length === 0 || product.collateralAccepted.includes(CollateralKind.NONE),
    sizeIndexes: product.enterpriseSizes.map((s) => SIZE_ORDER.indexOf(s)),
    minGrade: product.minGreenGrade ? product.minGreenGrade.toUpperCase() : null,
    rate,
  };
}

let lprCache = { percent: '', bp: 0 };
function lprBp(ctx: MatchContext): number {
  if (lprCache.percent !== ctx.lprPercent) lprCache = { percent: ctx.lprPercent, bp: bp(ctx.lprPercent) };
  return lprCache.bp;
}

function rateRange(p: ProductFacts, ctx: MatchContext): { min: number; max: number } | null {
  if (!p.rate) return null;
  if (!p.rate.lprPlus) return p.rate;
  const lpr = lprBp(ctx);
  return { min: lpr + p.rate.min, max: lpr + p.rate.max };
}

/** The product's lowest rate in basis points (ranking's tie-break), without allocating. */
export function lowestRateBp(p: ProductFacts, ctx: MatchContext): number | null {
  if (!p.rate) return null;
  return p.rate.lprPlus ? lprBp(ctx) + p.rate.min : p.rate.min;
}

/** The product's lowest and highest annual rate in basis points of percent (1% = 100), or null. */
export function productRateRangeBp(product: MatchProduct, ctx: MatchContext): { min: number; max: number } | null {
  const r = rateRange(productFacts(product), ctx);
  return r && { min: r.min, max: r.max };
}

// ------------------------------------------------------------------ outcomes

/**
 * Each criterion is decided by a function answering one of its outcomes (shared constants: deciding
 * allocates nothing), and explained by a function writing the outcome's sentence from the same facts.
 * Scoring thousands of products decides only; the products answered are also explained.
 */
interface Outcome {
  result: CriterionResult;
  fraction: number;
}
const MET = (fraction = 1): Outcome => ({ result: CriterionResult.MET, fraction });
const PARTLY = (fraction = 0.5): Outcome => ({ result: CriterionResult.PARTLY, fraction });
const NOT_MET = (): Outcome => ({ result: CriterionResult.NOT_MET, fraction: 0 });

interface Criterion {
  decide(n: NeedFacts, p: ProductFacts, ctx: MatchContext): Outcome;
  explain(o: Outcome, n: NeedFacts, p: ProductFacts, ctx: MatchContext): string;
}

// ---- category fit: exact code, same second level, same top level

const CAT = {
  any: MET(),
  enterpriseWide: PARTLY(0.4),
  exact: MET(1),
  underSecond: MET(0.9),
  underTop: MET(0.8),
  sameSecond: PARTLY(0.5),
  sameTop: PARTLY(0.3),
  otherVersion: NOT_MET(),
  other: NOT_MET(),
};
/** Where decideCategory found its answer: the need's category and the product's rule (read by the explanation). */
let catBestC = 0;
let catBestR = 0;

function decideCategory(n: NeedFacts, p: ProductFacts): Outcome {
  if (p.rules.length === 0) return CAT.any;
  if (n.cats.length === 0) return CAT.enterpriseWide;
  // The first of the best fits, in the order of the need's categories and the product's rules.
  let best: Outcome | null = null;
  let bc = 0;
  let br = 0;
  for (let ci = 0; ci < n.cats.length; ci++) {
    const c = n.cats[ci];
    for (let ri = 0; ri < p.rules.length; ri++) {
      const r = p.rules[ri];
      if (r.version !== c.version) continue;
      let v: Outcome | null = null;
      if (c.code === r.prefix || c.code.startsWith(r.prefixDot)) {
        if (r.prefix === c.code) v = CAT.exact;
        else if (r.depth >= 2) v = CAT.underSecond;
        else v = CAT.underTop;
      } else if (r.depth >= 2 && r.second === c.second) {
        v = CAT.sameSecond;
      } else if (r.top === c.top) {
        v = CAT.sameTop;
      }
      if (v && (!best || v.fraction > best.fraction)) {
        best = v;
        bc = ci;
        br = ri;
      }
    }
  }
  if (best) {
    catBestC = bc;
    catBestR = br;
    return best;
  }
  for (const r of p.rules) for (const c of n.cats) if (r.version === c.version) return CAT.other;
  return CAT.otherVersion;
}

function explainCategory(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  if (o === CAT.any) return '产品不限绿色类别';
  if (o === CAT.enterpriseWide) return '企业整体融资需求，未指定项目类别，须由金融机构判断绿色属性';
  if (o === CAT.otherVersion) {
    const versions = [...new Set(p.rules.map((r) => r.version))];
    const needVersions = new Set(n.cats.map((c) => c.version));
    return `产品按目录 ${versions.join('、')} 确定支持类别，项目按 ${[...needVersions].join('、')} 分类`;
  }
  if (o === CAT.other) return `项目类别 ${n.cats.map((c) => c.code).join('、')} 不在产品支持的绿色类别 ${p.rules.map((r) => r.prefix).join('、')} 内`;
  decideCategory(n, p);
  const c = n.cats[catBestC];
  const r = p.rules[catBestR];
  if (o === CAT.exact) return `项目类别 ${c.code} 与产品支持类别完全一致`;
  if (o === CAT.underSecond) return `项目类别 ${c.code} 属于产品支持的二级类别 ${r.prefix}`;
  if (o === CAT.underTop) return `项目类别 ${c.code} 属于产品支持的一级类别 ${r.prefix}`;
  if (o === CAT.sameSecond) return `项目类别 ${c.code} 与产品支持类别 ${r.prefix} 同属二级类别 ${c.second}`;
  return `项目类别 ${c.code} 与产品支持类别 ${r.prefix} 仅同属一级类别 ${c.top}`;
}

// ---- amount

const AMOUNT = { met: MET(), aboveSlightly: PARTLY(), above: NOT_MET(), belowSlightly: PARTLY(), below: NOT_MET() };

function decideAmount(n: NeedFacts, p: ProductFacts): Outcome {
  if (p.maxUnits !== null && n.units > p.maxUnits) {
    // Within 20% above the ceiling the product still covers most of it.
    return n.units100 <= p.amountHigh! ? AMOUNT.aboveSlightly : AMOUNT.above;
  }
  if (p.minUnits !== null && n.units < p.minUnits) return n.units100 >= p.amountLow! ? AMOUNT.belowSlightly : AMOUNT.below;
  return AMOUNT.met;
}

/**
 * "金额300万元在产品额度50–500万元内" for a range between two ends; otherwise the limit in brackets:
 * "期限120个月符合产品期限（不超过120个月）", "期限12个月符合产品期限（12个月）" (formatRange writes the range).
 */
function withinRange(subject: string, what: string, min: string | number | null, max: string | number | null, unit: string) {
  const range = formatRange(min, max, unit);
  return isBoundedRange(min, max) ? `${subject}在${what}${range}内` : `${subject}符合${what}（${range}）`;
}

function explainAmount(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  const { minAmount, maxAmount } = p.product;
  if (o === AMOUNT.aboveSlightly) return `金额略高于产品上限${formatWan(maxAmount!)}万元，可部分满足`;
  if (o === AMOUNT.above) return `金额高于产品上限${formatWan(maxAmount!)}万元`;
  if (o === AMOUNT.belowSlightly) return `金额略低于产品下限${formatWan(minAmount!)}万元`;
  if (o === AMOUNT.below) return `金额低于产品下限${formatWan(minAmount!)}万元`;
  return withinRange(`金额${formatWan(n.need.amount)}万元`, '产品额度', minAmount && formatWan(minAmount), maxAmount && formatWan(maxAmount), '万元');
}

// ---- term

const TERM = { met: MET(), longerSlightly: PARTLY(), longer: NOT_MET(), shorterSlightly: PARTLY(), shorter: NOT_MET() };
const tolerance = (x: number) => Math.max(1, Math.floor((x * Number(PARTIAL_TOLERANCE_PERCENT)) / 100));

function decideTerm(n: NeedFacts, p: ProductFacts): Outcome {
  const t = n.need.termMonths;
  const { minTermMonths: min, maxTermMonths: max } = p.product;
  if (max !== null && t > max) return t - max <= tolerance(max) ? TERM.longerSlightly : TERM.longer;
  if (min !== null && t < min) return min - t <= tolerance(min) ? TERM.shorterSlightly : TERM.shorter;
  return TERM.met;
}

function explainTerm(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  const t = n.need.termMonths;
  const { minTermMonths: min, maxTermMonths: max } = p.product;
  if (o === TERM.longerSlightly) return `期限${t}个月略长于产品最长期限${max}个月`;
  if (o === TERM.longer) return `期限${t}个月长于产品最长期限${max}个月`;
  if (o === TERM.shorterSlightly) return `期限${t}个月略短于产品最短期限${min}个月`;
  if (o === TERM.shorter) return `期限${t}个月短于产品最短期限${min}个月`;
  return withinRange(`期限${t}个月`, '产品期限', min, max, '个月');
}

// ---- instrument

export function instrumentsRelated(a: FinancingInstrument, b: FinancingInstrument): boolean {
  return RELATED_INSTRUMENTS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

const INSTRUMENT = { same: MET(), related: PARTLY(), other: NOT_MET() };

function decideInstrument(n: NeedFacts, p: ProductFacts): Outcome {
  if (p.offered === n.need.instrument) return INSTRUMENT.same;
  return instrumentsRelated(p.offered, n.need.instrument) ? INSTRUMENT.related : INSTRUMENT.other;
}

function explainInstrument(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  const wanted = FINANCING_INSTRUMENT_LABELS[n.need.instrument];
  if (o === INSTRUMENT.same) return `融资方式一致（${wanted}）`;
  if (o === INSTRUMENT.related) return `企业需要${wanted}，产品为相近的${FINANCING_INSTRUMENT_LABELS[p.offered]}`;
  return `企业需要${wanted}，产品为${FINANCING_INSTRUMENT_LABELS[p.offered]}`;
}

// ---- collateral (soft)

const COLLATERAL = { unsecured: MET(), offered: MET(), negotiable: PARTLY(), none: NOT_MET() };

function decideCollateral(n: NeedFacts, p: ProductFacts): Outcome {
  if (p.unsecured) return COLLATERAL.unsecured;
  const accepted = p.product.collateralAccepted;
  for (const c of n.offered) if (accepted.includes(c)) return COLLATERAL.offered;
  return n.offered.length ? COLLATERAL.negotiable : COLLATERAL.none;
}

function explainCollateral(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  if (o === COLLATERAL.unsecured) return '产品接受信用方式，无需抵质押';
  const accepted = p.product.collateralAccepted;
  if (o === COLLATERAL.offered) return `企业可提供${n.offered.filter((c) => accepted.includes(c)).map((c) => COLLATERAL_KIND_LABELS[c]).join('、')}，为产品接受的担保方式`;
  const acceptedText = accepted.map((c) => COLLATERAL_KIND_LABELS[c]).join('、');
  if (o === COLLATERAL.negotiable) return `企业可提供的担保方式不在产品所列（${acceptedText}）之内，需协商`;
  return `产品需要${acceptedText}，企业未提供担保`;
}

// ---- county

const COUNTY = { city: MET(), project: MET(), enterprise: MET(), enterpriseOnly: PARTLY(), outside: NOT_MET() };

function decideCounty(n: NeedFacts, p: ProductFacts): Outcome {
  const counties = p.product.counties;
  if (counties.length === 0) return COUNTY.city;
  const { projectDivisionCode: project, enterpriseDivisionCode: enterprise } = n.need;
  if (project && counties.includes(project)) return COUNTY.project;
  if (!project && enterprise && counties.includes(enterprise)) return COUNTY.enterprise;
  if (enterprise && counties.includes(enterprise)) return COUNTY.enterpriseOnly;
  return COUNTY.outside;
}

const divisionName = (c: string | null) => (c ? (divisionByCode(c)?.name ?? c) : '未知');

function explainCounty(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  const { projectDivisionCode: project, enterpriseDivisionCode: enterprise } = n.need;
  if (o === COUNTY.city) return '产品服务湛江全市';
  if (o === COUNTY.project) return `项目所在地${divisionName(project)}在产品服务区域内`;
  if (o === COUNTY.enterprise) return `企业所在地${divisionName(enterprise)}在产品服务区域内`;
  if (o === COUNTY.enterpriseOnly) return `企业注册地${divisionName(enterprise)}在服务区域内，但项目位于${divisionName(project)}`;
  return `${divisionName(project ?? enterprise)}不在产品服务区域（${p.product.counties.map(divisionName).join('、')}）内`;
}

// ---- enterprise size

const SIZE = { any: MET(), unknown: PARTLY(), listed: MET(), adjacent: PARTLY(), other: NOT_MET() };

function decideSize(n: NeedFacts, p: ProductFacts): Outcome {
  const sizes = p.product.enterpriseSizes;
  if (sizes.length === 0) return SIZE.any;
  if (!n.need.size) return SIZE.unknown;
  if (sizes.includes(n.need.size)) return SIZE.listed;
  for (const j of p.sizeIndexes) if (Math.abs(j - n.sizeIndex) === 1) return SIZE.adjacent;
  return SIZE.other;
}

function explainSize(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  if (o === SIZE.any) return '产品不限企业规模';
  const sizes = p.product.enterpriseSizes.map((s) => ENTERPRISE_SIZE_LABELS[s]).join('、');
  if (o === SIZE.unknown) return `企业规模未填报，产品面向${sizes}企业`;
  const size = ENTERPRISE_SIZE_LABELS[n.need.size!];
  if (o === SIZE.listed) return `${size}企业在产品支持范围内`;
  if (o === SIZE.adjacent) return `产品面向${sizes}企业，企业为相邻的${size}企业`;
  return `产品面向${sizes}企业，企业为${size}企业`;
}

// ---- green grade: letters, A best ('A' < 'B' in string order means better)

const GRADE = { none: MET(), ungraded: PARTLY(), reached: MET(), oneShort: PARTLY(), short: NOT_MET() };

function decideGrade(n: NeedFacts, p: ProductFacts): Outcome {
  const min = p.minGrade;
  if (!min) return GRADE.none;
  const g = n.grade;
  if (!g) return GRADE.ungraded;
  if (g <= min) return GRADE.reached;
  return g.charCodeAt(0) - min.charCodeAt(0) === 1 ? GRADE.oneShort : GRADE.short;
}

function explainGrade(o: Outcome, n: NeedFacts, p: ProductFacts): string {
  const min = p.minGrade;
  const g = n.grade;
  if (o === GRADE.none) return '产品无绿色评级要求';
  if (o === GRADE.ungraded) return `企业尚未评级，产品要求绿色评级${min}级及以上`;
  if (o === GRADE.reached) return `企业绿色评级${g}级，达到产品要求的${min}级`;
  if (o === GRADE.oneShort) return `企业绿色评级${g}级，比产品要求的${min}级低一级`;
  return `企业绿色评级${g}级，低于产品要求的${min}级`;
}

// ---- rate ceiling (soft)

const RATE = { noCeiling: MET(), noRate: MET(), below: MET(), partly: PARTLY(), above: NOT_MET() };

function decideRate(n: NeedFacts, p: ProductFacts, ctx: MatchContext): Outcome {
  const ceiling = n.ceilingBp;
  if (ceiling === null) return RATE.noCeiling;
  if (!p.rate) return RATE.noRate;
  const lpr = p.rate.lprPlus ? lprBp(ctx) : 0;
  if (lpr + p.rate.max <= ceiling) return RATE.below;
  return lpr + p.rate.min <= ceiling ? RATE.partly : RATE.above;
}

const pct = (bp: number) => (bp / 100).toFixed(2).replace(/0$/, '');

function explainRate(o: Outcome, n: NeedFacts, p: ProductFacts, ctx: MatchContext): string {
  if (o === RATE.noCeiling) return '企业未设利率上限';
  if (o === RATE.noRate) return '产品不以利率计价';
  const range = rateRange(p, ctx)!;
  const ceiling = n.ceilingBp!;
  const rates = formatRange(pct(range.min), pct(range.max), '%');
  if (o === RATE.below) return `产品利率${rates}不高于企业可接受的${pct(ceiling)}%`;
  if (o === RATE.partly) return `产品利率${rates}部分高于企业可接受的${pct(ceiling)}%`;
  return `产品最低利率${pct(range.min)}%高于企业可接受的${pct(ceiling)}%`;
}

const CRITERION_RULES: Record<MatchCriterion, Criterion> = {
  [MatchCriterion.CATEGORY]: { decide: decideCategory, explain: explainCategory },
  [MatchCriterion.AMOUNT]: { decide: decideAmount, explain: explainAmount },
  [MatchCriterion.TERM]: { decide: decideTerm, explain: explainTerm },
  [MatchCriterion.INSTRUMENT]: { decide: decideInstrument, explain: explainInstrument },
  [MatchCriterion.COLLATERAL]: { decide: decideCollateral, explain: explainCollateral },
  [MatchCriterion.COUNTY]: { decide: decideCounty, explain: explainCounty },
  [MatchCriterion.SIZE]: { decide: decideSize, explain: explainSize },
  [MatchCriterion.GREEN_GRADE]: { decide: decideGrade, explain: explainGrade },
  [MatchCriterion.RATE]: { decide: decideRate, explain: explainRate },
};

function verdict(c: MatchCriterion, need: MatchNeed, product: MatchProduct, ctx: MatchContext): Verdict {
  const n = needFacts(need);
  const p = productFacts(product);
  const o = CRITERION_RULES[c].decide(n, p, ctx);
  return { result: o.result, fraction: o.fraction, explanation: CRITERION_RULES[c].explain(o, n, p, ctx) };
}
/** One criterion's verdict for a need and a product (the context only matters for the rate). */
const single = (c: MatchCriterion) => (need: MatchNeed, product: MatchProduct): Verdict => verdict(c, need, product, { lprPercent: '0' });
export const categoryVerdict = single(MatchCriterion.CATEGORY);
export const amountVerdict = single(MatchCriterion.AMOUNT);
export const termVerdict = single(MatchCriterion.TERM);
export const instrumentVerdict = single(MatchCriterion.INSTRUMENT);
export const collateralVerdict = single(MatchCriterion.COLLATERAL);
export const countyVerdict = single(MatchCriterion.COUNTY);
export const sizeVerdict = single(MatchCriterion.SIZE);
export const gradeVerdict = single(MatchCriterion.GREEN_GRADE);
export const rateVerdict = (need: MatchNeed, product: MatchProduct, ctx: MatchContext): Verdict => verdict(MatchCriterion.RATE, need, product, ctx);

// ------------------------------------------------------------------ score and explanation

/** The criteria in explanation order, with weights, labels and rules. */
const ORDERED = Object.values(MatchCriterion).map((criterion) => ({ criterion, ...CRITERIA[criterion], ...CRITERION_RULES[criterion], label: MATCH_CRITERION_LABELS[criterion] }));

const points = (weight: number, fraction: number) => Math.round(weight * fraction * 10) / 10;

/** What ranking reads of a match: the score, whether it is eligible, and the hard criteria not met. */
export type MatchScore = Pick<MatchExplanation, 'score' | 'eligible' | 'failed'>;

/**
 * The score of one product for one need, without the explanation: the same decisions and arithmetic
 * as explainFacts (whose score, eligibility and failures it always equals), minus the sentences.
 */
export function scoreFacts(n: NeedFacts, p: ProductFacts, ctx: MatchContext): MatchScore {
  let total = 0;
  let failed: MatchCriterion[] | null = null;
  for (const c of ORDERED) {
    const o = c.decide(n, p, ctx);
    total += points(c.weight, o.fraction);
    if (c.hard && o.result === CriterionResult.NOT_MET) (failed ??= []).push(c.criterion);
  }
  return { score: Math.round(total), eligible: failed === null, failed: failed ?? [] };
}

/** Scores one product for one need and explains every criterion. */
export function explainFacts(n: NeedFacts, p: ProductFacts, ctx: MatchContext): MatchExplanation {
  const criteria: CriterionExplanation[] = [];
  let total = 0;
  for (const { criterion, weight, hard, decide, explain, label } of ORDERED) {
    const o = decide(n, p, ctx);
    const earned = points(weight, o.fraction);
    total += earned;
    criteria.push({ criterion, label, result: o.result, hard, weight, points: earned, explanation: explain(o, n, p, ctx) });
  }
  const failed = criteria.filter((c) => c.hard && c.result === CriterionResult.NOT_MET).map((c) => c.criterion);
  const eligible = failed.length === 0;
  const score = Math.round(total);
  let summary: string;
  if (!eligible) {
    summary = criteria.filter((c) => failed.includes(c.criterion)).map((c) => c.explanation).join('；');
  } else {
    const good = criteria.filter((c) => c.result === CriterionResult.MET).map((c) => c.label);
    const weak = criteria.filter((c) => c.result !== CriterionResult.MET).map((c) => `${c.label}${c.result === CriterionResult.PARTLY ? '部分符合' : '不符合'}`);
    summary = `${good.join('、')}符合${weak.length ? `；${weak.join('、')}` : ''}`;
  }
  return { score, eligible, failed, criteria, summary };
}

/** Scores one product for one need without explaining (see scoreFacts). */
export function scoreMatch(need: MatchNeed, product: MatchProduct, ctx: MatchContext): MatchScore {
  return scoreFacts(needFacts(need), productFacts(product), ctx);
}

/** Scores one product for one need and explains every criterion. */
export function explainMatch(need: MatchNeed, product: MatchProduct, ctx: MatchContext): MatchExplanation {
  return explainFacts(needFacts(need), productFacts(product), ctx);
}

/** Ranks scored products: eligible ones by score (then the lower rate), and the near misses (exactly one hard criterion failed). */
export function rankMatches<T, M extends MatchScore = MatchExplanation>(items: { item: T; match: M; tieBreak?: number }[], limit: number) {
  const byScore = (a: { match: M; tieBreak?: number }, b: { match: M; tieBreak?: number }) => b.match.score - a.match.score || (a.tieBreak ?? 0) - (b.tieBreak ?? 0);
  const matches = items.filter((i) => i.match.eligible).sort(byScore).slice(0, limit);
  const nearMisses = items.filter((i) => i.match.failed.length === 1).sort(byScore).slice(0, limit);
  return { matches, nearMisses };
}
