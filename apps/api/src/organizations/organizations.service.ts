import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type OrganizationView, OrgType, type Page, Role } from '@zj/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { paginate } from '../common/http/pagination';
import { isoTime } from '../common/time';
import { organizationRenamedNotice, NotificationsService } from '../notifications';
import { CreateOrganizationDto, ListOrganizationsQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from './organization.entity';
import { OrganizationErrorCode } from './organizations.errors';

/** What each organisation type must carry. */
function requiredFieldsProblem(dto: Pick<CreateOrganizationDto, 'type' | 'creditCode' | 'divisionCode' | 'institutionKind'>) {
  if (dto.type === OrgType.ENTERPRISE && !dto.creditCode) return { code: OrganizationErrorCode.CREDIT_CODE_REQUIRED, field: 'creditCode', message: '企业须填写统一社会信用代码' };
  if ((dto.type === OrgType.ENTERPRISE || dto.type === OrgType.COUNTY) && !dto.divisionCode)
    return { code: OrganizationErrorCode.DIVISION_REQUIRED, field: 'divisionCode', message: '须选择所属县（市、区）' };
  if (dto.type === OrgType.FINANCIAL_INSTITUTION && !dto.institutionKind)
    return { code: OrganizationErrorCode.INSTITUTION_KIND_REQUIRED, field: 'institutionKind', message: '须选择金融机构类别' };
  return null;
}

/** An organisation as the routes answer it (JSON's ISO timestamps). */
const organizationView = (o: Organization): OrganizationView => ({ ...o, createdAt: isoTime(o.createdAt), updatedAt: isoTime(o.updatedAt) });

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(query: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.q) {
      qb.andWhere(`(o.name ILIKE :q OR o.credit_code ILIKE :q OR o.former_names::text ILIKE :q)`, { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    const page = await paginate(qb, query, { name: 'o.name', createdAt: 'o.createdAt', type: 'o.type' }, 'name');
    return { ...page, items: page.items.map(organizationView) };
  }

  /** The bureau sees any organisation; others only their own (others' ids answer 404). */
  async get(actor: Actor, id: string): Promise<OrganizationView> {
    if (actor.role !== Role.BUREAU && actor.organizationId !== id) throw AppException.notFound('机构', OrganizationErrorCode.NOT_FOUND);
    const org = await this.dataSource.getRepository(Organization).findOne({ where: { id } });
    if (!org) throw AppException.notFound('机构', OrganizationErrorCode.NOT_FOUND);
    return organizationView(org);
  }

  async create(actor: Actor, dto: CreateOrganizationDto): Promise<OrganizationView> {
    const problem = requiredFieldsProblem(dto);
    if (problem) throw AppException.badRequest(problem.message, problem.code, [{ field: problem.field, messages: [problem.message] }]);
    return this.dataSource.transaction(async (m) => {
      if (dto.creditCode && (await m.exists(Organization, { where: { creditCode: dto.creditCode } }))) {
        throw AppException.conflict('该统一社会信用代码已存在', OrganizationErrorCode.CREDIT_CODE_TAKEN, [{ field: 'creditCode', messages: ['已存在'] }]);
      }
      const org = await m.save(m.create(Organization, { ...dto }));
      await this.audit.record(m, actor, { action: 'organization.create', entityType: 'organization', entityId: org.id, after: org });
      return organizationView(org);
    });
  }

  /** A rename keeps the unit's id and records the former name (人民银行湛江市中心支行 → 中国人民银行湛江市分行). */
  async update(actor: Actor, id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.dataSource.transaction(async (m) => {
      const org = await m.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw AppException.notFound('机构', OrganizationErrorCode.NOT_FOUND);
      const before = { ...org };
      if (dto.name && dto.name !== org.name) {
        org.formerNames = [...org.formerNames, { name: org.name, until: new Date().toISOString().slice(0, 10) }];
        org.name = dto.name;
      }
      if (dto.divisionCode !== undefined) org.divisionCode = dto.divisionCode;
      if (dto.branchName !== undefined) org.branchName = dto.branchName;
      const saved = await m.save(org);
      await this.audit.record(m, actor, { action: dto.name && dto.name !== before.name ? 'organization.rename' : 'organization.update', entityType: 'organization', entityId: id, before, after: saved });
      if (saved.name !== before.name) await this.notifications.notify(m, organizationRenamedNotice(saved, before.name, saved.name));
      return organizationView(saved);
    });
  }
}
