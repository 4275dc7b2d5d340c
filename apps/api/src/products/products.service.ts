import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page, ProductStatus, ProductView, RateKind, Role } from '@zj/shared';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { paginate } from '../common/http/pagination';
import { zhanjiangDate } from '../common/time';
import { CreateProductDto, ListProductsQuery, MyProductsQuery, ProductFieldsDto, UpdateProductDto } from './dto/product.dto';
import { Product } from './product.entity';
import { ProductErrorCode } from './products.errors';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function productView(p: Product, bankName?: string): ProductView {
  return {
    id: p.id,
    bankOrgId: p.bankOrgId,
    bankName: bankName ?? p.bank?.name ?? '',
    ...productFields(p),
    status: p.status,
    publishedAt: iso(p.publishedAt),
    isDemo: p.isDemo,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const num = (s: string | null | undefined) => (s === null || s === undefined ? null : Number(s));

/** Consistency of a product's fields as they will be saved; answers the first problem or null. */
export function productProblem(p: Partial<ProductFieldsDto>): { code: ProductErrorCode; field: string; message: string } | null {
  const minA = num(p.minAmount);
  const maxA = num(p.maxAmount);
  if (minA !== null && maxA !== null && maxA < minA) return { code: ProductErrorCode.RANGE_INVALID, field: 'maxAmount', message: '最高金额不能低于最低金额' };
  if (p.minTermMonths != null && p.maxTermMonths != null && p.maxTermMonths < p.minTermMonths)
    return { code: ProductErrorCode.RANGE_INVALID, field: 'maxTermMonths', message: '最长期限不能短于最短期限' };
  if (p.validFrom && p.validUntil && p.validUntil < p.validFrom) return { code: ProductErrorCode.RANGE_INVALID, field: 'validUntil', message: '有效期结束日不能早于开始日' };
  const kind = p.rateKind ?? RateKind.NONE;
  if (kind === RateKind.FIXED) {
    if (p.rateMinPercent == null) return { code: ProductErrorCode.RATE_INVALID, field: 'rateMinPercent', message: '按年利率计价须填写利率下限' };
    if (p.rateMaxPercent != null && Number(p.rateMaxPercent) < Number(p.rateMinPercent))
      return { code: ProductErrorCode.RATE_INVALID, field: 'rateMaxPercent', message: '利率上限不能低于下限' };
  }
  if (kind === RateKind.LPR_PLUS) {
    if (p.lprBasisPointsMin == null) return { code: ProductErrorCode.RATE_INVALID, field: 'lprBasisPointsMin', message: '按LPR加点计价须填写加点下限' };
    if (p.lprBasisPointsMax != null && p.lprBasisPointsMax < p.lprBasisPointsMin)
      return { code: ProductErrorCode.RATE_INVALID, field: 'lprBasisPointsMax', message: '加点上限不能低于下限' };
  }
  return null;
}

@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private bad(problem: { code: ProductErrorCode; field: string; message: string }) {
    return new AppException(problem.code, problem.message, HttpStatus.BAD_REQUEST, [{ field: problem.field, messages: [problem.message] }]);
  }

  /** Every category rule must name a loaded catalogue version and a code or prefix existing in it. */
  private async checkCategories(m: EntityManager, rules: { version: string; prefix: string }[] | undefined) {
    for (const [i, r] of (rules ?? []).entries()) {
      const [row] = await m.query(`SELECT 1 FROM taxonomy_categories WHERE version = $1 AND code = $2`, [r.version, r.prefix]);
      if (!row) {
        const message = `分类标准 ${r.version} 中没有类别 ${r.prefix}`;
        throw new AppException(ProductErrorCode.CATEGORY_INVALID, message, HttpStatus.BAD_REQUEST, [{ field: `categoryRules.${i}`, messages: [message] }]);
      }
    }
  }

  /** Normalised rate fields: only those of the chosen rate kind are kept. */
  private normaliseRate<T extends Partial<ProductFieldsDto>>(p: T): T {
    const kind = p.rateKind ?? RateKind.NONE;
    return {
      ...p,
      rateKind: kind,
      rateMinPercent: kind === RateKind.FIXED ? (p.rateMinPercent ?? null) : null,
      rateMaxPercent: kind === RateKind.FIXED ? (p.rateMaxPercent ?? p.rateMinPercent ?? null) : null,
      lprBasisPointsMin: kind === RateKind.LPR_PLUS ? (p.lprBasisPointsMin ?? null) : null,
      lprBasisPointsMax: kind === RateKind.LPR_PLUS ? (p.lprBasisPointsMax ?? p.lprBasisPointsMin ?? null) : null,
    };
  }

  async create(actor: Actor, dto: CreateProductDto): Promise<ProductView> {
    const fields = this.normaliseRate(dto);
    const problem = productProblem(fields);
    if (problem) throw this.bad(problem);
    return this.dataSource.transaction(async (m) => {
      await this.checkCategories(m, fields.categoryRules);
      const saved = await m.save(m.create(Product, { ...fields, bankOrgId: actor.organizationId, status: ProductStatus.DRAFT }));
      await this.audit.record(m, actor, { action: 'product.create', entityType: 'product', entityId: saved.id, after: saved });
      return this.view(m, saved.id);
    });
  }

  /** Loads a product of the caller's bank for a change, locked; other banks' ids answer 404. */
  private async lockOwn(m: EntityManager, actor: Actor, id: string, version: number): Promise<Product> {
    const p = await m.findOne(Product, { where: { id, bankOrgId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw AppException.notFound('产品', ProductErrorCode.NOT_FOUND);
    if (p.version !== version) {
      throw AppException.conflict('产品已被他人修改，请刷新后重试', ProductErrorCode.VERSION_CONFLICT, { currentVersion: p.version });
    }
    return p;
  }

  async update(actor: Actor, id: string, dto: UpdateProductDto): Promise<ProductView> {
    const { version, ...changes } = dto;
    return this.dataSource.transaction(async (m) => {
      const p = await this.lockOwn(m, actor, id, version);
      const before = { ...p };
      const merged = this.normaliseRate({ ...productFields(p), ...changes } as ProductFieldsDto);
      const problem = productProblem(merged);
      if (problem) throw this.bad(problem);
      if (changes.categoryRules) await this.checkCategories(m, changes.categoryRules);
      Object.assign(p, merged);
      const saved = await m.save(p);
      await this.audit.record(m, actor, { action: 'product.update', entityType: 'product', entityId: id, before, after: saved });
      return this.view(m, id);
    });
  }

  async publish(actor: Actor, id: string, version: number): Promise<ProductView> {
    return this.setStatus(actor, id, version, ProductStatus.PUBLISHED);
  }

  async withdraw(actor: Actor, id: string, version: number): Promise<ProductView> {
    return this.setStatus(actor, id, version, ProductStatus.WITHDRAWN);
  }

  private async setStatus(actor: Actor, id: string, version: number, to: ProductStatus): Promise<ProductView> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.lockOwn(m, actor, id, version);
      if (p.status === to) throw AppException.conflict(to === ProductStatus.PUBLISHED ? '产品已发布' : '产品已下架', ProductErrorCode.STATE_CONFLICT);
      if (to === ProductStatus.WITHDRAWN && p.status !== ProductStatus.PUBLISHED) throw AppException.conflict('只有已发布的产品可以下架', ProductErrorCode.STATE_CONFLICT);
      if (to === ProductStatus.PUBLISHED) {
        const missing = [!p.description.trim() && 'description', p.maxAmount === null && p.type !== 'INSURANCE' && 'maxAmount'].filter(Boolean) as string[];
        if (missing.length) {
          throw new AppException(ProductErrorCode.INCOMPLETE, '发布前请填写产品介绍和额度上限', HttpStatus.BAD_REQUEST, missing.map((field) => ({ field, messages: ['发布前须填写'] })));
        }
        if (p.validUntil && p.validUntil < zhanjiangDate()) throw AppException.conflict('产品有效期已过，不能发布', ProductErrorCode.STATE_CONFLICT);
      }
      const before = { status: p.status };
      p.status = to;
      if (to === ProductStatus.PUBLISHED) p.publishedAt = new Date();
      await m.save(p);
      await this.audit.record(m, actor, { action: to === ProductStatus.PUBLISHED ? 'product.publish' : 'product.withdraw', entityType: 'product', entityId: id, before, after: { status: to } });
      return this.view(m, id);
    });
  }

  private async view(m: EntityManager, id: string): Promise<ProductView> {
    const p = await m.findOneOrFail(Product, { where: { id }, relations: { bank: true } });
    return productView(p);
  }

  /** A product: published ones to anyone; drafts and withdrawn ones only to their bank (and the bureau). */
  async get(actor: Actor | undefined, id: string): Promise<ProductView> {
    const p = await this.dataSource.getRepository(Product).findOne({ where: { id }, relations: { bank: true } });
    const own = !!actor && (actor.organizationId === p?.bankOrgId || actor.role === Role.BUREAU);
    if (!p || (p.status !== ProductStatus.PUBLISHED && !own)) throw AppException.notFound('产品', ProductErrorCode.NOT_FOUND);
    return productView(p);
  }

  async listMine(actor: Actor, query: MyProductsQuery): Promise<Page<ProductView>> {
    const qb = this.dataSource.getRepository(Product).createQueryBuilder('p').leftJoinAndSelect('p.bank', 'b').where('p.bank_org_id = :bank', { bank: actor.organizationId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    const page = await paginate(qb, query, { name: 'p.name', updatedAt: 'p.updatedAt', createdAt: 'p.createdAt' }, '-updatedAt');
    return { ...page, items: page.items.map((p) => productView(p)) };
  }

  /** The workbench (issue 15): a bank's published products whose validity ends by `until` (a date), the soonest first (already expired ones too). */
  async expiringOf(bankOrgId: string, until: string): Promise<{ id: string; name: string; validUntil: string }[]> {
    return this.dataSource.query(
      `SELECT id, name, to_char(valid_until, 'YYYY-MM-DD') AS "validUntil" FROM products
        WHERE bank_org_id = $1 AND status = 'PUBLISHED' AND valid_until IS NOT NULL AND valid_until <= $2::date ORDER BY valid_until, id LIMIT 200`,
      [bankOrgId, until],
    );
  }

  /** The public catalogue: published products within their validity. */
  async catalogue(query: ListProductsQuery): Promise<Page<ProductView>> {
    const qb = this.dataSource.getRepository(Product).createQueryBuilder('p').leftJoinAndSelect('p.bank', 'b');
    publishedAndValid(qb);
    if (query.q) qb.andWhere('(p.name ILIKE :q OR b.name ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (query.type) qb.andWhere('p.type = :type', { type: query.type });
    if (query.county) qb.andWhere(`(cardinality(p.counties) = 0 OR :county = ANY(p.counties))`, { county: query.county });
    if (query.amount) qb.andWhere('(p.max_amount IS NULL OR p.max_amount >= :amount) AND (p.min_amount IS NULL OR p.min_amount <= :amount)', { amount: query.amount });
    if (query.tag) qb.andWhere(':tag = ANY(p.tags)', { tag: query.tag });
    if (query.bankOrgId) qb.andWhere('p.bank_org_id = :bankOrgId', { bankOrgId: query.bankOrgId });
    if (query.category) {
      qb.andWhere(
        `(jsonb_array_length(p.category_rules) = 0 OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.category_rules) r
          WHERE :cat = r->>'prefix' OR :cat LIKE (r->>'prefix') || '.%' OR r->>'prefix' LIKE :cat || '.%'))`,
        { cat: query.category },
      );
    }
    const page = await paginate(qb, query, { name: 'p.name', publishedAt: 'p.publishedAt', maxAmount: 'p.maxAmount' }, '-publishedAt');
    return { ...page, items: page.items.map((p) => productView(p)) };
  }
}

/** The catalogue's condition: published and within the validity dates (in Zhanjiang). */
export function publishedAndValid<T extends object>(qb: SelectQueryBuilder<T>, alias = 'p') {
  return qb
    .andWhere(`${alias}.status = 'PUBLISHED'`)
    .andWhere(`(${alias}.valid_from IS NULL OR ${alias}.valid_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date)`)
    .andWhere(`(${alias}.valid_until IS NULL OR ${alias}.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)`);
}

/** The fields a bank edits, as stored: the body of a product's view and the base of an update. */
type ProductFields = Omit<ProductView, 'id' | 'bankOrgId' | 'bankName' | 'status' | 'publishedAt' | 'isDemo' | 'version' | 'createdAt' | 'updatedAt'>;

function productFields(p: Product): ProductFields {
  return {
    name: p.name,
    type: p.type,
    description: p.description,
    minAmount: p.minAmount,
    maxAmount: p.maxAmount,
    minTermMonths: p.minTermMonths,
    maxTermMonths: p.maxTermMonths,
    rateKind: p.rateKind,
    rateMinPercent: p.rateMinPercent,
    rateMaxPercent: p.rateMaxPercent,
    lprBasisPointsMin: p.lprBasisPointsMin,
    lprBasisPointsMax: p.lprBasisPointsMax,
    collateralAccepted: p.collateralAccepted,
    categoryRules: p.categoryRules,
    counties: p.counties,
    enterpriseSizes: p.enterpriseSizes,
    minGreenGrade: p.minGreenGrade,
    tags: p.tags,
    requiredMaterials: p.requiredMaterials,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
  };
}
