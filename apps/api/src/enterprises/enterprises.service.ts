import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type EnterpriseDetail,
  type EnterpriseRow,
  EnterpriseSelection,
  type GreenGradeView,
  type GreenIdentificationRow,
  GreenIdentificationStatus,
  type GreenIdentificationView,
  industryDivisionMatches,
  NotificationType,
  OrgType,
  Page,
  Role,
  ScorecardStatus,
} from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { pageBounds } from '../common/http/pagination';
import { runAll } from '../common/query-concurrency';
import { zhanjiangDate } from '../common/time';
import { ContactRevealRegistry, maskContact, NeedVisibility } from '../financing-needs';
import { NotificationsService } from '../notifications';
import { Organization } from '../organizations';
import { type LibraryScope, likePattern, libraryScope, projectKeywordSql } from '../projects';
import {
  ApplyIdentificationDto,
  CreateEnterpriseDto,
  CreateScorecardDto,
  DecideIdentificationDto,
  EnterpriseProfileDto,
  ListEnterprisesQuery,
} from './dto/enterprise.dto';
import { EnterpriseProfile } from './enterprise-profile.entity';
import { gradeView, identificationView, profileView } from './enterprise-views';
import { EnterpriseErrorCode } from './enterprises.errors';
import { GreenIdentification } from './green-identification.entity';
import { GreenGrade, Scorecard } from './scorecard.entity';
import { computeAndStoreGrade, scoreInputs } from './grading';
import { computeGrade, DEFAULT_SCORECARD, scorecardProblems } from './scorecard-engine';

const notFound = () => AppException.notFound('企业', EnterpriseErrorCode.NOT_FOUND);

const SORTS: Record<string, string> = { name: 'o.name', createdAt: 'o.created_at', registeredCapital: 'ep.registered_capital', score: 'g.score' };

/** Enterprises (alias o = organisation, ep = profile) a caller may see, as SQL with positional parameters. */
function enterpriseScopeSql(s: LibraryScope, params: unknown[]): string {
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  switch (s.role) {
    case Role.ENTERPRISE:
      return `o.id = ${add(s.orgId)}`;
    case Role.COUNTY:
      return `o.division_code = ${add(s.divisionCode)}`;
    case Role.DEPARTMENT: {
      const org = add(s.orgId);
      return `(ep.created_by_org_id = ${org} OR EXISTS (SELECT 1 FROM projects sp WHERE sp.enterprise_org_id = o.id AND ((sp.department_org_id = ${org} AND sp.status <> 'DRAFT') OR sp.submitted_by_org_id = ${org})))`;
    }
    case Role.BUREAU:
      return 'true';
    case Role.BANK:
      // Banks see the library: enterprises with a listed project or a valid green identification.
      return `(EXISTS (SELECT 1 FROM projects sp WHERE sp.enterprise_org_id = o.id AND sp.status = 'LISTED')
               OR EXISTS (SELECT 1 FROM green_identifications sg WHERE sg.enterprise_org_id = o.id AND sg.status = 'APPROVED' AND current_date BETWEEN sg.valid_from AND sg.valid_until))`;
    default:
      return 'false';
  }
}


const PROFILE_FIELDS = [
  'industrySection', 'industryDivision', 'industryName', 'size', 'registeredCapital', 'establishedOn', 'legalRepresentative', 'address',
  'businessScope', 'contactName', 'contactPhone', 'contactEmail', 'envCreditRating', 'envCreditRatingYear', 'certifications',
  'carbonEmissionsT', 'carbonIntensity', 'carbonIntensityUnit', 'carbonYear', 'envDisclosure', 'envDisclosureUrl', 'envDisclosureYear',
] as const;

@Injectable()
export class EnterprisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contacts: ContactRevealRegistry,
    private readonly notifications: NotificationsService,
    private readonly needVisibility: NeedVisibility,
  ) {}

  // ------------------------------------------------------------------ for other features

  async profile(orgId: string, m: EntityManager = this.dataSource.manager): Promise<EnterpriseProfile | null> {
    return m.findOne(EnterpriseProfile, { where: { organizationId: orgId } });
  }

  async currentGrades(orgIds: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, GreenGrade>> {
    if (!orgIds.length) return new Map();
    const rows = await m.getRepository(GreenGrade).createQueryBuilder('g').where('g.enterprise_org_id IN (:...ids) AND g.is_current', { ids: orgIds }).getMany();
    return new Map(rows.map((g) => [g.enterpriseOrgId, g]));
  }

  async hasValidGreenIdentification(orgId: string, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await m.query(
      `SELECT 1 FROM green_identifications WHERE enterprise_org_id = $1 AND status = 'APPROVED' AND $2::date BETWEEN valid_from AND valid_until`,
      [orgId, zhanjiangDate()],
    );
    return !!row;
  }

  /** The enterprises with an approved green identification valid on `asOf` (the plan's LIBRARY_ENTERPRISES counts them). */
  async identifiedOn(asOf: string, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT DISTINCT enterprise_org_id AS id FROM green_identifications WHERE status = 'APPROVED' AND valid_from <= $1::date AND valid_until >= $1::date`,
      [asOf],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Enterprises picked with the library's filters (events' invitations), all combined with AND;
   * answers their organisation ids in name order, none when no filter is given:
   * - `divisionCodes`: the enterprise's county or zone;
   * - `categoryCode` (code or prefix, of `taxonomyVersion`, default the catalogue in force: the latest effective today): a project of
   *   that category, submitted, under review or listed (not a draft, not archived);
   * - `minGreenGrade`: the current green grade is at least this good ('A' best);
   * - `withOpenNeeds`, `needAmountMin`/`needAmountMax` (万元): an OPEN financing need, within the range.
   */
  async selectIds(f: EnterpriseSelection, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    const params: unknown[] = [];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (f.divisionCodes?.length) where.push(`o.division_code = ANY(${add(f.divisionCodes)}::varchar[])`);
    if (f.categoryCode) {
      const version = f.taxonomyVersion ? add(f.taxonomyVersion) : `(SELECT version FROM taxonomy_versions WHERE effective_from IS NULL OR effective_from <= current_date ORDER BY effective_from DESC NULLS LAST, version DESC LIMIT 1)`;
      const code = add(f.categoryCode);
      where.push(`EXISTS (SELECT 1 FROM projects sp JOIN project_categories pc ON pc.project_id = sp.id
                          WHERE sp.enterprise_org_id = o.id AND sp.status NOT IN ('DRAFT','ARCHIVED')
                            AND pc.taxonomy_version = ${version} AND (pc.code = ${code} OR pc.code LIKE ${code} || '.%'))`);
    }
    if (f.minGreenGrade) where.push(`EXISTS (SELECT 1 FROM green_grades sg WHERE sg.enterprise_org_id = o.id AND sg.is_current AND sg.grade <= ${add(f.minGreenGrade)})`);
    if (f.withOpenNeeds || f.needAmountMin || f.needAmountMax) {
      const need = [`sn.enterprise_org_id = o.id`, `sn.status = 'OPEN'`];
      if (f.needAmountMin) need.push(`sn.amount >= ${add(f.needAmountMin)}::numeric`);
      if (f.needAmountMax) need.push(`sn.amount <= ${add(f.needAmountMax)}::numeric`);
      where.push(`EXISTS (SELECT 1 FROM financing_needs sn WHERE ${need.join(' AND ')})`);
    }
    if (!where.length) return [];
    const rows: { id: string }[] = await m.query(`SELECT o.id FROM organizations o WHERE o.type = 'ENTERPRISE' AND ${where.join(' AND ')} ORDER BY o.name, o.id`, params);
    return rows.map((r) => r.id);
  }

  // ------------------------------------------------------------------ reads

  private select(where: string) {
    return `SELECT o.id, o.name, o.credit_code AS "creditCode", o.division_code AS "divisionCode", o.is_demo AS "isDemo", o.created_at AS "createdAt",
                   ep.industry_section AS "industrySection", ep.industry_division AS "industryDivision", ep.industry_name AS "industryName",
                   ep.size, ep.registered_capital AS "registeredCapital", ep.env_credit_rating AS "envCreditRating",
                   ep.env_disclosure AS "envDisclosure", ep.carbon_emissions_t AS "carbonEmissionsT", ep.carbon_year AS "carbonYear",
                   ep.version AS "profileVersion",
                   g.grade, g.grade_label AS "gradeLabel", g.score, g.scorecard_version AS "scorecardVersion",
                   (SELECT count(*)::int FROM projects lp WHERE lp.enterprise_org_id = o.id AND lp.status = 'LISTED') AS "listedProjects",
                   EXISTS (SELECT 1 FROM green_identifications gi WHERE gi.enterprise_org_id = o.id AND gi.status = 'APPROVED' AND current_date BETWEEN gi.valid_from AND gi.valid_until) AS "identified"
              FROM organizations o
              LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id
              LEFT JOIN green_grades g ON g.enterprise_org_id = o.id AND g.is_current
             WHERE o.type = 'ENTERPRISE' AND ${where}`;
  }

  private filters(q: ListEnterprisesQuery, params: unknown[], scope?: LibraryScope): string[] {
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (q.q) {
      // Any word a person would use: the name or credit code, the profile's industry, business scope
      // and address, or the search text of one of its projects past draft (listed, for a bank): their
      // names, descriptions and categories' names and keywords (projects/search-sql.ts). See docs/LIBRARY.md.
      const kw = add(likePattern(q.q));
      const lower = add(likePattern(q.q.toLowerCase()));
      const projectKw = projectKeywordSql(q.q, 'kp');
      const bigram = projectKw.sql.includes(':kwText') ? add(q.q.toLowerCase()) : null;
      const projectSql = projectKw.sql.replace(/:kwLike/g, lower).replace(/:kwText/g, bigram ?? '');
      where.push(`(o.name ILIKE ${kw} OR o.credit_code ILIKE ${kw}
                   OR lower(coalesce(ep.industry_name, '') || ' ' || coalesce(ep.business_scope, '') || ' ' || coalesce(ep.address, '')) LIKE ${lower}
                   OR o.id IN (SELECT kp.enterprise_org_id FROM projects kp WHERE ${scope?.role === Role.BANK ? `kp.status = 'LISTED'` : `kp.status <> 'DRAFT'`} AND ${projectSql}))`);
    }
    if (q.divisionCode) where.push(`o.division_code = ${add(q.divisionCode)}`);
    if (q.size) where.push(`ep.size = ${add(q.size)}`);
    if (q.industrySection) where.push(`ep.industry_section = ${add(q.industrySection)}`);
    if (q.envCreditRating) where.push(`ep.env_credit_rating = ${add(q.envCreditRating)}`);
    if (q.grade) where.push(`g.grade = ${add(q.grade)}`);
    if (q.identified !== undefined) {
      where.push(`${q.identified ? '' : 'NOT '}EXISTS (SELECT 1 FROM green_identifications fi WHERE fi.enterprise_org_id = o.id AND fi.status = 'APPROVED' AND current_date BETWEEN fi.valid_from AND fi.valid_until)`);
    }
    if (q.hasListedProject !== undefined) where.push(`${q.hasListedProject ? '' : 'NOT '}EXISTS (SELECT 1 FROM projects fp WHERE fp.enterprise_org_id = o.id AND fp.status = 'LISTED')`);
    return where;
  }

  async list(actor: Actor, q: ListEnterprisesQuery): Promise<Page<EnterpriseRow>> {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const params: unknown[] = [];
    const where = [enterpriseScopeSql(scope, params), ...this.filters(q, params, scope)].join(' AND ');
    const { page, pageSize, offset } = pageBounds(q);
    const sort = q.sort ?? 'name';
    const desc = sort.startsWith('-');
    const col = SORTS[desc ? sort.slice(1) : sort];
    if (!col) throw AppException.badRequest(`不支持的排序字段：${sort}`, undefined, [{ field: 'sort', messages: [`可选：${Object.keys(SORTS).join(', ')}`] }]);
    const [items, countRows] = await runAll([
      () => this.dataSource.query(`${this.select(where)} ORDER BY ${col} ${desc ? 'DESC' : 'ASC'} NULLS LAST, o.id LIMIT ${pageSize} OFFSET ${offset}`, params),
      () => this.dataSource.query(
        `SELECT count(*)::int AS total FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id
           LEFT JOIN green_grades g ON g.enterprise_org_id = o.id AND g.is_current WHERE o.type = 'ENTERPRISE' AND ${where}`,
        params,
      ),
    ] as const);
    const total = (countRows as { total: number }[])[0].total;
    return { items: items as EnterpriseRow[], total, page, pageSize };
  }

  async stats(actor: Actor) {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const s: LibraryScope = scope.role === Role.REGULATOR ? { ...scope, role: Role.BUREAU } : scope;
    const params: unknown[] = [];
    const w = enterpriseScopeSql(s, params);
    const from = `FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id LEFT JOIN green_grades g ON g.enterprise_org_id = o.id AND g.is_current WHERE o.type = 'ENTERPRISE' AND ${w}`;
    const [byDivision, bySize, byGrade, byIndustry] = await runAll([
      () => this.dataSource.query(`SELECT o.division_code AS "divisionCode", count(*)::int AS count ${from} GROUP BY 1 ORDER BY 2 DESC`, params),
      () => this.dataSource.query(`SELECT ep.size, count(*)::int AS count ${from} GROUP BY 1`, params),
      () => this.dataSource.query(`SELECT g.grade, g.grade_label AS "gradeLabel", count(*)::int AS count ${from} GROUP BY 1, 2 ORDER BY 1`, params),
      () => this.dataSource.query(`SELECT ep.industry_section AS "industrySection", count(*)::int AS count ${from} GROUP BY 1 ORDER BY 2 DESC`, params),
    ] as const);
    return { byDivision, bySize, byGrade, byIndustry };
  }

  /** An enterprise with its profile, identification, grade and counts; contacts masked for banks that have not taken up a need. */
  async get(actor: Actor, orgId: string): Promise<EnterpriseDetail> {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const params: unknown[] = [orgId];
    const [row]: (EnterpriseRow | undefined)[] = await this.dataSource.query(this.select(`o.id = $1 AND ${enterpriseScopeSql(scope, params)}`), params);
    if (!row) throw notFound();
    const org = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: orgId });
    let profile = await this.profile(orgId);
    let contactRevealed = true;
    if (scope.role === Role.BANK && profile) {
      const needIds: { id: string }[] = await this.dataSource.query('SELECT id FROM financing_needs WHERE enterprise_org_id = $1', [orgId]);
      contactRevealed = (await this.contacts.revealedNeedIds(scope.orgId, needIds.map((n) => n.id))).size > 0;
      if (!contactRevealed) profile = maskContact(profile);
    }
    const identifications = await this.dataSource.getRepository(GreenIdentification).find({ where: { enterpriseOrgId: orgId }, order: { createdAt: 'DESC' }, take: 10 });
    const [grade] = (await this.currentGrades([orgId])).values();
    const projectCounts = await this.dataSource.query(
      `SELECT status, count(*)::int AS count FROM projects WHERE enterprise_org_id = $1 ${scope.role === Role.BANK ? `AND status = 'LISTED'` : ''} GROUP BY status`,
      [orgId],
    );
    return {
      organization: { id: org.id, name: org.name, creditCode: org.creditCode, divisionCode: org.divisionCode, formerNames: org.formerNames, isDemo: org.isDemo },
      profile: profile && profileView(profile),
      contactRevealed,
      identifications: (scope.role === Role.BANK ? identifications.filter((i) => i.status === GreenIdentificationStatus.APPROVED) : identifications).map(identificationView),
      identified: row.identified,
      grade: grade ? gradeView(grade) : null,
      projectCounts,
    };
  }

  // ------------------------------------------------------------------ writes

  private checkIndustry(dto: EnterpriseProfileDto, current?: { industrySection: string | null; industryDivision: string | null }) {
    const section = dto.industrySection !== undefined ? dto.industrySection : current?.industrySection;
    const division = dto.industryDivision !== undefined ? dto.industryDivision : current?.industryDivision;
    if (division && (!section || !industryDivisionMatches(section, division))) {
      throw AppException.badRequest('行业大类与门类不符', EnterpriseErrorCode.INDUSTRY_INVALID, [{ field: 'industryDivision', messages: [`行业大类 ${division} 不属于门类 ${section ?? '（未填）'}`] }]);
    }
  }

  private pickProfile(dto: EnterpriseProfileDto): Partial<EnterpriseProfile> {
    const out: Record<string, unknown> = {};
    for (const k of PROFILE_FIELDS) if (dto[k] !== undefined) out[k] = dto[k];
    return out as Partial<EnterpriseProfile>;
  }

  /** A county, department or the bureau registers an enterprise (organisation + profile). */
  async create(actor: Actor, dto: CreateEnterpriseDto) {
    const orgId = await this.dataSource.transaction(async (m) => {
      const scope = await libraryScope(m, actor);
      if (actor.role === Role.COUNTY && dto.divisionCode !== scope.divisionCode) {
        throw AppException.badRequest('只能登记本县（市、区）的企业', EnterpriseErrorCode.DIVISION_NOT_ALLOWED, [{ field: 'divisionCode', messages: ['只能登记本县（市、区）的企业'] }]);
      }
      this.checkIndustry(dto);
      const existing = await m.findOne(Organization, { where: { creditCode: dto.creditCode } });
      if (existing) {
        throw AppException.conflict('该统一社会信用代码的企业已存在', EnterpriseErrorCode.CREDIT_CODE_TAKEN, [{ field: 'creditCode', messages: ['已存在'] }]);
      }
      const org = await m.save(m.create(Organization, { type: OrgType.ENTERPRISE, name: dto.name, creditCode: dto.creditCode, divisionCode: dto.divisionCode }));
      const profile = await m.save(m.create(EnterpriseProfile, { organizationId: org.id, ...this.pickProfile(dto), createdByOrgId: actor.organizationId }));
      await this.audit.record(m, actor, { action: 'enterprise.create', entityType: 'enterprise', entityId: org.id, after: { organization: org, profile } });
      return org.id;
    });
    return this.get(actor, orgId);
  }

  /** The enterprise itself, the unit that registered it, its county, or the bureau edits the profile. */
  async saveProfile(actor: Actor, orgId: string, dto: EnterpriseProfileDto) {
    await this.dataSource.transaction(async (m) => {
      const scope = await libraryScope(m, actor);
      const org = await m.findOne(Organization, { where: { id: orgId, type: OrgType.ENTERPRISE } });
      if (!org) throw notFound();
      const current = await m.findOne(EnterpriseProfile, { where: { organizationId: orgId }, lock: { mode: 'pessimistic_write' } });
      const mayEdit =
        actor.role === Role.BUREAU ||
        (actor.role === Role.ENTERPRISE && actor.organizationId === orgId) ||
        (actor.role === Role.COUNTY && org.divisionCode === scope.divisionCode) ||
        (actor.role === Role.DEPARTMENT && current?.createdByOrgId === actor.organizationId);
      if (!mayEdit) {
        const params: unknown[] = [orgId];
        const [visible] = await m.query(`SELECT 1 FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id WHERE o.id = $1 AND ${enterpriseScopeSql(scope, params)}`, params);
        if (visible) throw AppException.forbidden('无权修改该企业资料', EnterpriseErrorCode.EDIT_FORBIDDEN);
        throw notFound();
      }
      if (current && dto.version !== undefined && dto.version !== current.version) {
        throw AppException.conflict('企业资料已被他人修改，请刷新后重试', EnterpriseErrorCode.VERSION_CONFLICT, { currentVersion: current.version });
      }
      this.checkIndustry(dto, current ?? undefined);
      const before = current ? { ...current } : null;
      const saved = current
        ? await m.save(Object.assign(current, this.pickProfile(dto)))
        : await m.save(m.create(EnterpriseProfile, { organizationId: orgId, ...this.pickProfile(dto), createdByOrgId: actor.organizationId, isDemo: org.isDemo }));
      await this.audit.record(m, actor, { action: before ? 'enterprise.profile_update' : 'enterprise.profile_create', entityType: 'enterprise', entityId: orgId, before, after: saved });
    });
    return this.get(actor, orgId);
  }

  // ------------------------------------------------------------------ green identification

  async applyIdentification(actor: Actor, orgId: string, dto: ApplyIdentificationDto): Promise<GreenIdentificationView> {
    if (actor.organizationId !== orgId) throw notFound();
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
      if (await m.exists(GreenIdentification, { where: { enterpriseOrgId: orgId, status: GreenIdentificationStatus.PENDING } })) {
        throw AppException.conflict('已有待审核的认定申请', EnterpriseErrorCode.IDENTIFICATION_PENDING);
      }
      const gi = await m.save(m.create(GreenIdentification, { enterpriseOrgId: orgId, status: GreenIdentificationStatus.PENDING, statement: dto.statement, appliedByUserId: actor.userId }));
      await this.audit.record(m, actor, { action: 'green_identification.apply', entityType: 'green_identification', entityId: gi.id, after: gi });
      return identificationView(gi);
    });
  }

  async listIdentifications(actor: Actor, status?: GreenIdentificationStatus): Promise<GreenIdentificationRow[]> {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const params: unknown[] = [];
    const where = [enterpriseScopeSql(scope, params)];
    if (status) {
      params.push(status);
      where.push(`gi.status = $${params.length}`);
    }
    return this.dataSource.query(
      `SELECT gi.id, gi.enterprise_org_id AS "enterpriseOrgId", o.name AS "enterpriseName", o.division_code AS "divisionCode", gi.status, gi.statement,
              gi.valid_from AS "validFrom", gi.valid_until AS "validUntil", gi.decision_note AS "decisionNote", gi.decided_at AS "decidedAt", gi.created_at AS "createdAt", gi.version
         FROM green_identifications gi JOIN organizations o ON o.id = gi.enterprise_org_id LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id
        WHERE ${where.join(' AND ')} ORDER BY gi.created_at DESC LIMIT 200`,
      params,
    );
  }

  /** The bureau or a department decides: approve with a validity period (at most 3 years), reject, or revoke. */
  async decideIdentification(actor: Actor, id: string, dto: DecideIdentificationDto): Promise<GreenIdentificationView> {
    return this.dataSource.transaction(async (m) => {
      const gi = await m.findOne(GreenIdentification, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!gi) throw AppException.notFound('认定申请', EnterpriseErrorCode.IDENTIFICATION_NOT_FOUND);
      if (dto.version !== undefined && dto.version !== gi.version) throw AppException.conflict('申请已被处理，请刷新', EnterpriseErrorCode.IDENTIFICATION_STATE);
      const before = { ...gi };
      if (dto.decision === 'REVOKE') {
        if (actor.role !== Role.BUREAU) throw AppException.forbidden('只有市金融工作局可以撤销认定');
        if (gi.status !== GreenIdentificationStatus.APPROVED) throw AppException.conflict('只有已认定的可以撤销', EnterpriseErrorCode.IDENTIFICATION_STATE);
        gi.status = GreenIdentificationStatus.REVOKED;
      } else {
        if (gi.status !== GreenIdentificationStatus.PENDING) throw AppException.conflict('该申请已被处理', EnterpriseErrorCode.IDENTIFICATION_STATE, { status: gi.status });
        if (dto.decision === 'APPROVE') {
          const from = dto.validFrom ?? zhanjiangDate();
          const until = dto.validUntil;
          const maxUntil = `${Number(from.slice(0, 4)) + 3}${from.slice(4)}`;
          if (!until || until < from || until > maxUntil) {
            throw AppException.badRequest('有效期应在开始日期之后、三年以内', EnterpriseErrorCode.IDENTIFICATION_VALIDITY, [{ field: 'validUntil', messages: ['有效期应在开始日期之后、三年以内'] }]);
          }
          gi.status = GreenIdentificationStatus.APPROVED;
          gi.validFrom = from;
          gi.validUntil = until;
        } else {
          if (!dto.note) throw AppException.badRequest('不予认定须说明理由', EnterpriseErrorCode.IDENTIFICATION_STATE, [{ field: 'note', messages: ['请填写理由'] }]);
          gi.status = GreenIdentificationStatus.REJECTED;
        }
      }
      gi.decidedByUserId = actor.userId;
      gi.decidedByOrgId = actor.organizationId;
      gi.decidedAt = new Date();
      gi.decisionNote = dto.note ?? null;
      const saved = await m.save(gi);
      await this.audit.record(m, actor, { action: `green_identification.${dto.decision.toLowerCase()}`, entityType: 'green_identification', entityId: id, before, after: saved });
      if (dto.decision !== 'REVOKE') await this.identificationNotice(m, actor, saved);
      return identificationView(saved);
    });
  }

  /**
   * The enterprise is told the decision on its green identification: approved — it is in the green
   * enterprise library (入库), and its shared whole-enterprise needs reach the fitting banks; rejected —
   * returned, with the reason.
   */
  private async identificationNotice(m: EntityManager, actor: Actor, gi: GreenIdentification) {
    const [row] = await m.query(`SELECT e.name AS enterprise, r.name AS reviewer FROM organizations e, organizations r WHERE e.id = $1 AND r.id = $2`, [gi.enterpriseOrgId, actor.organizationId]);
    const base = { to: { organizations: [gi.enterpriseOrgId] }, link: `/enterprises/${gi.enterpriseOrgId}` };
    if (gi.status === GreenIdentificationStatus.APPROVED) {
      await this.notifications.notify(m, { ...base, type: NotificationType.LIBRARY_LISTED, vars: { entryKind: '企业', entryName: row?.enterprise ?? '', reviewerName: row?.reviewer ?? '' } });
      await this.needVisibility.needsNowVisible(m, { enterpriseOrgId: gi.enterpriseOrgId });
    } else if (gi.status === GreenIdentificationStatus.REJECTED) {
      await this.notifications.notify(m, {
        ...base,
        type: NotificationType.LIBRARY_RETURNED,
        vars: { entryKind: '企业', entryName: row?.enterprise ?? '', reviewerName: row?.reviewer ?? '', reason: gi.decisionNote ?? '' },
      });
    }
  }

  // ------------------------------------------------------------------ scorecards and grades

  listScorecards() {
    return this.dataSource.getRepository(Scorecard).find({ order: { version: 'DESC' } });
  }

  async createScorecard(actor: Actor, dto: CreateScorecardDto) {
    const problems = scorecardProblems(dto.indicators, dto.bands);
    if (problems.length) throw AppException.badRequest('评分卡设置有误', EnterpriseErrorCode.SCORECARD_INVALID, problems);
    return this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE scorecards IN EXCLUSIVE MODE');
      const [{ v }] = await m.query('SELECT coalesce(max(version), 0) + 1 AS v FROM scorecards');
      const sc = await m.save(m.create(Scorecard, { version: Number(v), name: dto.name, status: ScorecardStatus.DRAFT, indicators: dto.indicators, bands: dto.bands, createdByUserId: actor.userId }));
      await this.audit.record(m, actor, { action: 'scorecard.create', entityType: 'scorecard', entityId: sc.id, after: sc });
      return sc;
    });
  }

  /** Makes a draft the active scorecard; the previous one retires. Existing grades keep their version. */
  async activateScorecard(actor: Actor, id: string) {
    return this.dataSource.transaction(async (m) => {
      const sc = await m.findOne(Scorecard, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!sc) throw AppException.notFound('评分卡', EnterpriseErrorCode.SCORECARD_NOT_FOUND);
      if (sc.status !== ScorecardStatus.DRAFT) throw AppException.conflict('只有草稿可以启用', EnterpriseErrorCode.SCORECARD_STATE);
      await m.query(`UPDATE scorecards SET status = 'RETIRED', row_version = row_version + 1 WHERE status = 'ACTIVE'`);
      sc.status = ScorecardStatus.ACTIVE;
      sc.activatedAt = new Date();
      const saved = await m.save(sc);
      await this.audit.record(m, actor, { action: 'scorecard.activate', entityType: 'scorecard', entityId: id, after: { version: saved.version } });
      return saved;
    });
  }

  static async seedDefaultScorecard(m: EntityManager): Promise<boolean> {
    const [any] = await m.query('SELECT 1 FROM scorecards LIMIT 1');
    if (any) return false;
    await m.insert(Scorecard, { version: 1, name: DEFAULT_SCORECARD.name, status: ScorecardStatus.ACTIVE, indicators: DEFAULT_SCORECARD.indicators, bands: DEFAULT_SCORECARD.bands, activatedAt: new Date() });
    return true;
  }

  /**
   * The workbench (issue 15): the enterprise's current grade, and what would raise it — the active
   * scorecard's lines that score less than full today (scorecard-engine.ts, from the enterprise's data
   * now), the largest gain first, with the grade the data of today would give.
   */
  async gradeOutlook(orgId: string): Promise<{ current: { grade: string; gradeLabel: string; score: string } | null; now: { grade: string; gradeLabel: string; score: string } | null; gaps: { key: string; label: string; gain: number; explanation: string }[] }> {
    const m = this.dataSource.manager;
    const [current] = (await this.currentGrades([orgId], m)).values();
    const sc = await m.findOne(Scorecard, { where: { status: ScorecardStatus.ACTIVE } });
    const pick = (g: { grade: string; gradeLabel: string; score: string } | undefined) => (g ? { grade: g.grade, gradeLabel: g.gradeLabel, score: g.score } : null);
    if (!sc) return { current: pick(current), now: null, gaps: [] };
    const result = computeGrade(sc.indicators, sc.bands, await scoreInputs(m, orgId));
    const gaps = result.breakdown
      .filter((l) => l.points < 100)
      .map((l) => ({ key: l.key, label: l.label, gain: Math.round((l.weight - l.weighted) * 100) / 100, explanation: l.explanation }))
      .sort((a, b) => b.gain - a.gain);
    return { current: pick(current), now: pick(result), gaps };
  }

  /** Grades an enterprise with the active scorecard; the previous grade is kept, no longer current. */
  async grade(actor: Actor, orgId: string, m?: EntityManager): Promise<GreenGradeView> {
    const run = async (tx: EntityManager) => {
      const scope = await libraryScope(tx, actor);
      const params: unknown[] = [orgId];
      const [visible] = await tx.query(`SELECT 1 FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id WHERE o.type = 'ENTERPRISE' AND o.id = $1 AND ${enterpriseScopeSql(scope, params)}`, params);
      if (!visible) throw notFound();
      const g = await computeAndStoreGrade(tx, orgId, actor.userId);
      await this.audit.record(tx, actor, { action: 'enterprise.grade', entityType: 'enterprise', entityId: orgId, after: { grade: g.grade, score: g.score, scorecardVersion: g.scorecardVersion } });
      return gradeView(g);
    };
    return m ? run(m) : this.dataSource.transaction(run);
  }

  async grades(actor: Actor, orgId: string): Promise<GreenGradeView[]> {
    const scope = await libraryScope(this.dataSource.manager, actor);
    const params: unknown[] = [orgId];
    const [visible] = await this.dataSource.query(`SELECT 1 FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id WHERE o.type = 'ENTERPRISE' AND o.id = $1 AND ${enterpriseScopeSql(scope, params)}`, params);
    if (!visible) throw notFound();
    return (await this.dataSource.getRepository(GreenGrade).find({ where: { enterpriseOrgId: orgId }, order: { computedAt: 'DESC' }, take: 50 })).map(gradeView);
  }
}
