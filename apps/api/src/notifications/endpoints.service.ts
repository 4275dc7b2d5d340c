import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminEndpointView, NotificationChannel, NotificationEndpointView, NotificationType, Page } from '@zj/shared';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { OutboundHttp } from './channels/outbound-http';
import { NotificationDirectory } from './directory';
import { pageBounds } from '../common/http/pagination';
import { AdminEndpointQuery, CreateEndpointDto, UpdateEndpointDto } from './dto/notifications.dto';
import { NOTIFICATION_TYPES } from './notification-types';
import { NotificationErrorCode } from './notifications.errors';

function view(r: Record<string, unknown>, secret?: string): NotificationEndpointView {
  return {
    id: r.id as string,
    channel: r.channel as NotificationEndpointView['channel'],
    name: r.name as string,
    url: r.url as string,
    types: (r.types as NotificationType[] | null) ?? null,
    enabled: r.enabled as boolean,
    hasSecret: !!r.secret,
    version: r.version as number,
    createdAt: (r.created_at as Date).toISOString(),
    ...(secret ? { secret } : {}),
  };
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

function checkTypes(types: NotificationType[] | null | undefined) {
  const bad = (types ?? []).filter((t) => !NOTIFICATION_TYPES[t].endpoints);
  if (bad.length) throw AppException.badRequest('这些通知类型不推送到机构系统', NotificationErrorCode.ENDPOINT_TYPE_NOT_ALLOWED, [{ field: 'types', messages: [bad.join('、')] }]);
}

function adminView(r: Record<string, unknown>, secret?: string): AdminEndpointView {
  return { ...view(r, secret), organizationId: r.organization_id as string, organizationName: (r.organization_name as string | null) ?? '' };
}

/**
 * An organisation's own endpoints: 企业微信 group robots and webhooks to its system. Any user of the
 * organisation manages them; another organisation's endpoint answers 404. A webhook's signing secret
 * is generated here and shown once. The bureau sees and manages every organisation's endpoints
 * (the `…ForOrganization` / `admin…` methods), with the same checks, audited the same way. An address that is, or resolves to, an internal one (loopback,
 * private, link-local …) is refused unless WEBHOOK_ALLOWED_HOSTS names it; each delivery checks again.
 */
@Injectable()
export class EndpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboundHttp) private readonly outbound: OutboundHttp,
    @Inject(NotificationDirectory) private readonly directory: NotificationDirectory,
  ) {}

  /** Resolves the address (outside any transaction) and refuses an internal one, naming the field. */
  private async checkAddress(url: string) {
    const problem = await this.outbound.problemWith(url);
    if (problem) throw AppException.badRequest('推送地址不能指向本机、内网或保留地址', NotificationErrorCode.ENDPOINT_ADDRESS_FORBIDDEN, [{ field: 'url', messages: [problem] }]);
  }

  async list(actor: Actor): Promise<NotificationEndpointView[]> {
    const rows = await this.dataSource.query(`SELECT * FROM notification_endpoints WHERE organization_id = $1 ORDER BY created_at`, [actor.organizationId]);
    return rows.map((r: Record<string, unknown>) => view(r));
  }

  async create(actor: Actor, dto: CreateEndpointDto): Promise<NotificationEndpointView> {
    return this.createFor(actor, actor.organizationId, dto);
  }

  private async createFor(actor: Actor, organizationId: string, dto: CreateEndpointDto): Promise<AdminEndpointView> {
    checkTypes(dto.types);
    await this.checkAddress(dto.url);
    const secret = dto.channel === NotificationChannel.WEBHOOK ? newSecret() : null;
    return this.dataSource.transaction(async (m) => {
      const name = (await this.directory.organizations.names(m, [organizationId])).get(organizationId);
      const org = name === undefined ? undefined : { name };
      if (!org) throw AppException.notFound('机构', NotificationErrorCode.ENDPOINT_ORGANIZATION_NOT_FOUND);
      const [row] = await m.query(
        `INSERT INTO notification_endpoints (organization_id, channel, name, url, secret, types) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [organizationId, dto.channel, dto.name, dto.url, secret, dto.types?.length ? dto.types : null],
      );
      await this.audit.record(m, actor, { action: 'notification.endpoint_create', entityType: 'notification_endpoint', entityId: row.id, after: { ...view(row), organizationId, organizationName: org.name } });
      return adminView({ ...row, organization_name: org.name }, secret ?? undefined);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateEndpointDto): Promise<NotificationEndpointView> {
    return this.updateIn(actor, id, dto, actor.organizationId);
  }

  /** `organizationId` null: any organisation's (the bureau). */
  private async updateIn(actor: Actor, id: string, dto: UpdateEndpointDto, organizationId: string | null): Promise<AdminEndpointView> {
    if (dto.types !== undefined) checkTypes(dto.types);
    if (dto.url !== undefined) await this.checkAddress(dto.url);
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT * FROM notification_endpoints WHERE id = $1 AND ($2::uuid IS NULL OR organization_id = $2) FOR UPDATE`, [id, organizationId]);
      if (!row) throw AppException.notFound('推送地址', NotificationErrorCode.ENDPOINT_NOT_FOUND);
      if (row.version !== dto.version) throw AppException.conflict('推送地址已被他人修改，请刷新后重试', NotificationErrorCode.ENDPOINT_VERSION_CONFLICT);
      const secret = dto.rotateSecret && row.channel === NotificationChannel.WEBHOOK ? newSecret() : undefined;
      const [[updated]] = await m.query(
        `UPDATE notification_endpoints SET name = $2, url = $3, types = $4, enabled = $5, secret = $6, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, dto.name ?? row.name, dto.url ?? row.url, dto.types === undefined ? row.types : dto.types?.length ? dto.types : null, dto.enabled ?? row.enabled, secret ?? row.secret],
      );
      await this.audit.record(m, actor, { action: 'notification.endpoint_update', entityType: 'notification_endpoint', entityId: id, before: view(row), after: { ...view(updated), secretRotated: !!secret } });
      const organizationName = (await this.directory.organizations.names(m, [updated.organization_id])).get(updated.organization_id);
      return adminView({ ...updated, organization_name: organizationName }, secret);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.removeIn(actor, id, actor.organizationId);
  }

  private async removeIn(actor: Actor, id: string, organizationId: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT * FROM notification_endpoints WHERE id = $1 AND ($2::uuid IS NULL OR organization_id = $2) FOR UPDATE`, [id, organizationId]);
      if (!row) throw AppException.notFound('推送地址', NotificationErrorCode.ENDPOINT_NOT_FOUND);
      // Deliveries keep their record; the endpoint goes.
      await m.query(`UPDATE notification_deliveries SET endpoint_id = NULL WHERE endpoint_id = $1 AND status NOT IN ('PENDING','SENDING')`, [id]);
      await m.query(`DELETE FROM notification_endpoints WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'notification.endpoint_delete', entityType: 'notification_endpoint', entityId: id, before: view(row) });
    });
  }

  // ---- the bureau: every organisation's endpoints ------------------------------------------------

  /** Every organisation's endpoints (optionally one organisation's, one channel, or a name / address / organisation search). */
  async adminList(query: AdminEndpointQuery): Promise<Page<AdminEndpointView>> {
    const { page, pageSize, offset } = pageBounds(query);
    const m = this.dataSource.manager;
    const params: unknown[] = [];
    let where = 'TRUE';
    if (query.organizationId) where += ` AND e.organization_id = $${params.push(query.organizationId)}`;
    if (query.channel) where += ` AND e.channel = $${params.push(query.channel)}`;
    if (query.q) {
      const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
      const named = await this.directory.organizations.namedLike(m, like);
      where += ` AND (e.name ILIKE $${params.push(like)} OR e.url ILIKE $${params.length} OR e.organization_id = ANY($${params.push(named)}::uuid[]))`;
    }
    // Every matching endpoint (a few per organisation), ordered by its organisation's name as the
    // organizations module orders names, then by creation; the page is cut from that.
    const all: Record<string, unknown>[] = await m.query(`SELECT e.* FROM notification_endpoints e WHERE ${where} ORDER BY e.created_at, e.id`, params);
    const orgIds = [...new Set(all.map((r) => r.organization_id as string))];
    const names = orgIds.length ? await this.directory.organizations.names(m, orgIds) : new Map<string, string>();
    const rank = new Map<string, number>();
    const nameRank = new Map<string, number>();
    for (const [id, name] of names) {
      if (!nameRank.has(name)) nameRank.set(name, nameRank.size);
      rank.set(id, nameRank.get(name)!);
    }
    const listed = all.filter((r) => rank.has(r.organization_id as string)).sort((a, b) => rank.get(a.organization_id as string)! - rank.get(b.organization_id as string)!);
    const rows = listed.slice(offset, offset + pageSize).map((r) => ({ ...r, organization_name: names.get(r.organization_id as string) }));
    return { items: rows.map((r) => adminView(r)), total: listed.length, page, pageSize };
  }

  adminCreate(actor: Actor, organizationId: string, dto: CreateEndpointDto): Promise<AdminEndpointView> {
    return this.createFor(actor, organizationId, dto);
  }

  adminUpdate(actor: Actor, id: string, dto: UpdateEndpointDto): Promise<AdminEndpointView> {
    return this.updateIn(actor, id, dto, null);
  }

  adminRemove(actor: Actor, id: string): Promise<void> {
    return this.removeIn(actor, id, null);
  }
}
