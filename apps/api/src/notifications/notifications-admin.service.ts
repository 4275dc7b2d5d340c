import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DeadLetterView, DeliveryStatus, NOTIFICATION_LOCALES, NotificationLocale, NotificationTemplatePreview, NotificationTemplateView, NotificationType, OutboxStats, Page } from '@zj/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import { AppConfig } from '../config';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { pageBounds } from '../common/http/pagination';
import { type UserCard, NotificationDirectory } from './directory';
import { DeadLetterQuery, SaveTemplateDto } from './dto/notifications.dto';
import { NOTIFICATION_TYPES, typeDef } from './notification-types';
import { NotificationErrorCode } from './notifications.errors';
import { NotificationSignals } from './notification-signals';
import { checkTemplate, renderHtml, renderText, TemplateProblem } from './template-render';
import { SAMPLE_LINK, sampleVars } from './template-samples';
import { TemplateStore } from './templates.store';

const FIELD_LABELS: Record<TemplateProblem['field'], string> = { subject: '标题', body: '正文' };

/**
 * The rows of a delivery list: the delivery, with its endpoint's name and organisation; whom it was
 * for (the user's or the endpoint's organisation) is added by withRecipients().
 */
const DELIVERY_SELECT = `
  SELECT d.id, d.intent_id, d.type, d.channel, d.address, d.attempts, d.retries, d.last_error, d.dead_at, d.sent_at, d.status, d.created_at, d.updated_at,
         d.user_id, e.name AS endpoint_name, e.organization_id AS endpoint_organization_id
    FROM notification_deliveries d
    LEFT JOIN notification_endpoints e ON e.id = d.endpoint_id`;

function deliveryView(r: Record<string, unknown>): DeadLetterView {
  const iso = (v: unknown) => (v ? (v as Date).toISOString() : null);
  return {
    id: r.id as string,
    intentId: r.intent_id as string,
    type: r.type as NotificationType,
    channel: r.channel as DeadLetterView['channel'],
    address: r.address as string,
    attempts: r.attempts as number,
    retries: r.retries as number,
    lastError: (r.last_error as string | null) ?? null,
    deadAt: iso(r.dead_at),
    createdAt: (r.created_at as Date).toISOString(),
    status: r.status as DeliveryStatus,
    sentAt: iso(r.sent_at),
    updatedAt: (r.updated_at as Date).toISOString(),
    organizationId: (r.organization_id as string | null) ?? null,
    organizationName: (r.organization_name as string | null) ?? null,
    recipientName: (r.recipient_name as string | null) ?? null,
  };
}

/** The bureau's side: templates, dead letters and their retry, and the state of the outbox. */
@Injectable()
export class NotificationsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(NotificationSignals) private readonly signals: NotificationSignals,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(NotificationDirectory) private readonly directory: NotificationDirectory,
  ) {}

  /**
   * Whom each delivery was for: the user's display name (else the endpoint's name) and the user's
   * (else the endpoint's) organisation, asked of the users and organizations modules.
   */
  private async withRecipients(rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const m = this.dataSource.manager;
    const userIds = [...new Set(rows.map((r) => r.user_id as string | null).filter((id): id is string => !!id))];
    const users = userIds.length ? await this.directory.users.cards(m, userIds) : new Map<string, UserCard>();
    const orgOf = (r: Record<string, unknown>) => users.get(r.user_id as string)?.organizationId ?? (r.endpoint_organization_id as string | null) ?? null;
    const orgIds = [...new Set(rows.map(orgOf).filter((id): id is string => !!id))];
    const orgs = orgIds.length ? await this.directory.organizations.names(m, orgIds) : new Map<string, string>();
    return rows.map((r) => {
      const orgId = orgOf(r);
      const found = orgId !== null && orgs.has(orgId);
      return {
        ...r,
        organization_id: found ? orgId : null,
        organization_name: found ? orgs.get(orgId) : null,
        recipient_name: users.get(r.user_id as string)?.displayName ?? r.endpoint_name ?? null,
      };
    });
  }

  async listTemplates(): Promise<NotificationTemplateView[]> {
    const rows: { type: string; locale: string; updated_at: Date }[] = await this.dataSource.query(`SELECT type, locale, updated_at FROM notification_templates`);
    const out: NotificationTemplateView[] = [];
    for (const type of Object.keys(NOTIFICATION_TYPES) as NotificationType[]) {
      const t = await this.templates.load(type);
      for (const locale of NOTIFICATION_LOCALES) {
        const row = rows.find((r) => r.type === type && r.locale === locale);
        out.push({ type, locale, subject: t[locale].subject, body: t[locale].body, variables: [...NOTIFICATION_TYPES[type].variables], custom: t[locale].custom, updatedAt: row?.updated_at.toISOString() ?? null, toEndpoints: NOTIFICATION_TYPES[type].endpoints });
      }
    }
    return out;
  }

  /** Saves a template after checking its variables against the type's declared ones. */
  async saveTemplate(actor: Actor, type: NotificationType, locale: NotificationLocale, dto: SaveTemplateDto): Promise<NotificationTemplateView> {
    const def = typeDef(type);
    const problems = this.problems(type, dto);
    if (problems.length) {
      throw AppException.badRequest(
        `模板有误：${problems.map((p) => `${FIELD_LABELS[p.field]}${p.message}`).join('；')}`,
        NotificationErrorCode.TEMPLATE_INVALID,
        problems.map((p) => ({ field: p.field, messages: [p.message] })),
      );
    }
    return this.dataSource.transaction(async (m) => {
      const before = (await this.templates.load(type, m))[locale];
      const [row] = await m.query(
        `INSERT INTO notification_templates (type, locale, subject, body, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (type, locale) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_by = EXCLUDED.updated_by,
           version = notification_templates.version + 1, updated_at = now()
         RETURNING updated_at`,
        [type, locale, dto.subject, dto.body, actor.userId],
      );
      await this.audit.record(m, actor, { action: 'notification.template_update', entityType: 'notification_template', entityId: `${type}/${locale}`, before, after: dto });
      return { type, locale, subject: dto.subject, body: dto.body, variables: [...def.variables], custom: true, updatedAt: row.updated_at.toISOString(), toEndpoints: def.endpoints };
    });
  }

  /**
   * What saving would refuse: placeholders the type does not declare, broken braces, a line break in
   * the title, and a template that cannot be rendered with sample values (each names its field).
   */
  private problems(type: NotificationType, text: { subject: string; body: string }): TemplateProblem[] {
    const problems = checkTemplate(text, typeDef(type).variables);
    const vars = sampleVars(type);
    for (const field of ['subject', 'body'] as const) {
      if (problems.some((p) => p.field === field)) continue;
      try {
        const rendered = renderText(text[field], vars);
        if (field === 'body') renderHtml('', rendered, '');
        if (!rendered.trim()) problems.push({ field, message: '填入变量后为空，请填写内容' });
      } catch (e) {
        problems.push({ field, message: `无法生成通知：${(e as Error).message}` });
      }
    }
    return problems;
  }

  /** The template rendered with sample values, and what saving it would refuse; nothing is stored. */
  async previewTemplate(type: NotificationType, locale: NotificationLocale, dto: SaveTemplateDto): Promise<NotificationTemplatePreview> {
    const problems = this.problems(type, dto);
    const sample = sampleVars(type);
    const current = await this.templates.load(type);
    const draft = { ...current, [locale]: { subject: dto.subject, body: dto.body, custom: true } };
    let rendered = { subject: '', body: '', text: '' };
    try {
      rendered = this.templates.render(draft, locale, sample, SAMPLE_LINK);
    } catch {
      // The problems say why; the preview stays empty.
    }
    const byField = (['subject', 'body'] as const)
      .map((field) => ({ field, messages: problems.filter((p) => p.field === field).map((p) => p.message) }))
      .filter((f) => f.messages.length);
    return { subject: rendered.subject, body: rendered.body, text: rendered.text, sample, problems: byField };
  }

  /** Back to the built-in template. */
  async resetTemplate(actor: Actor, type: NotificationType, locale: NotificationLocale): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(`DELETE FROM notification_templates WHERE type = $1 AND locale = $2 RETURNING subject, body`, [type, locale]);
      if (rows.length) await this.audit.record(m, actor, { action: 'notification.template_reset', entityType: 'notification_template', entityId: `${type}/${locale}`, before: rows[0] });
    });
  }

  async deadLetters(query: DeadLetterQuery): Promise<Page<DeadLetterView>> {
    if (query.sort && !['deadAt', '-deadAt'].includes(query.sort)) {
      throw AppException.badRequest(`不支持的排序字段：${query.sort.replace(/^-/, '')}`, undefined, [{ field: 'sort', messages: ['可选：deadAt'] }]);
    }
    const { page, pageSize, offset } = pageBounds(query);
    const params: unknown[] = [];
    let where = `d.status = 'DEAD'`;
    if (query.channel) where += ` AND d.channel = $${params.push(query.channel)}`;
    if (query.type) where += ` AND d.type = $${params.push(query.type)}`;
    const rows = await this.dataSource.query(
      `${DELIVERY_SELECT} WHERE ${where} ORDER BY d.dead_at ${query.sort === 'deadAt' ? 'ASC' : 'DESC'}, d.id LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM notification_deliveries d WHERE ${where}`, params);
    return { items: (await this.withRecipients(rows)).map(deliveryView), total, page, pageSize };
  }

  /**
   * Deliveries the bureau sent again (retries > 0), newest retry first, with what happened since:
   * waiting, sending, delivered, or dead again (with the new error).
   */
  async retried(query: DeadLetterQuery): Promise<Page<DeadLetterView>> {
    if (query.sort && !['updatedAt', '-updatedAt'].includes(query.sort)) {
      throw AppException.badRequest(`不支持的排序字段：${query.sort.replace(/^-/, '')}`, undefined, [{ field: 'sort', messages: ['可选：updatedAt'] }]);
    }
    const { page, pageSize, offset } = pageBounds(query);
    const params: unknown[] = [];
    let where = `d.retries > 0`;
    if (query.channel) where += ` AND d.channel = $${params.push(query.channel)}`;
    if (query.type) where += ` AND d.type = $${params.push(query.type)}`;
    const rows = await this.dataSource.query(
      `${DELIVERY_SELECT} WHERE ${where} ORDER BY d.updated_at ${query.sort === 'updatedAt' ? 'ASC' : 'DESC'}, d.id LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM notification_deliveries d WHERE ${where}`, params);
    return { items: (await this.withRecipients(rows)).map(deliveryView), total, page, pageSize };
  }

  /** Sends a dead letter again (a new job, the same delivery row: still at most one SENT). */
  async retryDeadLetter(actor: Actor, id: string): Promise<{ id: string; status: DeliveryStatus }> {
    await this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE notification_deliveries SET status = 'PENDING', attempts = 0, retries = retries + 1, dead_at = NULL, updated_at = now()
          WHERE id = $1 AND status = 'DEAD' RETURNING id, retries, last_error`,
        [id],
      );
      if (!rows.length) throw AppException.notFound('死信', NotificationErrorCode.DEAD_LETTER_NOT_FOUND);
      await m.query(`INSERT INTO notification_outbox (kind, payload, queue_ns) VALUES ('REDELIVER', $1, $2)`, [JSON.stringify({ deliveryId: id, retries: rows[0].retries }), this.config.QUEUE_PREFIX]);
      await this.audit.record(m, actor, { action: 'notification.dead_letter_retry', entityType: 'notification_delivery', entityId: id, before: { status: 'DEAD', lastError: rows[0].last_error }, after: { status: 'PENDING', retries: rows[0].retries } });
    });
    this.signals.outboxWritten();
    return { id, status: DeliveryStatus.PENDING };
  }

  async stats(): Promise<OutboxStats> {
    const [o] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, min(created_at) FILTER (WHERE status = 'PENDING') AS oldest,
              count(*) FILTER (WHERE kind = 'NOTIFY' AND dispatched_at IS NULL)::int AS undispatched FROM notification_outbox`,
    );
    const rows: { status: DeliveryStatus; n: number }[] = await this.dataSource.query(`SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status`);
    const deliveries = Object.fromEntries(Object.values(DeliveryStatus).map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<DeliveryStatus, number>;
    return { pending: o.pending, oldestPendingAt: o.oldest ? new Date(o.oldest).toISOString() : null, undispatched: o.undispatched, deliveries };
  }
}
