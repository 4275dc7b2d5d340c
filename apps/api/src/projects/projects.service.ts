import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ATTACHMENT_MAX_PER_PROJECT,
  ATTACHMENT_TYPES,
  AttachmentKind,
  DIVISIONS,
  NotificationType,
  OrgType,
  Page,
  ProjectSource,
  ProjectStatus,
  ReviewAction,
  ReviewStage,
  Role,
} from '@zj/shared';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { pageBounds } from '../common/http/pagination';
import { AppConfig } from '../config/app.config';
import { investmentProblem, NEED_STATUSES_WITHIN_INVESTMENT, needVisibleToBankSql } from '../financing-needs/need-rules';
import { noticeNeedsNowVisible } from '../matching/matching-notices';
import { NotificationsService } from '../notifications/notifications.service';
import { Organization } from '../organizations/organization.entity';
import { TaxonomyCategory } from '../reference/taxonomy.entity';
import { attachmentTypeProblem } from './attachment-rules';
import { CreateProjectDto, ProjectCategoryDto, ProjectFilterDto, ProjectStatsQuery, PutRoutesDto, ReviewActionDto, StateActionDto, UpdateProjectDto } from './dto/project.dto';
import { LibraryScope, libraryScope, projectScopeSql, projectVisibleTo } from './library-scope';
import { runAll } from './query-concurrency';
import { projectKeywordSql } from './search-sql';
import { Project, ProjectAttachment, ProjectCategory, ProjectReviewEvent, ReturnReason, ReviewRoute } from './project.entity';
import { ProjectErrorCode } from './projects.errors';
import { DEFAULT_ROUTES_2019, longestPrefixRoute } from './review-routing';
import { applyAction, canEdit, firstStage, isCurrentReviewer, isProblem } from './workflow';

const DIVISION_NAMES = new Map(DIVISIONS.map((d) => [d.code, d.name]));

const notFound = () => AppException.notFound('项目', ProjectErrorCode.NOT_FOUND);

/** Sort names of project lists. */
export const PROJECT_SORTS: Record<string, string> = {
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
  name: 'p.name',
  totalInvestment: 'p.total_investment',
  submittedAt: 'p.submitted_at',
  listedAt: 'p.listed_at',
};

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  // ------------------------------------------------------------------ routing

  /** The department that reviews a category: longest matching prefix, else the bureau. */
  async routeFor(m: EntityManager, version: string, code: string): Promise<string> {
    const routes: { prefix: string; departmentOrgId: string }[] = await m.query(
      'SELECT prefix, department_org_id AS "departmentOrgId" FROM review_routes WHERE taxonomy_version = $1',
      [version],
    );
    const hit = longestPrefixRoute(routes, code);
    if (hit) return hit.departmentOrgId;
    return this.bureauOrgId(m);
  }

  async bureauOrgId(m: EntityManager): Promise<string> {
    const [row] = await m.query(`SELECT id FROM organizations WHERE unit_code = 'finance-bureau'`);
    if (!row) throw new Error('the finance bureau organisation is missing (reference data not loaded)');
    return row.id;
  }

  async listRoutes(version = 'GIC-2019') {
    const rows = await this.dataSource.query(
      `SELECT r.prefix, r.department_org_id AS "departmentOrgId", o.name AS "departmentName", c.name AS "categoryName", r.updated_at AS "updatedAt"
         FROM review_routes r JOIN organizations o ON o.id = r.department_org_id
         LEFT JOIN taxonomy_categories c ON c.version = r.taxonomy_version AND c.code = r.prefix
        WHERE r.taxonomy_version = $1`,
      [version],
    );
    rows.sort((a: { prefix: string }, b: { prefix: string }) => a.prefix.localeCompare(b.prefix, 'en', { numeric: true }));
    const [bureau] = await this.dataSource.query(`SELECT id, name FROM organizations WHERE unit_code = 'finance-bureau'`);
    return { version, routes: rows, fallback: bureau ? { departmentOrgId: bureau.id, departmentName: bureau.name } : null };
  }

  /** The bureau replaces a catalogue version's routing. Projects already submitted keep their reviewer. */
  async putRoutes(actor: Actor, dto: PutRoutesDto) {
    const prefixes = dto.routes.map((r) => r.prefix);
    const dup = prefixes.find((p, i) => prefixes.indexOf(p) !== i);
    if (dup) throw AppException.badRequest(`分类前缀 ${dup} 重复`, ProjectErrorCode.ROUTE_INVALID, [{ field: 'routes', messages: [`分类前缀 ${dup} 重复`] }]);
    await this.dataSource.transaction(async (m) => {
      const [v] = await m.query('SELECT 1 FROM taxonomy_versions WHERE version = $1', [dto.version]);
      if (!v) throw AppException.badRequest('分类标准版本不存在', ProjectErrorCode.ROUTE_INVALID, [{ field: 'version', messages: ['分类标准版本不存在'] }]);
      const details: { field: string; messages: string[] }[] = [];
      if (prefixes.length) {
        const codes: { code: string }[] = await m.query('SELECT code FROM taxonomy_categories WHERE version = $1 AND code = ANY($2)', [dto.version, prefixes]);
        const known = new Set(codes.map((c) => c.code));
        dto.routes.forEach((r, i) => {
          if (!known.has(r.prefix)) details.push({ field: `routes[${i}].prefix`, messages: [`分类 ${r.prefix} 不在该版本中`] });
        });
        const depIds = [...new Set(dto.routes.map((r) => r.departmentOrgId))];
        const deps: { id: string }[] = await m.query(`SELECT id FROM organizations WHERE id = ANY($1) AND type = 'GOVERNMENT_UNIT'`, [depIds]);
        const depSet = new Set(deps.map((d) => d.id));
        dto.routes.forEach((r, i) => {
          if (!depSet.has(r.departmentOrgId)) details.push({ field: `routes[${i}].departmentOrgId`, messages: ['不是政府部门'] });
        });
      }
      if (details.length) throw AppException.badRequest('审核路由有误', ProjectErrorCode.ROUTE_INVALID, details);
      const before = await m.query('SELECT prefix, department_org_id FROM review_routes WHERE taxonomy_version = $1 ORDER BY prefix FOR UPDATE', [dto.version]);
      await m.query('DELETE FROM review_routes WHERE taxonomy_version = $1', [dto.version]);
      for (const r of dto.routes) {
        await m.insert(ReviewRoute, { taxonomyVersion: dto.version, prefix: r.prefix, departmentOrgId: r.departmentOrgId, updatedByUserId: actor.userId });
      }
      await this.audit.record(m, actor, { action: 'review_routes.replace', entityType: 'review_routes', entityId: dto.version, before, after: dto.routes });
    });
    return this.listRoutes(dto.version);
  }

  /** Seeds the default routing of the 2019 catalogue where a version has none yet. */
  static async seedDefaultRoutes(m: EntityManager): Promise<number> {
    const [v] = await m.query(`SELECT 1 FROM taxonomy_versions WHERE version = 'GIC-2019'`);
    if (!v) return 0;
    const [existing] = await m.query(`SELECT 1 FROM review_routes WHERE taxonomy_version = 'GIC-2019' LIMIT 1`);
    if (existing) return 0;
    let n = 0;
    for (const r of DEFAULT_ROUTES_2019) {
      const [org] = await m.query('SELECT id FROM organizations WHERE unit_code = $1', [r.unitCode]);
      if (!org) continue;
      await m.insert(ReviewRoute, { taxonomyVersion: 'GIC-2019', prefix: r.prefix, departmentOrgId: org.id, updatedByUserId: null });
      n++;
    }
    return n;
  }

  // ------------------------------------------------------------------ queries

  /** Applies the caller's scope and the filters to a query on projects aliased `p`. */
  applyFilters(qb: SelectQueryBuilder<Project>, scope: LibraryScope, f: ProjectFilterDto) {
    const s = projectScopeSql(scope);
    qb.andWhere(s.sql, s.params);
    if (f.q) {
      const kw = projectKeywordSql(f.q);
      qb.andWhere(kw.sql, kw.params);
    }
    if (f.divisionCode) qb.andWhere('p.division_code = :div', { div: f.divisionCode });
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.stage) qb.andWhere('p.stage = :stage', { stage: f.stage });
    if (f.source) qb.andWhere('p.source = :source', { source: f.source });
    if (f.reviewStage) qb.andWhere('p.review_stage = :rstage', { rstage: f.reviewStage });
    if (f.tag) qb.andWhere('p.tags @> ARRAY[:tag]::text[]', { tag: f.tag });
    if (f.minAmount) qb.andWhere('p.total_investment >= :minAmount', { minAmount: f.minAmount });
    if (f.maxAmount) qb.andWhere('p.total_investment <= :maxAmount', { maxAmount: f.maxAmount });
    if (f.enterpriseOrgId) qb.andWhere('p.enterprise_org_id = :entOrg', { entOrg: f.enterpriseOrgId });
    if (f.categoryPrefix) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM project_categories pc WHERE pc.project_id = p.id AND (pc.code = :cpre OR pc.code LIKE :cpreDot)${f.taxonomyVersion ? ' AND pc.taxonomy_version = :tver' : ''})`,
        { cpre: f.categoryPrefix, cpreDot: `${f.categoryPrefix}.%`, tver: f.taxonomyVersion },
      );
    } else if (f.taxonomyVersion) {
      qb.andWhere('p.primary_category_version = :tver', { tver: f.taxonomyVersion });
    }
    if (f.instrument) {
      qb.andWhere(`EXISTS (SELECT 1 FROM financing_needs fn WHERE fn.project_id = p.id AND fn.instrument = :instr AND fn.status IN ('OPEN','IN_MATCHMAKING'))`, { instr: f.instrument });
    }
    if (f.queue === 'mine') {
      qb.andWhere(`p.status IN ('SUBMITTED','UNDER_REVIEW')`);
      if (scope.role !== Role.BUREAU) qb.andWhere('p.reviewer_org_id = :me', { me: scope.orgId });
    }
    return qb;
  }

  async list(actor: Actor, f: ProjectFilterDto): Promise<Page<ReturnType<ProjectsService['summary']>>> {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const qb = this.applyFilters(this.dataSource.getRepository(Project).createQueryBuilder('p'), scope, f);
    const { page, pageSize, offset } = pageBounds(f);
    const sort = f.sort ?? '-createdAt';
    const desc = sort.startsWith('-');
    const col = PROJECT_SORTS[desc ? sort.slice(1) : sort];
    if (!col) throw AppException.badRequest(`不支持的排序字段：${sort}`, undefined, [{ field: 'sort', messages: [`可选：${Object.keys(PROJECT_SORTS).join(', ')}`] }]);
    if (f.q) {
      const { ids, total } = await this.keywordPage(qb, col, desc, offset, pageSize);
      const [found, extras] = await runAll([() => (ids.length ? this.dataSource.getRepository(Project).findBy({ id: In(ids) }) : Promise.resolve([])), () => this.loadExtras(ids, scope)] as const);
      const byId = new Map(found.map((p) => [p.id, p]));
      // (A project deleted between the two reads is left out.)
      const items = ids.map((id) => byId.get(id)).filter((p): p is Project => !!p);
      return { items: items.map((p) => this.summary(p, extras)), total, page, pageSize };
    }
    const countQb = qb.clone();
    qb.orderBy(col, desc ? 'DESC' : 'ASC').addOrderBy('p.id', 'ASC').offset(offset).limit(pageSize);
    // The page and the total on two connections at once.
    const [items, total] = await runAll([() => qb.getMany(), () => countQb.getCount()] as const);
    const extras = await this.loadExtras(items.map((p) => p.id), scope);
    return { items: items.map((p) => this.summary(p, extras)), total, page, pageSize };
  }

  /**
   * A keyword search's total and page of ids from one scan of the matches. The matches are found
   * through the keyword indexes and counted, and the page is sorted from them: a separate page query
   * would do the same work again, and the planner, misjudging how many rows a keyword matches, may
   * walk the sort order's index through the whole library looking for 20 matches that do not exist.
   */
  private async keywordPage(qb: SelectQueryBuilder<Project>, col: string, desc: boolean, offset: number, pageSize: number) {
    const [sql, params] = qb.select('p.id', 'id').addSelect(col, 'k').getQueryAndParameters();
    const [row]: { total: number; ids: string[] }[] = await this.dataSource.query(
      `WITH m AS MATERIALIZED (${sql})
       SELECT (SELECT count(*)::int FROM m) AS total,
              array(SELECT m.id::text FROM m ORDER BY m.k ${desc ? 'DESC' : 'ASC'}, m.id ASC LIMIT ${Number(pageSize)} OFFSET ${Number(offset)}) AS ids`,
      params,
    );
    return row;
  }

  /** Names of enterprises, divisions, categories and departments; open need amounts; for a page of projects. */
  private async loadExtras(ids: string[], scope: LibraryScope) {
    const [orgs, cats, needs] = await runAll([
      async () => (ids.length
        ? this.dataSource.query(
            `SELECT id, name, credit_code FROM organizations
              WHERE id IN (SELECT unnest(ARRAY[enterprise_org_id, department_org_id, reviewer_org_id, submitted_by_org_id]) FROM projects WHERE id = ANY($1))`,
            [ids],
          )
        : []),
      async () => (ids.length
        ? this.dataSource.query(
            `SELECT pc.project_id, pc.taxonomy_version, pc.code, pc.is_primary, c.name FROM project_categories pc
               JOIN taxonomy_categories c ON c.version = pc.taxonomy_version AND c.code = pc.code WHERE pc.project_id = ANY($1)`,
            [ids],
          )
        : []),
      async () => (ids.length
        ? this.dataSource.query(
            `SELECT n.project_id, count(*)::int AS n, coalesce(sum(n.amount), 0)::text AS amount FROM financing_needs n
              WHERE n.project_id = ANY($1) AND n.status IN ('OPEN','IN_MATCHMAKING')${scope.role === Role.BANK ? ` AND ${needVisibleToBankSql('n', '$2')}` : ''}
              GROUP BY n.project_id`,
            scope.role === Role.BANK ? [ids, scope.orgId] : [ids],
          )
        : []),
    ] as const);
    return {
      org: new Map<string, { name: string; credit_code: string | null }>(orgs.map((o: { id: string; name: string; credit_code: string | null }) => [o.id, o])),
      cats: cats as { project_id: string; taxonomy_version: string; code: string; is_primary: boolean; name: string }[],
      needs: new Map<string, { n: number; amount: string }>(needs.map((n: { project_id: string; n: number; amount: string }) => [n.project_id, n])),
      div: DIVISION_NAMES,
    };
  }

  summary(p: Project, x: Awaited<ReturnType<ProjectsService['loadExtras']>>) {
    const cats = x.cats
      .filter((c) => c.project_id === p.id)
      .sort((a, b) => Number(b.is_primary) - Number(a.is_primary))
      .map((c) => ({ version: c.taxonomy_version, code: c.code, name: c.name, primary: c.is_primary }));
    return {
      ...p,
      enterprise: { id: p.enterpriseOrgId, name: x.org.get(p.enterpriseOrgId)?.name ?? null, creditCode: x.org.get(p.enterpriseOrgId)?.credit_code ?? null },
      divisionName: x.div.get(p.divisionCode) ?? null,
      departmentName: p.departmentOrgId ? (x.org.get(p.departmentOrgId)?.name ?? null) : null,
      reviewerName: p.reviewerOrgId ? (x.org.get(p.reviewerOrgId)?.name ?? null) : null,
      submittedByName: x.org.get(p.submittedByOrgId)?.name ?? null,
      categories: cats,
      openNeeds: { count: x.needs.get(p.id)?.n ?? 0, amount: x.needs.get(p.id)?.amount ?? '0' },
    };
  }

  /** Count and amounts by county, category and status, for the caller's scope and the filters. */
  async stats(actor: Actor, f: ProjectStatsQuery) {
    const scope = await libraryScope(this.dataSource.manager, actor);
    // Regulators read statistics of the whole library (they see no records).
    const statsScope: LibraryScope = scope.role === Role.REGULATOR ? { ...scope, role: Role.BUREAU } : scope;
    const base = () => this.applyFilters(this.dataSource.getRepository(Project).createQueryBuilder('p'), statsScope, { ...f, page: undefined, pageSize: undefined, sort: undefined });
    const needAmount = `coalesce((SELECT sum(n.amount) FROM financing_needs n WHERE n.project_id = p.id AND n.status IN ('OPEN','IN_MATCHMAKING')), 0)`;
    const group = async (key: string, label: string) =>
      (await base()
        .select(`${key}`, 'key')
        .addSelect('count(*)::int', 'count')
        .addSelect('coalesce(sum(p.total_investment), 0)::text', 'totalInvestment')
        .addSelect(`sum(${needAmount})::text`, 'openNeedAmount')
        .groupBy(key)
        .orderBy('count', 'DESC')
        .getRawMany()).map((r: { key: string; count: number; totalInvestment: string; openNeedAmount: string | null }) => ({ [label]: r.key, count: r.count, totalInvestment: r.totalInvestment, openNeedAmount: r.openNeedAmount ?? '0' }));
    const level = f.categoryLevel ?? 1;
    const catKey = level === 1 ? `split_part(p.primary_category_code, '.', 1)` : `split_part(p.primary_category_code, '.', 1) || '.' || split_part(p.primary_category_code, '.', 2)`;
    const [byDivision, byCategory, byStatus, totals] = await runAll([
      () => group('p.division_code', 'divisionCode'),
      () => group(catKey, 'categoryCode'),
      () => group('p.status', 'status'),
      () => base().select('count(*)::int', 'count').addSelect('coalesce(sum(p.total_investment), 0)::text', 'totalInvestment').addSelect(`coalesce(sum(${needAmount}), 0)::text`, 'openNeedAmount').getRawOne(),
    ] as const);
    const divisions: { code: string; name: string }[] = await this.dataSource.query('SELECT code, name FROM divisions');
    const catNames: { code: string; name: string }[] = await this.dataSource.query(`SELECT code, name FROM taxonomy_categories WHERE version = $1 AND level = $2`, [f.taxonomyVersion ?? 'GIC-2019', level]);
    return {
      totals,
      byDivision: byDivision.map((r) => ({ ...r, divisionName: divisions.find((d) => d.code === r.divisionCode)?.name ?? r.divisionCode })),
      byCategory: byCategory.map((r) => ({ ...r, categoryName: catNames.find((c) => c.code === r.categoryCode)?.name ?? r.categoryCode })),
      byStatus,
    };
  }

  /** One project with its categories, needs the caller may see, attachments and timeline; others' ids answer 404. */
  async get(actor: Actor, id: string) {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const p = await this.dataSource.getRepository(Project).findOne({ where: { id } });
    if (!p || !projectVisibleTo(scope, p)) throw notFound();
    const extras = await this.loadExtras([p.id], scope);
    const needs = await this.dataSource.query(
      `SELECT n.id, n.amount, n.term_months AS "termMonths", n.instrument, n.purpose, n.status, n.sharing, n.collateral, n.max_rate_percent AS "maxRatePercent", n.wanted_by AS "wantedBy"
         FROM financing_needs n WHERE n.project_id = $1 ${scope.role === Role.BANK ? `AND ${needVisibleToBankSql('n', '$2')}` : ''} ORDER BY n.created_at`,
      scope.role === Role.BANK ? [id, scope.orgId] : [id],
    );
    const attachments = await this.dataSource.getRepository(ProjectAttachment).find({ where: { projectId: id }, order: { createdAt: 'ASC' } });
    const timeline = scope.role === Role.BANK ? [] : await this.timeline(actor, id, true);
    return {
      ...this.summary(p, extras),
      needs,
      attachments,
      timeline,
      permissions: {
        edit: canEdit(p, actor),
        submit: canEdit(p, actor),
        withdraw: p.status === ProjectStatus.SUBMITTED && (actor.organizationId === p.enterpriseOrgId || actor.organizationId === p.submittedByOrgId),
        review: isCurrentReviewer(p, actor),
      },
    };
  }

  async timeline(actor: Actor, id: string, checked = false) {
    if (!checked) {
      const scope = await libraryScope(this.dataSource.manager, actor);
      const p = await this.dataSource.getRepository(Project).findOne({ where: { id } });
      if (!p || !projectVisibleTo(scope, p) || scope.role === Role.BANK) throw notFound();
    }
    return this.dataSource.getRepository(ProjectReviewEvent).find({ where: { projectId: id }, order: { at: 'ASC' } });
  }

  // ------------------------------------------------------------------ writes

  /** Validates categories: they exist, are third level, one primary. Answers the rows to store. */
  private async checkCategories(m: EntityManager, cats: ProjectCategoryDto[]) {
    const keys = cats.map((c) => `${c.version}|${c.code}`);
    if (new Set(keys).size !== keys.length) {
      throw AppException.badRequest('绿色产业分类重复', ProjectErrorCode.CATEGORY_INVALID, [{ field: 'categories', messages: ['同一分类不能重复选择'] }]);
    }
    const primaries = cats.filter((c) => c.primary);
    if (primaries.length > 1) throw AppException.badRequest('只能有一个主分类', ProjectErrorCode.CATEGORY_INVALID, [{ field: 'categories', messages: ['只能有一个主分类'] }]);
    const found: TaxonomyCategory[] = await m
      .getRepository(TaxonomyCategory)
      .createQueryBuilder('c')
      .where(`(c.version || '|' || c.code) IN (:...keys)`, { keys })
      .getMany();
    const details: { field: string; messages: string[] }[] = [];
    cats.forEach((c, i) => {
      const f = found.find((x) => x.version === c.version && x.code === c.code);
      if (!f) details.push({ field: `categories[${i}].code`, messages: [`分类 ${c.version} ${c.code} 不存在`] });
      else if (f.level !== 3) details.push({ field: `categories[${i}].code`, messages: ['请选择三级分类'] });
    });
    if (details.length) throw AppException.badRequest('绿色产业分类无效', ProjectErrorCode.CATEGORY_INVALID, details);
    const primary = primaries[0] ?? cats[0];
    return { primary, rows: cats.map((c) => ({ taxonomyVersion: c.version, code: c.code, isPrimary: c === primary })) };
  }

  private checkStars(stars: number | null | undefined, cats: { code: string }[]) {
    if (stars == null) return;
    if (!cats.some((c) => c.code.startsWith('5.1.'))) {
      throw AppException.badRequest('绿色建筑星级仅适用于建筑节能与绿色建筑类（5.1）项目', ProjectErrorCode.GREEN_BUILDING_STARS_INVALID, [
        { field: 'greenBuildingStars', messages: ['仅建筑类项目填写绿色建筑星级'] },
      ]);
    }
  }

  private checkDates(start?: string | null, end?: string | null) {
    if (start && end && end < start) {
      throw AppException.badRequest('建设期结束日期早于开始日期', ProjectErrorCode.DATES_INVALID, [{ field: 'constructionEnd', messages: ['结束日期不能早于开始日期'] }]);
    }
  }

  /** Which enterprise a caller registers a project for, and with which source. */
  private async ownerFor(m: EntityManager, actor: Actor, enterpriseOrgId: string | undefined, scope: LibraryScope) {
    if (actor.role === Role.ENTERPRISE) {
      if (enterpriseOrgId && enterpriseOrgId !== actor.organizationId) throw AppException.notFound('企业', ProjectErrorCode.ENTERPRISE_NOT_FOUND);
      const org = await m.findOneByOrFail(Organization, { id: actor.organizationId });
      return { org, source: ProjectSource.SELF_REGISTERED };
    }
    if (!enterpriseOrgId) throw AppException.badRequest('请选择项目所属企业', ProjectErrorCode.ENTERPRISE_REQUIRED, [{ field: 'enterpriseOrgId', messages: ['请选择项目所属企业'] }]);
    const org = await m.findOneBy(Organization, { id: enterpriseOrgId, type: OrgType.ENTERPRISE });
    // A county registers projects of its own county's enterprises only.
    if (!org || (actor.role === Role.COUNTY && org.divisionCode !== scope.divisionCode)) throw AppException.notFound('企业', ProjectErrorCode.ENTERPRISE_NOT_FOUND);
    return { org, source: actor.role === Role.COUNTY ? ProjectSource.COUNTY_SUBMITTED : ProjectSource.DEPARTMENT_RECOMMENDED };
  }

  private async actorNames(m: EntityManager, actor: Actor): Promise<{ actorName: string | null; actorOrgName: string | null }> {
    const [row] = await m.query('SELECT u.display_name, o.name FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1', [actor.userId]);
    return { actorName: row?.display_name ?? null, actorOrgName: row?.name ?? null };
  }

  async addEvent(
    m: EntityManager,
    actor: Actor,
    p: Pick<Project, 'id' | 'status' | 'reviewStage'>,
    action: ReviewAction,
    from: ProjectStatus | null,
    extra: { comment?: string | null; reasons?: ReturnReason[] | null; names?: { actorName: string | null; actorOrgName: string | null } } = {},
  ) {
    const names = extra.names ?? (await this.actorNames(m, actor));
    await m.insert(ProjectReviewEvent, {
      projectId: p.id,
      action,
      fromStatus: from,
      toStatus: p.status,
      reviewStage: p.reviewStage,
      actorUserId: actor.userId,
      actorOrgId: actor.organizationId,
      ...names,
      comment: extra.comment ?? null,
      reasons: extra.reasons ?? null,
    });
  }

  async create(actor: Actor, dto: CreateProjectDto) {
    const id = await this.dataSource.transaction(async (m) => {
      const scope = await libraryScope(m, actor);
      const { org, source } = await this.ownerFor(m, actor, dto.enterpriseOrgId, scope);
      const divisionCode = dto.divisionCode ?? org.divisionCode;
      if (!divisionCode) throw AppException.badRequest('请选择项目所在县（市、区）', ProjectErrorCode.DIVISION_NOT_ALLOWED, [{ field: 'divisionCode', messages: ['请选择项目所在县（市、区）'] }]);
      if (actor.role === Role.COUNTY && divisionCode !== scope.divisionCode) {
        throw AppException.badRequest('只能报送本县（市、区）的项目', ProjectErrorCode.DIVISION_NOT_ALLOWED, [{ field: 'divisionCode', messages: ['只能报送本县（市、区）的项目'] }]);
      }
      const { primary, rows } = await this.checkCategories(m, dto.categories);
      this.checkStars(dto.greenBuildingStars, dto.categories);
      this.checkDates(dto.constructionStart, dto.constructionEnd);
      if (await m.exists(Project, { where: { enterpriseOrgId: org.id, name: dto.name } })) {
        throw AppException.conflict('该企业已有同名项目', ProjectErrorCode.NAME_TAKEN, [{ field: 'name', messages: ['该企业已有同名项目'] }]);
      }
      const departmentOrgId = await this.routeFor(m, primary.version, primary.code);
      const p = await m.save(
        m.create(Project, {
          enterpriseOrgId: org.id,
          name: dto.name,
          divisionCode,
          location: dto.location ?? null,
          description: dto.description ?? null,
          stage: dto.stage,
          totalInvestment: dto.totalInvestment,
          constructionStart: dto.constructionStart ?? null,
          constructionEnd: dto.constructionEnd ?? null,
          co2AvoidedT: dto.co2AvoidedT ?? null,
          coalSavedTce: dto.coalSavedTce ?? null,
          waterSavedT: dto.waterSavedT ?? null,
          otherBenefits: dto.otherBenefits ?? null,
          tags: [...new Set(dto.tags ?? [])],
          greenBuildingStars: dto.greenBuildingStars ?? null,
          primaryCategoryVersion: primary.version,
          primaryCategoryCode: primary.code,
          source,
          submittedByOrgId: actor.organizationId,
          status: ProjectStatus.DRAFT,
          departmentOrgId,
          isDemo: org.isDemo,
        }),
      );
      await m.insert(ProjectCategory, rows.map((r) => ({ ...r, projectId: p.id })));
      await this.addEvent(m, actor, p, ReviewAction.CREATE, null);
      await this.audit.record(m, actor, { action: 'project.create', entityType: 'project', entityId: p.id, after: { ...p, categories: rows } });
      return p.id;
    });
    return this.get(actor, id);
  }

  /** Locks a project the caller can see, or answers 404. */
  /**
   * With the project locked: its total investment stays no less than its largest need (issue 14; the
   * rule of financing-needs/need-rules.ts, which needs hold the other way round).
   */
  private async checkInvestment(m: EntityManager, projectId: string, totalInvestment: string) {
    const [{ largest }]: { largest: string | null }[] = await m.query(
      `SELECT max(amount)::text AS largest FROM financing_needs WHERE project_id = $1 AND status = ANY($2::text[])`,
      [projectId, NEED_STATUSES_WITHIN_INVESTMENT],
    );
    const problem = investmentProblem(totalInvestment, largest);
    if (problem) throw AppException.badRequest(`总投资${problem}`, ProjectErrorCode.INVESTMENT_BELOW_NEEDS, [{ field: 'totalInvestment', messages: [problem] }]);
  }

  private async lockVisible(m: EntityManager, actor: Actor, id: string): Promise<Project> {
    const scope = await libraryScope(m, actor);
    const p = await m.findOne(Project, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p || !projectVisibleTo(scope, p)) throw notFound();
    return p;
  }

  private checkVersion(p: Project, version: number | undefined) {
    if (version !== undefined && version !== p.version) {
      throw AppException.conflict('项目已被他人修改或处理，请刷新后重试', ProjectErrorCode.VERSION_CONFLICT, { currentVersion: p.version, status: p.status });
    }
  }

  async update(actor: Actor, id: string, dto: UpdateProjectDto) {
    await this.dataSource.transaction(async (m) => {
      const p = await this.lockVisible(m, actor, id);
      if (!canEdit(p, actor)) {
        if (p.enterpriseOrgId === actor.organizationId || p.submittedByOrgId === actor.organizationId || actor.role === Role.BUREAU) {
          throw AppException.conflict('只有草稿或已退回的项目可以修改', ProjectErrorCode.NOT_EDITABLE);
        }
        throw AppException.forbidden('无权修改该项目', ProjectErrorCode.ACTION_FORBIDDEN);
      }
      this.checkVersion(p, dto.version);
      const before = { ...p };
      const { version: _v, categories, ...fields } = dto;
      const scope = await libraryScope(m, actor);
      if (fields.divisionCode && actor.role === Role.COUNTY && fields.divisionCode !== scope.divisionCode) {
        throw AppException.badRequest('只能报送本县（市、区）的项目', ProjectErrorCode.DIVISION_NOT_ALLOWED, [{ field: 'divisionCode', messages: ['只能报送本县（市、区）的项目'] }]);
      }
      if (fields.name && fields.name !== p.name && (await m.exists(Project, { where: { enterpriseOrgId: p.enterpriseOrgId, name: fields.name } }))) {
        throw AppException.conflict('该企业已有同名项目', ProjectErrorCode.NAME_TAKEN, [{ field: 'name', messages: ['该企业已有同名项目'] }]);
      }
      let catRows: { taxonomyVersion: string; code: string; isPrimary: boolean }[] | null = null;
      let currentCats: { code: string }[];
      if (categories) {
        const { primary, rows } = await this.checkCategories(m, categories);
        catRows = rows;
        p.primaryCategoryVersion = primary.version;
        p.primaryCategoryCode = primary.code;
        p.departmentOrgId = await this.routeFor(m, primary.version, primary.code);
        currentCats = categories;
      } else {
        currentCats = await m.find(ProjectCategory, { where: { projectId: id } });
      }
      const stars = fields.greenBuildingStars !== undefined ? fields.greenBuildingStars : p.greenBuildingStars;
      this.checkStars(stars, currentCats);
      this.checkDates(fields.constructionStart !== undefined ? fields.constructionStart : p.constructionStart, fields.constructionEnd !== undefined ? fields.constructionEnd : p.constructionEnd);
      if (fields.totalInvestment !== undefined) await this.checkInvestment(m, id, fields.totalInvestment);
      Object.assign(p, fields, fields.tags ? { tags: [...new Set(fields.tags)] } : {});
      const saved = await m.save(p);
      if (catRows) {
        await m.delete(ProjectCategory, { projectId: id });
        await m.insert(ProjectCategory, catRows.map((r) => ({ ...r, projectId: id })));
      }
      await this.addEvent(m, actor, saved, ReviewAction.UPDATE, before.status);
      await this.audit.record(m, actor, { action: 'project.update', entityType: 'project', entityId: id, before, after: { ...saved, ...(catRows ? { categories: catRows } : {}) } });
    });
    return this.get(actor, id);
  }

  /** Runs one workflow action under a row lock; the loser of a race gets 409. */
  async act(actor: Actor, id: string, action: ReviewAction, dto: StateActionDto & { reasons?: ReturnReason[] }, m?: EntityManager) {
    const run = async (tx: EntityManager) => {
      const p = await this.lockVisible(tx, actor, id);
      this.checkVersion(p, dto.version);
      // Routing may have changed since the project was registered: submissions and passes go to today's department.
      let departmentOrgId = p.departmentOrgId;
      if (action === ReviewAction.SUBMIT || action === ReviewAction.PASS) {
        departmentOrgId = await this.routeFor(tx, p.primaryCategoryVersion, p.primaryCategoryCode);
      }
      const result = applyAction({ ...p, departmentOrgId }, action, actor, { reasons: dto.reasons?.length ?? 0 });
      if (isProblem(result)) {
        if (result.kind === 'invalid') throw AppException.badRequest(result.message, ProjectErrorCode.RETURN_REASONS_REQUIRED, [{ field: 'reasons', messages: [result.message] }]);
        // A reviewing unit that is not (or no longer) the project's reviewer meets a state conflict: another
        // reviewer acted first, or the project has moved on. Anyone else is refused.
        const reviewerRole = [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU].includes(actor.role);
        const reviewerAction = [ReviewAction.START_REVIEW, ReviewAction.PASS, ReviewAction.LIST, ReviewAction.RETURN].includes(action);
        if (result.kind === 'forbidden' && !(reviewerRole && reviewerAction)) throw AppException.forbidden(result.message, ProjectErrorCode.ACTION_FORBIDDEN);
        throw AppException.conflict(result.kind === 'forbidden' ? '项目当前不在您的审核环节，可能已被他人处理，请刷新' : result.message, ProjectErrorCode.STATE_CONFLICT, { status: p.status, version: p.version });
      }
      const before = { status: p.status, reviewStage: p.reviewStage, reviewerOrgId: p.reviewerOrgId, version: p.version };
      const from = p.status;
      p.status = result.status;
      p.reviewStage = result.reviewStage;
      p.reviewerOrgId = result.reviewerOrgId;
      p.departmentOrgId = departmentOrgId;
      if (action === ReviewAction.SUBMIT) {
        p.submittedAt = new Date();
        p.returnReasons = null;
      }
      if (action === ReviewAction.LIST) p.listedAt = new Date();
      if (action === ReviewAction.RETURN) p.returnReasons = dto.reasons ?? [];
      const saved = await tx.save(p);
      const names = await this.actorNames(tx, actor);
      await this.addEvent(tx, actor, saved, action, from, { comment: dto.comment ?? null, reasons: action === ReviewAction.RETURN ? (dto.reasons ?? []) : null, names });
      if (action === ReviewAction.LIST || action === ReviewAction.RETURN) await this.reviewNotice(tx, saved, action, names.actorOrgName ?? '', dto.reasons ?? [], dto.comment ?? null);
      await this.audit.record(tx, actor, {
        action: `project.${action.toLowerCase()}`,
        entityType: 'project',
        entityId: id,
        before,
        after: { status: saved.status, reviewStage: saved.reviewStage, reviewerOrgId: saved.reviewerOrgId, version: saved.version, comment: dto.comment ?? null, reasons: dto.reasons ?? null },
      });
      return saved;
    };
    if (m) return run(m);
    await this.dataSource.transaction(run);
    return this.get(actor, id);
  }

  /**
   * Listed (入库) or returned: the enterprise and, when another organisation (a county) registered
   * the project, that organisation are told — a return with its reasons. A listing also makes the
   * project's shared financing needs visible to banks, whose fitting ones are told (batched).
   */
  private async reviewNotice(m: EntityManager, p: Project, action: ReviewAction, reviewerName: string, reasons: ReturnReason[], comment: string | null) {
    const to = { organizations: [...new Set([p.enterpriseOrgId, p.submittedByOrgId])] };
    const link = `/projects/${p.id}`;
    if (action === ReviewAction.LIST) {
      await this.notifications.notify(m, { type: NotificationType.LIBRARY_LISTED, to, vars: { entryKind: '项目', entryName: p.name, reviewerName }, link });
      await noticeNeedsNowVisible(m, this.notifications, { projectId: p.id, enterpriseOrgId: p.enterpriseOrgId }, { lprPercent: this.config.LPR_1Y_PERCENT });
      return;
    }
    const reason = [...reasons.map((r) => r.message), ...(comment ? [comment] : [])].join('；');
    await this.notifications.notify(m, { type: NotificationType.LIBRARY_RETURNED, to, vars: { entryKind: '项目', entryName: p.name, reviewerName, reason }, link });
  }

  review(actor: Actor, id: string, dto: ReviewActionDto) {
    return this.act(actor, id, dto.action, dto);
  }

  /** A reviewer passes or lists several projects; each succeeds or fails on its own. */
  async bulkReview(actor: Actor, action: ReviewAction, items: { id: string; version?: number }[], comment?: string) {
    const results: { id: string; ok: boolean; code?: string; message?: string; status?: ProjectStatus }[] = [];
    for (const item of items) {
      try {
        const saved = await this.dataSource.transaction((m) => this.act(actor, item.id, action, { version: item.version, comment }, m));
        results.push({ id: item.id, ok: true, status: (saved as Project).status });
      } catch (e) {
        if (!(e instanceof AppException)) throw e;
        results.push({ id: item.id, ok: false, code: e.code, message: e.message });
      }
    }
    return { succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
  }

  // ------------------------------------------------------------------ attachments

  async addAttachment(actor: Actor, id: string, kind: string, file: { originalname: string; mimetype: string; size: number; buffer: Buffer } | undefined) {
    if (!file?.buffer?.length) throw AppException.badRequest('请选择要上传的文件', ProjectErrorCode.ATTACHMENT_REQUIRED, [{ field: 'file', messages: ['请选择要上传的文件'] }]);
    if (!Object.values(AttachmentKind).includes(kind as AttachmentKind)) {
      throw AppException.badRequest('附件类型无效', ProjectErrorCode.ATTACHMENT_TYPE, [{ field: 'kind', messages: ['附件类型无效'] }]);
    }
    // multer decodes the file name as latin1; browsers send UTF-8.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 200);
    const problem = attachmentTypeProblem(fileName, file.buffer);
    if (problem) throw AppException.badRequest(problem, ProjectErrorCode.ATTACHMENT_TYPE, [{ field: 'file', messages: [problem] }]);
    return this.dataSource.transaction(async (m) => {
      const p = await this.lockVisible(m, actor, id);
      const mayAttach = actor.role === Role.BUREAU || actor.organizationId === p.enterpriseOrgId || actor.organizationId === p.submittedByOrgId;
      if (!mayAttach) throw AppException.forbidden('无权为该项目上传附件', ProjectErrorCode.ACTION_FORBIDDEN);
      if (p.status === ProjectStatus.ARCHIVED) throw AppException.conflict('已归档项目不能上传附件', ProjectErrorCode.NOT_EDITABLE);
      const count = await m.count(ProjectAttachment, { where: { projectId: id } });
      if (count >= ATTACHMENT_MAX_PER_PROJECT) throw AppException.conflict(`每个项目最多${ATTACHMENT_MAX_PER_PROJECT}个附件`, ProjectErrorCode.ATTACHMENT_TOO_MANY);
      const ext = fileName.split('.').pop()!.toLowerCase();
      const row = m.create(ProjectAttachment, {
        projectId: id,
        kind: kind as AttachmentKind,
        fileName,
        mimeType: ATTACHMENT_TYPES[ext],
        sizeBytes: file.buffer.length,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        uploadedByUserId: actor.userId,
      });
      const saved = await m.save(row);
      const { content: _c, ...meta } = saved;
      await this.audit.record(m, actor, { action: 'project.attachment_add', entityType: 'project', entityId: id, after: meta });
      return meta;
    });
  }

  async attachment(actor: Actor, attachmentId: string) {
    const meta = await this.dataSource.getRepository(ProjectAttachment).findOne({ where: { id: attachmentId } });
    if (!meta) throw AppException.notFound('附件', ProjectErrorCode.ATTACHMENT_NOT_FOUND);
    const scope = await libraryScope(this.dataSource.manager, actor);
    const p = await this.dataSource.getRepository(Project).findOne({ where: { id: meta.projectId } });
    if (!p || !projectVisibleTo(scope, p)) throw AppException.notFound('附件', ProjectErrorCode.ATTACHMENT_NOT_FOUND);
    const [row] = await this.dataSource.query('SELECT content FROM project_attachments WHERE id = $1', [attachmentId]);
    return { meta, content: row.content as Buffer };
  }

  async removeAttachment(actor: Actor, attachmentId: string) {
    await this.dataSource.transaction(async (m) => {
      const meta = await m.findOne(ProjectAttachment, { where: { id: attachmentId } });
      if (!meta) throw AppException.notFound('附件', ProjectErrorCode.ATTACHMENT_NOT_FOUND);
      const p = await this.lockVisible(m, actor, meta.projectId).catch(() => {
        throw AppException.notFound('附件', ProjectErrorCode.ATTACHMENT_NOT_FOUND);
      });
      if (!canEdit(p, actor)) throw AppException.conflict('只有草稿或已退回的项目可以删除附件', ProjectErrorCode.NOT_EDITABLE);
      await m.delete(ProjectAttachment, { id: attachmentId });
      await this.audit.record(m, actor, { action: 'project.attachment_remove', entityType: 'project', entityId: p.id, before: meta });
    });
  }

  /** First stage a (re)submission goes to; exported for the importer. */
  static firstStage = firstStage;
  static readonly ReviewStage = ReviewStage;
}
