import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationChannel, NotificationEndpointView, NotificationType } from '@zj/shared';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { OutboundHttp } from './channels/outbound-http';
import { CreateEndpointDto, UpdateEndpointDto } from './dto/notifications.dto';
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

/**
 * An organisation's own endpoints: 企业微信 group robots and webhooks to its system. Any user of the
 * organisation manages them; another organisation's endpoint answers 404. A webhook's signing secret
 * is generated here and shown once. An address that is, or resolves to, an internal one (loopback,
 * private, link-local …) is refused unless WEBHOOK_ALLOWED_HOSTS names it; each delivery checks again.
 */
@Injectable()
export class EndpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboundHttp) private readonly outbound: OutboundHttp,
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
    checkTypes(dto.types);
    await this.checkAddress(dto.url);
    const secret = dto.channel === NotificationChannel.WEBHOOK ? newSecret() : null;
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO notification_endpoints (organization_id, channel, name, url, secret, types) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [actor.organizationId, dto.channel, dto.name, dto.url, secret, dto.types?.length ? dto.types : null],
      );
      await this.audit.record(m, actor, { action: 'notification.endpoint_create', entityType: 'notification_endpoint', entityId: row.id, after: view(row) });
      return view(row, secret ?? undefined);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateEndpointDto): Promise<NotificationEndpointView> {
    if (dto.types !== undefined) checkTypes(dto.types);
    if (dto.url !== undefined) await this.checkAddress(dto.url);
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT * FROM notification_endpoints WHERE id = $1 AND organization_id = $2 FOR UPDATE`, [id, actor.organizationId]);
      if (!row) throw AppException.notFound('推送地址', NotificationErrorCode.ENDPOINT_NOT_FOUND);
      if (row.version !== dto.version) throw AppException.conflict('推送地址已被他人修改，请刷新后重试', NotificationErrorCode.ENDPOINT_VERSION_CONFLICT);
      const secret = dto.rotateSecret && row.channel === NotificationChannel.WEBHOOK ? newSecret() : undefined;
      const [[updated]] = await m.query(
        `UPDATE notification_endpoints SET name = $2, url = $3, types = $4, enabled = $5, secret = $6, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, dto.name ?? row.name, dto.url ?? row.url, dto.types === undefined ? row.types : dto.types?.length ? dto.types : null, dto.enabled ?? row.enabled, secret ?? row.secret],
      );
      await this.audit.record(m, actor, { action: 'notification.endpoint_update', entityType: 'notification_endpoint', entityId: id, before: view(row), after: { ...view(updated), secretRotated: !!secret } });
      return view(updated, secret);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT * FROM notification_endpoints WHERE id = $1 AND organization_id = $2 FOR UPDATE`, [id, actor.organizationId]);
      if (!row) throw AppException.notFound('推送地址', NotificationErrorCode.ENDPOINT_NOT_FOUND);
      // Deliveries keep their record; the endpoint goes.
      await m.query(`UPDATE notification_deliveries SET endpoint_id = NULL WHERE endpoint_id = $1 AND status NOT IN ('PENDING','SENDING')`, [id]);
      await m.query(`DELETE FROM notification_endpoints WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'notification.endpoint_delete', entityType: 'notification_endpoint', entityId: id, before: view(row) });
    });
  }
}
