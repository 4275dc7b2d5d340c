import { EnterpriseSize, FinancingInstrument, ProductStatus, ProductType } from '@zj/shared';
import { DataSource } from 'typeorm';
import { Product } from '../products';
import { zhanjiangDate } from '../common/time';
import { compatibleProductTypes, sizesWithin } from './candidates';
import { amountUnits, MatchNeed, NeedFacts, needFacts, PARTIAL_TOLERANCE_PERCENT, ProductFacts, productFacts } from './scoring';

/** A live product with what the quick pre-check needs, parsed once. */
export interface IndexedProduct {
  product: Product;
  bankName: string;
  minUnits: bigint | null;
  maxUnits: bigint | null;
  tops: Set<string>;
  /** Derived from the product on first use. */
  limits?: Limits;
  facts?: ProductFacts;
}

/** The product's facts for scoring (see scoring.ts), derived once. */
export function factsOf(ip: IndexedProduct): ProductFacts {
  return (ip.facts ??= productFacts(ip.product));
}

/** The pre-check's thresholds of a product, derived once from its fields (see quickHardFails). */
export interface Limits {
  /** Amount fails when need units × 100 is above this (max × 120%) or below `amountLow` (min × 80%). */
  amountHigh: bigint | null;
  amountLow: bigint | null;
  /** Term fails beyond these months (the range widened by the partial tolerance). */
  termHigh: number | null;
  termLow: number | null;
  grade: number | null;
  tops: string[];
}

const tol = (x: number) => Math.max(1, Math.floor((x * Number(PARTIAL_TOLERANCE_PERCENT)) / 100));

function limitsOf(ip: IndexedProduct): Limits {
  if (!ip.limits) {
    const p = ip.product;
    ip.limits = {
      amountHigh: ip.maxUnits === null ? null : ip.maxUnits * (100n + PARTIAL_TOLERANCE_PERCENT),
      amountLow: ip.minUnits === null ? null : ip.minUnits * (100n - PARTIAL_TOLERANCE_PERCENT),
      termHigh: p.maxTermMonths === null ? null : p.maxTermMonths + tol(p.maxTermMonths),
      termLow: p.minTermMonths === null ? null : p.minTermMonths - tol(p.minTermMonths),
      grade: p.minGreenGrade ? p.minGreenGrade.toUpperCase().charCodeAt(0) : null,
      tops: [...ip.tops],
    };
  }
  return ip.limits;
}

export function indexProduct(p: Product, bankName: string): IndexedProduct {
  const ip: IndexedProduct = {
    product: p,
    bankName,
    minUnits: p.minAmount === null ? null : amountUnits(p.minAmount),
    maxUnits: p.maxAmount === null ? null : amountUnits(p.maxAmount),
    tops: new Set(p.categoryRules.map((r) => `${r.version}:${r.prefix.split('.')[0]}`)),
  };
  limitsOf(ip);
  factsOf(ip);
  return ip;
}

/**
 * The published products, kept in memory: a few thousand rows that change rarely. Every use reads
 * one row, the catalogue's change counter (bumped in the same transaction as any change to a
 * published product, by a trigger: migration 1764300500000), and reloads when it moved or the day
 * changed (validity dates), so a product published, edited or withdrawn through any API process is
 * matched at once.
 */
export class ProductIndex {
  private stamp = -1n;
  private day = '';
  private items: IndexedProduct[] = [];
  private loading: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  private async currentStamp(): Promise<bigint> {
    const [row] = await this.dataSource.query(`SELECT changes::text AS changes FROM product_catalogue_changes WHERE id = 1`);
    return BigInt(row?.changes ?? 0);
  }

  async live(): Promise<IndexedProduct[]> {
    const wanted = await this.currentStamp();
    // A load labels itself with the counter read just before its query, so once the loaded counter
    // has reached the one read here, the products are at least as new as this call.
    while (this.stamp < wanted || this.day !== zhanjiangDate()) {
      this.loading ??= this.load().finally(() => (this.loading = null));
      await this.loading;
    }
    return this.items;
  }

  private async load() {
    const today = zhanjiangDate();
    const stamp = await this.currentStamp();
    const products = await this.dataSource.getRepository(Product).find({ where: { status: ProductStatus.PUBLISHED }, relations: { bank: true } });
    this.items = products.filter((p) => (!p.validFrom || p.validFrom <= today) && (!p.validUntil || p.validUntil >= today)).map((p) => indexProduct(p, p.bank?.name ?? ''));
    this.stamp = stamp;
    this.day = today;
  }
}

/** A need prepared once for quick checks against many products. */
export interface PreparedNeed {
  need: MatchNeed;
  /** For scoring (see scoring.ts). */
  facts: NeedFacts;
  units: bigint;
  /** units × 100, compared with the products' amount limits. */
  units100: bigint;
  types: Set<string>;
  divisions: string[];
  sizes: Set<string> | null;
  grade: number | null;
  tops: Set<string>;
}

const TYPES_BY_INSTRUMENT = new Map<FinancingInstrument, Set<ProductType>>();
const SIZES_WITHIN = new Map<EnterpriseSize, Set<string>>();

export function prepareNeed(need: MatchNeed): PreparedNeed {
  let types = TYPES_BY_INSTRUMENT.get(need.instrument);
  if (!types) TYPES_BY_INSTRUMENT.set(need.instrument, (types = new Set(compatibleProductTypes(need.instrument))));
  let sizes: Set<string> | null = null;
  if (need.size) {
    sizes = SIZES_WITHIN.get(need.size) ?? null;
    if (!sizes) SIZES_WITHIN.set(need.size, (sizes = new Set<string>(sizesWithin(need.size))));
  }
  const c = amountUnits(need.amount);
  return {
    need,
    facts: needFacts(need),
    units: c,
    units100: c * 100n,
    types,
    divisions: [need.projectDivisionCode, need.enterpriseDivisionCode].filter((d): d is string => !!d),
    sizes,
    grade: need.grade ? need.grade.toUpperCase().charCodeAt(0) : null,
    tops: new Set(need.categories.map((c) => `${c.version}:${c.code.split('.')[0]}`)),
  };
}

/**
 * How many hard criteria certainly fail, counted cheaply; never more than explainMatch would find
 * (each test is the NOT_MET condition of scoring.ts, or looser). Used to skip hopeless products.
 * Stops counting past `stopAbove` (the answer is then some number above it).
 */
export function quickHardFails(n: PreparedNeed, ip: IndexedProduct, stopAbove = Infinity): number {
  const p = ip.product;
  const l = limitsOf(ip);
  let f = 0;
  if (!n.types.has(p.type)) f++;
  if ((l.amountHigh !== null && n.units100 > l.amountHigh) || (l.amountLow !== null && n.units100 < l.amountLow)) f++;
  if (f > stopAbove) return f;
  const t = n.need.termMonths;
  if ((l.termHigh !== null && t > l.termHigh) || (l.termLow !== null && t < l.termLow)) f++;
  if (f > stopAbove) return f;
  if (l.tops.length && n.tops.size && !l.tops.some((x) => n.tops.has(x))) f++;
  if (f > stopAbove) return f;
  if (p.counties.length && !n.divisions.some((d) => p.counties.includes(d))) f++;
  if (n.sizes && p.enterpriseSizes.length && !p.enterpriseSizes.some((s) => n.sizes!.has(s))) f++;
  if (n.grade !== null && l.grade !== null && n.grade - l.grade > 1) f++;
  return f;
}
