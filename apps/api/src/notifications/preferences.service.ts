import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationChannel, NotificationLocale, NotificationPreferences, NotificationPriority, NotificationType, UserChannel } from '@zj/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { EmailSender } from './channels/email.sender';
import { SmsSender } from './channels/sms.provider';
import { UpdatePreferencesDto } from './dto/notifications.dto';
import { effectiveChannels, NOTIFICATION_TYPES } from './notification-types';
import { NotificationErrorCode } from './notifications.errors';

/** The types a role can receive (the digest itself is not a choice). */
export function typesForRole(role: Actor['role']): NotificationType[] {
  return (Object.keys(NOTIFICATION_TYPES) as NotificationType[]).filter((t) => t !== NotificationType.DAILY_DIGEST && NOTIFICATION_TYPES[t].audience.includes(role));
}

/**
 * The channels a type can go out on (issue 14: a preference the platform cannot honour is refused and
 * not offered): the inbox and e-mail always, SMS only when the type has an SMS text (a provider
 * template with its parameters) — the dispatcher sends no SMS for any other type.
 */
export function allowedChannels(type: NotificationType): UserChannel[] {
  const out: UserChannel[] = [NotificationChannel.INBOX, NotificationChannel.EMAIL];
  if (NOTIFICATION_TYPES[type].sms) out.push(NotificationChannel.SMS);
  return out;
}

/** Each user chooses, per notification type, the channels and whether e-mail goes into the daily digest. */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(EmailSender) private readonly email: EmailSender,
    @Inject(SmsSender) private readonly sms: SmsSender,
  ) {}

  async get(actor: Actor): Promise<NotificationPreferences> {
    const [settings] = await this.dataSource.query(`SELECT locale, mobile FROM notification_user_settings WHERE user_id = $1`, [actor.userId]);
    const rows: { type: NotificationType; channels: UserChannel[]; digest: boolean }[] = await this.dataSource.query(
      `SELECT type, channels, digest FROM notification_preferences WHERE user_id = $1`,
      [actor.userId],
    );
    const available: UserChannel[] = [NotificationChannel.INBOX];
    if (this.email.available) available.push(NotificationChannel.EMAIL);
    if (this.sms.available) available.push(NotificationChannel.SMS);
    return {
      locale: (settings?.locale as NotificationLocale) ?? 'zh-CN',
      mobile: settings?.mobile ?? null,
      availableChannels: available,
      items: typesForRole(actor.role).map((type) => {
        const def = NOTIFICATION_TYPES[type];
        const row = rows.find((r) => r.type === type);
        const allowed = allowedChannels(type);
        return {
          type,
          // (A choice saved before SMS was refused for types without an SMS text is not shown as chosen: it is never sent.)
          channels: effectiveChannels(type, row?.channels).filter((c) => allowed.includes(c)),
          digest: row ? row.digest : def.priority === NotificationPriority.LOW,
          defaultChannels: [...def.defaultChannels],
          allowedChannels: allowed,
          mandatoryChannels: [...(def.mandatoryChannels ?? [])],
          digestAllowed: def.priority === NotificationPriority.LOW,
          priority: def.priority,
        };
      }),
    };
  }

  async update(actor: Actor, dto: UpdatePreferencesDto): Promise<NotificationPreferences> {
    const allowed = typesForRole(actor.role);
    const problems: { field: string; messages: string[] }[] = [];
    (dto.items ?? []).forEach((item, i) => {
      const def = NOTIFICATION_TYPES[item.type];
      if (!allowed.includes(item.type)) problems.push({ field: `items.${i}.type`, messages: ['您的角色不接收此类通知'] });
      const missing = (def.mandatoryChannels ?? []).filter((c) => !item.channels.includes(c));
      if (missing.length) problems.push({ field: `items.${i}.channels`, messages: [`此类通知必须保留：${missing.join('、')}`] });
      if (item.channels.includes(NotificationChannel.SMS) && def && !def.sms) problems.push({ field: `items.${i}.channels`, messages: ['此类通知没有短信版本，不能选择短信'] });
      if (item.digest && def.priority !== NotificationPriority.LOW) problems.push({ field: `items.${i}.digest`, messages: ['只有低优先级通知可以并入每日汇总'] });
    });
    if (problems.length) {
      const code = problems[0].field.endsWith('type') ? NotificationErrorCode.TYPE_NOT_FOR_ROLE : problems[0].field.endsWith('digest') ? NotificationErrorCode.DIGEST_NOT_ALLOWED : NotificationErrorCode.CHANNEL_NOT_ALLOWED;
      throw AppException.badRequest('通知设置有误', code, problems);
    }
    const before = await this.get(actor);
    await this.dataSource.transaction(async (m) => {
      if (dto.locale !== undefined || dto.mobile !== undefined) {
        await m.query(
          `INSERT INTO notification_user_settings (user_id, locale, mobile) VALUES ($1, COALESCE($2, 'zh-CN'), NULLIF($3, ''))
           ON CONFLICT (user_id) DO UPDATE SET locale = COALESCE($2, notification_user_settings.locale),
             mobile = CASE WHEN $4 THEN NULLIF($3, '') ELSE notification_user_settings.mobile END, updated_at = now()`,
          [actor.userId, dto.locale ?? null, dto.mobile ?? null, dto.mobile !== undefined],
        );
      }
      for (const item of dto.items ?? []) {
        await m.query(
          `INSERT INTO notification_preferences (user_id, type, channels, digest) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, type) DO UPDATE SET channels = EXCLUDED.channels, digest = EXCLUDED.digest, updated_at = now()`,
          [actor.userId, item.type, item.channels, item.digest],
        );
      }
      await this.audit.record(m, actor, {
        action: 'notification.preferences_update',
        entityType: 'user',
        entityId: actor.userId,
        before: { locale: before.locale, mobile: before.mobile },
        after: { locale: dto.locale, mobile: dto.mobile, items: dto.items },
      });
    });
    return this.get(actor);
  }
}
