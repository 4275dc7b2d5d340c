import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CollateralKind, type NeedDetail, type NeedRow, NeedSharing, NeedStatus, OrgType, Page, ProjectStatus, Role } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { Actor, SYSTEM_ACTOR } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { pageBounds } from '../common/http/pagination';
import { runAll } from '../common/query-concurrency';
import { zhanjiangDate } from '../common/time';
import { NotificationsService } from '../notifications';
import { Organization } from '../organizations';
import { type LibraryScope, likePattern, libraryScope, projectVisibleTo, Project, ProjectCategory } from '../projects';
import { ContactRevealRegistry } from './contact-reveal';
import { CreateNeedDto, ListNeedsQuery, UpdateNeedDto } from './dto/need.dto';
import { FinancingNeed, FinancingNeedBank } from './financing-need.entity';
import { FinancingNeedErrorCode } from './financing-needs.errors';
import { syncNeedExpiringReminder } from './need-notices';
import { NeedVisibility } from './need-visibility';
import { maskContact, needAmountProblem, needEditable, needListedSql, needTransitionAllowed, needVisibleToBankSql } from './need-rules';

const notFound = () => AppException.notFound('融资需求', FinancingNeedErrorCode.NOT_FOUND);

const SORTS: Record<string, string> = { createdAt: 'n.created_at', amount: 'n.amount', termMonths: 'n.term_months', wantedBy: 'n.wanted_by', updatedAt: 'n.updated_at' };

/** The needs (alias n, enterprise e, project p) a caller may see, as SQL with positional parameters appended to `params`. */
function needScopeSql(s: LibraryScope, params: unknown[]): string {
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  switch (s.role) {
    case Role.ENTERPRISE:
      return `n.enterprise_org_id = ${add(s.orgId)}`;
    case Role.COUNTY: {
      const org = add(s.orgId);
      return `(coalesce(p.division_code, e.division_code) = ${add(s.divisionCode)} OR n.created_by_org_id = ${org})`;
    }
    case Role.DEPARTMENT: {
      const org = add(s.orgId);
      return `((p.department_org_id = ${org} AND p.status <> 'DRAFT') OR n.created_by_org_id = ${org})`;
    }
    case Role.BUREAU:
      return 'true';
    case Role.BANK:
      return needVisibleToBankSql('n', add(s.orgId));
    default:
      return 'false';
  }
}

export interface NeedForMatching {
  need: FinancingNeed;
  sharedWithBankOrgIds: string[];
  project: Project | null;
  categories: ProjectCategory[];
  enterprise: Organization;
  profile: Record<string, unknown> | null;
  grade: { grade: string; gradeLabel: string; score: string; scorecardVersion: number } | null;
}

@Injectable()
export class FinancingNeedsService {

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contacts: ContactRevealRegistry,
    private readonly visibility: NeedVisibility,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Notices that follow a need (inside the caller's transaction): its "about to expire" reminder,
   * and — when banks may now see it — one line in the batched "new fitting needs" notice of each
   * bank whose published products it fits (told through NeedVisibility, where matching listens).
   */
  private async needNotices(m: EntityManager, need: FinancingNeed, o: { reminder: boolean; banks: boolean }) {
    if (o.reminder) await syncNeedExpiringReminder(m, this.notifications, need);
    if (o.banks && need.status === NeedStatus.OPEN && need.sharing !== NeedSharing.NOT_SHARED) {
      await this.visibility.needVisible(m, need.id);
    }
  }

  // ------------------------------------------------------------------ reads

  private baseSelect(where: string) {
    return `SELECT n.id, n.enterprise_org_id AS "enterpriseOrgId", n.project_id AS "projectId", n.amount, n.term_months AS "termMonths",
                   n.instrument, n.purpose, n.collateral, n.collateral_note AS "collateralNote", n.max_rate_percent AS "maxRatePercent",
                   n.wanted_by AS "wantedBy", n.sharing, n.status, n.status_changed_at AS "statusChangedAt", n.created_by_org_id AS "createdByOrgId",
                   n.is_demo AS "isDemo", n.version, n.created_at AS "createdAt", n.updated_at AS "updatedAt",
                   e.name AS "enterpriseName", e.credit_code AS "enterpriseCreditCode", coalesce(p.division_code, e.division_code) AS "divisionCode",
                   p.name AS "projectName", p.status AS "projectStatus", p.primary_category_code AS "primaryCategoryCode"
              FROM financing_needs n
              JOIN organizations e ON e.id = n.enterprise_org_id
              LEFT JOIN projects p ON p.id = n.project_id
             WHERE ${where}`;
  }

  async list(actor: Actor, q: ListNeedsQuery): Promise<Page<NeedRow>> {
    const scope = await libraryScope(this.dataSource.manager, actor);
    return this.listScoped(scope, q);
  }

  /** A bank's browse list: needs visible to it (see docs/LIBRARY.md). */
  listVisibleToBank(bankOrgId: string, q: ListNeedsQuery): Promise<Page<NeedRow>> {
    return this.listScoped({ role: Role.BANK, orgId: bankOrgId, divisionCode: null }, q);
  }

  private async listScoped(scope: LibraryScope, q: ListNeedsQuery): Promise<Page<NeedRow>> {
    const params: unknown[] = [];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [needScopeSql(scope, params)];
    if (q.status) where.push(`n.status = ${add(q.status)}`);
    if (q.instrument) where.push(`n.instrument = ${add(q.instrument)}`);
    if (q.divisionCode) where.push(`coalesce(p.division_code, e.division_code) = ${add(q.divisionCode)}`);
    if (q.minAmount) where.push(`n.amount >= ${add(q.minAmount)}`);
    if (q.maxAmount) where.push(`n.amount <= ${add(q.maxAmount)}`);
    if (q.projectId) where.push(`n.project_id = ${add(q.projectId)}`);
    if (q.enterpriseOrgId) where.push(`n.enterprise_org_id = ${add(q.enterpriseOrgId)}`);
    if (q.categoryPrefix) {
      const pre = add(q.categoryPrefix);
      where.push(`(p.primary_category_code = ${pre} OR p.primary_category_code LIKE ${pre} || '.%')`);
    }
    if (q.q) {
      const kw = add(likePattern(q.q));
      where.push(`(n.purpose ILIKE ${kw} OR p.name ILIKE ${kw} OR e.name ILIKE ${kw})`);
    }
    const { page, pageSize, offset } = pageBounds(q);
    const sort = q.sort ?? '-createdAt';
    const desc = sort.startsWith('-');
    const col = SORTS[desc ? sort.slice(1) : sort];
    if (!col) throw AppException.badRequest(`不支持的排序字段：${sort}`, undefined, [{ field: 'sort', messages: [`可选：${Object.keys(SORTS).join(', ')}`] }]);
    const w = where.join(' AND ');
    const [items, countRows] = await runAll([
      () => this.dataSource.query(`${this.baseSelect(w)} ORDER BY ${col} ${desc ? 'DESC' : 'ASC'}, n.id LIMIT ${pageSize} OFFSET ${offset}`, params),
      () => this.dataSource.query(`SELECT count(*)::int AS total FROM financing_needs n JOIN organizations e ON e.id = n.enterprise_org_id LEFT JOIN projects p ON p.id = n.project_id WHERE ${w}`, params),
    ] as const);
    const total = (countRows as { total: number }[])[0].total;
    return { items: items as NeedRow[], total, page, pageSize };
  }

  /** One need with its enterprise's contact (masked for a bank that has not taken it up). */
  async get(actor: Actor, id: string): Promise<NeedDetail> {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const params: unknown[] = [id];
    const [row]: (NeedRow | undefined)[] = await this.dataSource.query(`${this.baseSelect(`n.id = $1 AND ${needScopeSql(scope, params)}`)}`, params);
    if (!row) throw notFound();
    const banks: { id: string; name: string }[] =
      scope.role === Role.BANK
        ? []
        : await this.dataSource.query('SELECT o.id, o.name FROM financing_need_banks b JOIN organizations o ON o.id = b.bank_org_id WHERE b.need_id = $1 ORDER BY o.name', [id]);
    const [profile] = await this.dataSource.query(
      'SELECT contact_name AS "contactName", contact_phone AS "contactPhone", contact_email AS "contactEmail" FROM enterprise_profiles WHERE organization_id = $1',
      [row.enterpriseOrgId],
    );
    let contact: NeedDetail['contact'] = profile ?? { contactName: null, contactPhone: null, contactEmail: null };
    let contactRevealed = true;
    if (scope.role === Role.BANK) {
      contactRevealed = await this.contacts.isContactRevealedTo(scope.orgId, id);
      if (!contactRevealed) contact = maskContact(contact);
    }
    return { ...row, sharedWithBanks: banks, contact, contactRevealed };
  }

  async stats(actor: Actor) {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const s: LibraryScope = scope.role === Role.REGULATOR ? { ...scope, role: Role.BUREAU } : scope;
    const params: unknown[] = [];
    const w = needScopeSql(s, params);
    const from = `FROM financing_needs n JOIN organizations e ON e.id = n.enterprise_org_id LEFT JOIN projects p ON p.id = n.project_id WHERE ${w}`;
    const [byStatus, byInstrument, byDivision] = await runAll([
      () => this.dataSource.query(`SELECT n.status, count(*)::int AS count, sum(n.amount)::text AS amount ${from} GROUP BY n.status`, params),
      () => this.dataSource.query(`SELECT n.instrument, count(*)::int AS count, sum(n.amount)::text AS amount ${from} GROUP BY n.instrument`, params),
      () => this.dataSource.query(
        `SELECT coalesce(p.division_code, e.division_code) AS "divisionCode", count(*)::int AS count, sum(n.amount)::text AS amount ${from} GROUP BY 1`,
        params,
      ),
    ] as const);
    return { byStatus, byInstrument, byDivision };
  }

  /** How many needs were posted on `day` (a date in Zhanjiang) and their amount in 万元: the bureau's workbench. */
  async postedOn(day: string): Promise<{ count: number; amount: string }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count, coalesce(sum(amount), 0)::numeric(14,2)::text AS amount FROM financing_needs
        WHERE created_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND created_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      [day],
    );
    return row;
  }

  /** Financial institutions a need may be shared with (names only). */
  banks(): Promise<{ id: string; name: string; institutionKind: string | null }[]> {
    return this.dataSource.query(`SELECT id, name, institution_kind AS "institutionKind" FROM organizations WHERE type = 'FINANCIAL_INSTITUTION' ORDER BY name`);
  }

  // ------------------------------------------------------------------ writes

  private async ownerFor(m: EntityManager, actor: Actor, dto: { enterpriseOrgId?: string; projectId?: string }) {
    const scope = await libraryScope(m, actor);
    let enterpriseOrgId = dto.enterpriseOrgId;
    let project: Project | null = null;
    if (dto.projectId) {
      project = await m.findOne(Project, { where: { id: dto.projectId } });
      if (!project || !projectVisibleTo(scope, project)) throw AppException.notFound('项目', FinancingNeedErrorCode.PROJECT_NOT_FOUND);
      if (project.status === ProjectStatus.ARCHIVED) throw AppException.conflict('已归档项目不能登记融资需求', FinancingNeedErrorCode.NOT_EDITABLE);
      if (enterpriseOrgId && enterpriseOrgId !== project.enterpriseOrgId) throw AppException.notFound('项目', FinancingNeedErrorCode.PROJECT_NOT_FOUND);
      enterpriseOrgId = project.enterpriseOrgId;
    }
    if (actor.role === Role.ENTERPRISE) {
      if (enterpriseOrgId && enterpriseOrgId !== actor.organizationId) throw AppException.notFound('企业', FinancingNeedErrorCode.ENTERPRISE_NOT_FOUND);
      enterpriseOrgId = actor.organizationId;
    }
    if (!enterpriseOrgId) throw AppException.badRequest('请选择所属企业或项目', FinancingNeedErrorCode.ENTERPRISE_REQUIRED, [{ field: 'enterpriseOrgId', messages: ['请选择所属企业或项目'] }]);
    const org = await m.findOneBy(Organization, { id: enterpriseOrgId, type: OrgType.ENTERPRISE });
    if (!org || (actor.role === Role.COUNTY && org.divisionCode !== scope.divisionCode)) throw AppException.notFound('企业', FinancingNeedErrorCode.ENTERPRISE_NOT_FOUND);
    return { org, project };
  }

  private checkCollateral(collateral: CollateralKind[]) {
    if (collateral.includes(CollateralKind.NONE) && collateral.length > 1) {
      throw AppException.badRequest('选择“无”担保时不能再选其他担保方式', FinancingNeedErrorCode.COLLATERAL_INVALID, [{ field: 'collateral', messages: ['选择“无”时不能再选其他担保方式'] }]);
    }
  }

  /**
   * A need on a project asks for no more than the project's total investment (issue 14; the rule is
   * needAmountProblem). The project row is read FOR SHARE, so a concurrent change of its investment
   * (projects lock it FOR UPDATE) waits for this need, or this need sees the new investment.
   */
  private async checkAmount(m: EntityManager, projectId: string | null, amount: string) {
    if (!projectId) return;
    const project = await m.findOne(Project, { where: { id: projectId }, lock: { mode: 'pessimistic_read' } });
    const problem = needAmountProblem(amount, project?.totalInvestment);
    if (problem) {
      throw AppException.badRequest(`融资金额${problem}`, FinancingNeedErrorCode.AMOUNT_ABOVE_INVESTMENT, [{ field: 'amount', messages: [problem] }]);
    }
  }

  private checkWantedBy(wantedBy: string | null | undefined) {
    if (wantedBy && wantedBy < zhanjiangDate()) {
      throw AppException.badRequest('希望到位日期不能早于今天', FinancingNeedErrorCode.WANTED_BY_PAST, [{ field: 'wantedBy', messages: ['不能早于今天'] }]);
    }
  }

  private async checkBanks(m: EntityManager, sharing: NeedSharing, bankOrgIds: string[] | undefined): Promise<string[]> {
    if (sharing !== NeedSharing.SELECTED_BANKS) return [];
    const ids = [...new Set(bankOrgIds ?? [])];
    if (!ids.length) throw AppException.badRequest('请指定共享的金融机构', FinancingNeedErrorCode.BANKS_REQUIRED, [{ field: 'bankOrgIds', messages: ['请至少指定一家金融机构'] }]);
    const found: { id: string }[] = await m.query(`SELECT id FROM organizations WHERE id = ANY($1) AND type = 'FINANCIAL_INSTITUTION'`, [ids]);
    if (found.length !== ids.length) throw AppException.badRequest('指定的机构不是金融机构', FinancingNeedErrorCode.BANK_INVALID, [{ field: 'bankOrgIds', messages: ['含有不是金融机构的 id'] }]);
    return ids;
  }

  async create(actor: Actor, dto: CreateNeedDto) {
    const id = await this.dataSource.transaction(async (m) => {
      const { org, project } = await this.ownerFor(m, actor, dto);
      await this.checkAmount(m, project?.id ?? null, dto.amount);
      this.checkCollateral(dto.collateral);
      this.checkWantedBy(dto.wantedBy);
      const banks = await this.checkBanks(m, dto.sharing, dto.bankOrgIds);
      const need = await m.save(
        m.create(FinancingNeed, {
          enterpriseOrgId: org.id,
          projectId: project?.id ?? null,
          amount: dto.amount,
          termMonths: dto.termMonths,
          instrument: dto.instrument,
          purpose: dto.purpose,
          collateral: [...new Set(dto.collateral)],
          collateralNote: dto.collateralNote ?? null,
          maxRatePercent: dto.maxRatePercent ?? null,
          wantedBy: dto.wantedBy ?? null,
          sharing: dto.sharing,
          sharingConsentedAt: dto.sharing === NeedSharing.NOT_SHARED ? null : new Date(),
          status: NeedStatus.OPEN,
          createdByOrgId: actor.organizationId,
          isDemo: org.isDemo,
        }),
      );
      if (banks.length) await m.insert(FinancingNeedBank, banks.map((bankOrgId) => ({ needId: need.id, bankOrgId })));
      await this.audit.record(m, actor, { action: 'financing_need.create', entityType: 'financing_need', entityId: need.id, after: { ...need, bankOrgIds: banks } });
      await this.needNotices(m, need, { reminder: true, banks: true });
      return need.id;
    });
    return this.get(actor, id);
  }

  /** Locks a need the caller may change: the enterprise, the organisation that registered it, or the bureau. */
  private async lockOwn(m: EntityManager, actor: Actor, id: string): Promise<FinancingNeed> {
    const need = await m.findOne(FinancingNeed, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const mine = need && (actor.role === Role.BUREAU || need.enterpriseOrgId === actor.organizationId || need.createdByOrgId === actor.organizationId);
    if (!need || !mine) {
      // Visible but not changeable (a county or department viewing): 403; invisible: 404.
      if (need) {
        const scope = await libraryScope(m, actor);
        const params: unknown[] = [id];
        const [row] = await m.query(`SELECT 1 FROM financing_needs n JOIN organizations e ON e.id = n.enterprise_org_id LEFT JOIN projects p ON p.id = n.project_id WHERE n.id = $1 AND ${needScopeSql(scope, params)}`, params);
        if (row) throw AppException.forbidden('无权修改该融资需求', FinancingNeedErrorCode.ACTION_FORBIDDEN);
      }
      throw notFound();
    }
    return need;
  }

  async update(actor: Actor, id: string, dto: UpdateNeedDto) {
    await this.dataSource.transaction(async (m) => {
      const need = await this.lockOwn(m, actor, id);
      if (dto.version !== need.version) throw AppException.conflict('融资需求已被修改，请刷新后重试', FinancingNeedErrorCode.VERSION_CONFLICT, { currentVersion: need.version });
      if (!needEditable(need.status)) throw AppException.conflict('只有待对接的融资需求可以修改', FinancingNeedErrorCode.NOT_EDITABLE, { status: need.status });
      const before = { ...need };
      const { version: _v, bankOrgIds, ...fields } = dto;
      if (fields.amount !== undefined) await this.checkAmount(m, need.projectId, fields.amount);
      if (fields.collateral) this.checkCollateral(fields.collateral);
      if (fields.wantedBy !== undefined) this.checkWantedBy(fields.wantedBy);
      const sharing = fields.sharing ?? need.sharing;
      let banks: string[] | null = null;
      if (fields.sharing !== undefined || bankOrgIds !== undefined) {
        const current = bankOrgIds ?? (await m.find(FinancingNeedBank, { where: { needId: id } })).map((b) => b.bankOrgId);
        banks = await this.checkBanks(m, sharing, current);
      }
      Object.assign(need, fields);
      if (fields.collateral) need.collateral = [...new Set(fields.collateral)];
      if (fields.sharing && fields.sharing !== before.sharing) need.sharingConsentedAt = fields.sharing === NeedSharing.NOT_SHARED ? null : new Date();
      const saved = await m.save(need);
      if (banks) {
        await m.delete(FinancingNeedBank, { needId: id });
        if (banks.length) await m.insert(FinancingNeedBank, banks.map((bankOrgId) => ({ needId: id, bankOrgId })));
      }
      await this.audit.record(m, actor, { action: 'financing_need.update', entityType: 'financing_need', entityId: id, before, after: { ...saved, ...(banks ? { bankOrgIds: banks } : {}) } });
      await this.needNotices(m, saved, { reminder: fields.wantedBy !== undefined && fields.wantedBy !== before.wantedBy, banks: true });
    });
    return this.get(actor, id);
  }

  async withdraw(actor: Actor, id: string, version?: number) {
    await this.dataSource.transaction(async (m) => {
      const need = await this.lockOwn(m, actor, id);
      if (version !== undefined && version !== need.version) throw AppException.conflict('融资需求已被修改，请刷新后重试', FinancingNeedErrorCode.VERSION_CONFLICT, { currentVersion: need.version });
      await this.setStatusLocked(m, actor, need, NeedStatus.WITHDRAWN);
    });
    return this.get(actor, id);
  }

  // ------------------------------------------------------------------ for the matchmaking pipeline (issue 4)

  /**
   * Changes a need's status inside the caller's transaction: locks the row, checks the transition,
   * records status_changed_at and an audit row. 409 FINANCING_NEED_STATE_CONFLICT when not allowed.
   */
  async setStatus(m: EntityManager, actor: Actor, needId: string, to: NeedStatus): Promise<FinancingNeed> {
    const need = await m.findOne(FinancingNeed, { where: { id: needId }, lock: { mode: 'pessimistic_write' } });
    if (!need) throw notFound();
    return this.setStatusLocked(m, actor, need, to);
  }

  markInMatchmaking(m: EntityManager, actor: Actor, needId: string) {
    return this.setStatus(m, actor, needId, NeedStatus.IN_MATCHMAKING);
  }

  markSatisfied(m: EntityManager, actor: Actor, needId: string) {
    return this.setStatus(m, actor, needId, NeedStatus.SATISFIED);
  }

  reopen(m: EntityManager, actor: Actor, needId: string) {
    return this.setStatus(m, actor, needId, NeedStatus.OPEN);
  }

  private async setStatusLocked(m: EntityManager, actor: Actor, need: FinancingNeed, to: NeedStatus) {
    if (need.status === to) return need;
    if (!needTransitionAllowed(need.status, to)) {
      throw AppException.conflict(`融资需求当前状态不能变更为该状态`, FinancingNeedErrorCode.STATE_CONFLICT, { status: need.status, to });
    }
    const from = need.status;
    need.status = to;
    need.statusChangedAt = new Date();
    const saved = await m.save(need);
    await this.audit.record(m, actor, { action: 'financing_need.status', entityType: 'financing_need', entityId: need.id, before: { status: from }, after: { status: to, version: saved.version } });
    await this.needNotices(m, saved, { reminder: true, banks: false });
    return saved;
  }

  /**
   * Whether a need stands in the library for banks (its project listed; see needListedSql): every
   * path into a case requires it, so a need of a project returned for changes reaches no bank.
   */
  async isListed(needId: string, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM financing_needs n WHERE n.id = $1 AND ${needListedSql('n')}`, [needId]);
    return !!row;
  }

  /** Whether a bank may see a need (the rule in docs/LIBRARY.md). */
  async isVisibleToBank(bankOrgId: string, needId: string, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM financing_needs n WHERE n.id = $1 AND ${needVisibleToBankSql('n', '$2')}`, [needId, bankOrgId]);
    return !!row;
  }

  /** A need with its project, categories, enterprise, profile and current grade, for matching. No scoping. */
  async loadForMatching(needId: string, m: EntityManager = this.dataSource.manager): Promise<NeedForMatching | null> {
    const need = await m.findOne(FinancingNeed, { where: { id: needId } });
    if (!need) return null;
    // One after another: `m` may be the caller's transaction.
    const project = need.projectId ? await m.findOne(Project, { where: { id: need.projectId } }) : null;
    const categories = need.projectId ? await m.find(ProjectCategory, { where: { projectId: need.projectId } }) : [];
    const enterprise = await m.findOneByOrFail(Organization, { id: need.enterpriseOrgId });
    const banks = await m.find(FinancingNeedBank, { where: { needId } });
    const profileRows = await m.query('SELECT * FROM enterprise_profiles WHERE organization_id = $1', [need.enterpriseOrgId]);
    const gradeRows = await m.query(
      'SELECT grade, grade_label AS "gradeLabel", score, scorecard_version AS "scorecardVersion" FROM green_grades WHERE enterprise_org_id = $1 AND is_current',
      [need.enterpriseOrgId],
    );
    return { need, sharedWithBankOrgIds: banks.map((b) => b.bankOrgId), project, categories, enterprise, profile: profileRows[0] ?? null, grade: gradeRows[0] ?? null };
  }

  /**
   * Open needs whose wanted-by date has passed become EXPIRED (audited as the system). Answers how many.
   * Idempotent (only OPEN needs): run every NEED_EXPIRY_SWEEP_MS by the `need-sweeps` job scheduler
   * (need-sweeps.ts), once per period however many processes run.
   */
  async expireOverdue(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `UPDATE financing_needs SET status = 'EXPIRED', status_changed_at = now(), version = version + 1, updated_at = now()
          WHERE status = 'OPEN' AND wanted_by IS NOT NULL AND wanted_by < $1::date RETURNING id`,
        [zhanjiangDate()],
      );
      const ids = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string }[];
      if (ids.length) await this.audit.record(m, SYSTEM_ACTOR, { action: 'financing_need.expire', entityType: 'financing_need', after: { ids: ids.map((r) => r.id) } });
      return ids.length;
    });
  }
}
