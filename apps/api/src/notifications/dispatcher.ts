import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DeliveryStatus, NotificationChannel, NotificationLocale, NotificationPriority, NotificationType, UserChannel } from '@zj/shared';
import { DataSource } from 'typeorm';
import { EmailSender } from './channels/email.sender';
import { SmsSender } from './channels/sms.provider';
import { NotificationDirectory } from './directory';
import { NotificationQueues } from './notification-queues';
import { NotificationSignals } from './notification-signals';
import { effectiveChannels, Recipients, typeDef } from './notification-types';
import { TemplateStore } from './templates.store';

interface IntentPayload {
  to: Recipients;
  vars: Record<string, string>;
  link: string | null;
  onlyChannels: UserChannel[] | null;
}

interface RecipientRow {
  id: string;
  email: string;
  locale: NotificationLocale;
  mobile: string | null;
  channels: UserChannel[] | null;
  digest: boolean | null;
}

/** Users per transaction when fanning out (5,000 invitees are a few short transactions). */
const CHUNK = 1000;

/**
 * Turns one outbox intent into inbox rows and channel deliveries. Safe to run any number of times:
 * rows are unique per (intent, user) and (intent, channel, recipient), and every pending delivery of
 * the intent is handed to the queue again under its deterministic job id.
 */
@Injectable()
export class Dispatcher {
  private readonly logger = new Logger(Dispatcher.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(NotificationQueues) private readonly queues: NotificationQueues,
    @Inject(NotificationSignals) private readonly signals: NotificationSignals,
    @Inject(EmailSender) private readonly email: EmailSender,
    @Inject(SmsSender) private readonly sms: SmsSender,
    @Inject(NotificationDirectory) private readonly directory: NotificationDirectory,
  ) {}

  async dispatch(intentId: string): Promise<{ inbox: number; deliveries: number } | null> {
    const [intent] = await this.dataSource.query(`SELECT id, type, payload, dispatched_at FROM notification_outbox WHERE id = $1 AND kind = 'NOTIFY'`, [intentId]);
    // The relay only hands over committed intents: a missing row is a transient read problem, so retry.
    if (!intent) throw new Error(`notification intent ${intentId} not found`);
    if (intent.dispatched_at) return null;
    const type = intent.type as NotificationType;
    const def = typeDef(type);
    const payload = intent.payload as IntentPayload;
    const to: Recipients = { ...payload.to };
    if (def.resolveRecipients) {
      const extra = await def.resolveRecipients(this.dataSource.manager, payload.vars);
      to.users = [...(to.users ?? []), ...(extra.users ?? [])];
      to.organizations = [...(to.organizations ?? []), ...(extra.organizations ?? [])];
      to.roles = [...(to.roles ?? []), ...(extra.roles ?? [])];
    }
    const templates = await this.templates.load(type);
    const rendered = {
      'zh-CN': this.templates.render(templates, 'zh-CN', payload.vars, payload.link),
      en: this.templates.render(templates, 'en', payload.vars, payload.link),
    };

    // Who (the users module answers, active users by id), then how each wants it (this module's settings).
    const people = await this.directory.users.recipients(this.dataSource.manager, { users: to.users ?? [], organizations: to.organizations ?? [], roles: to.roles ?? [] });
    const settings: { user_id: string; locale: NotificationLocale; mobile: string | null; channels: UserChannel[] | null; digest: boolean | null }[] = people.length
      ? await this.dataSource.query(
          `SELECT x.user_id, COALESCE(s.locale, 'zh-CN') AS locale, s.mobile, p.channels, p.digest
             FROM unnest($1::uuid[]) AS x(user_id)
             LEFT JOIN notification_user_settings s ON s.user_id = x.user_id
             LEFT JOIN notification_preferences p ON p.user_id = x.user_id AND p.type = $2`,
          [people.map((u) => u.id), type],
        )
      : [];
    const settingsOf = new Map(settings.map((s) => [s.user_id, s]));
    const users: RecipientRow[] = people.map((u) => {
      const s = settingsOf.get(u.id);
      return { id: u.id, email: u.email, locale: s?.locale ?? 'zh-CN', mobile: s?.mobile ?? null, channels: s?.channels ?? null, digest: s?.digest ?? null };
    });

    let inboxCount = 0;
    const inboxUsers: string[] = [];
    for (let i = 0; i < users.length; i += CHUNK) {
      const chunk = users.slice(i, i + CHUNK);
      const inbox: RecipientRow[] = [];
      const deliveries: { channel: NotificationChannel; key: string; userId: string; address: string; locale: string; status: DeliveryStatus }[] = [];
      for (const u of chunk) {
        const channels = payload.onlyChannels ?? effectiveChannels(type, u.channels);
        if (channels.includes(NotificationChannel.INBOX)) inbox.push(u);
        if (channels.includes(NotificationChannel.EMAIL) && this.email.available) {
          const digest = def.priority === NotificationPriority.LOW && u.digest === true && type !== NotificationType.DAILY_DIGEST;
          deliveries.push({ channel: NotificationChannel.EMAIL, key: `user:${u.id}`, userId: u.id, address: u.email, locale: u.locale, status: digest ? DeliveryStatus.DIGEST : DeliveryStatus.PENDING });
        }
        if (channels.includes(NotificationChannel.SMS) && this.sms.available && def.sms && u.mobile) {
          deliveries.push({ channel: NotificationChannel.SMS, key: `user:${u.id}`, userId: u.id, address: u.mobile, locale: u.locale, status: DeliveryStatus.PENDING });
        }
      }
      await this.dataSource.transaction(async (m) => {
        if (inbox.length) {
          const r = await m.query(
            // Dated when the change happened (the intent's commit), not when the worker got to it:
            // the inbox lists notices in the order of the events they tell of.
            `INSERT INTO notification_inbox (intent_id, user_id, type, title, body, link, created_at)
             SELECT $1, x.user_id, $2, x.title, x.body, $3, o.created_at
               FROM unnest($4::uuid[], $5::text[], $6::text[]) AS x(user_id, title, body), notification_outbox o WHERE o.id = $1
             ON CONFLICT ON CONSTRAINT notification_inbox_once DO NOTHING RETURNING user_id`,
            [intentId, type, payload.link, inbox.map((u) => u.id), inbox.map((u) => (rendered[u.locale] ?? rendered['zh-CN']).subject), inbox.map((u) => (rendered[u.locale] ?? rendered['zh-CN']).body)],
          );
          inboxCount += r.length;
          inboxUsers.push(...r.map((x: { user_id: string }) => x.user_id));
        }
        if (deliveries.length) await this.insertDeliveries(m, intentId, type, deliveries);
      });
    }

    if (def.endpoints && to.organizations?.length) {
      const endpoints: { id: string; channel: NotificationChannel; url: string }[] = await this.dataSource.query(
        `SELECT id, channel, url FROM notification_endpoints WHERE enabled AND organization_id = ANY($1::uuid[]) AND (types IS NULL OR $2 = ANY(types))`,
        [to.organizations, type],
      );
      if (endpoints.length) {
        await this.dataSource.transaction((m) =>
          this.insertDeliveries(
            m,
            intentId,
            type,
            endpoints.map((e) => ({ channel: e.channel, key: `endpoint:${e.id}`, endpointId: e.id, address: e.url, locale: 'zh-CN', status: DeliveryStatus.PENDING })),
          ),
        );
      }
    }

    // Every pending delivery of the intent, also those a crashed earlier run inserted but did not enqueue.
    const pending: { id: string; channel: NotificationChannel; retries: number }[] = await this.dataSource.query(
      `SELECT id, channel, retries FROM notification_deliveries WHERE intent_id = $1 AND status = 'PENDING'`,
      [intentId],
    );
    for (let i = 0; i < pending.length; i += 500) {
      await this.queues.deliver.addBulk(pending.slice(i, i + 500).map((d) => this.queues.deliverJob(d)));
    }
    await this.dataSource.query(`UPDATE notification_outbox SET dispatched_at = now() WHERE id = $1 AND dispatched_at IS NULL`, [intentId]);
    this.signals.inboxChanged(inboxUsers);
    return { inbox: inboxCount, deliveries: pending.length };
  }

  private async insertDeliveries(
    m: import('typeorm').EntityManager,
    intentId: string,
    type: string,
    rows: { channel: NotificationChannel; key: string; userId?: string; endpointId?: string; address: string; locale: string; status: DeliveryStatus }[],
  ) {
    await m.query(
      `INSERT INTO notification_deliveries (intent_id, type, channel, recipient_key, user_id, endpoint_id, address, locale, status)
       SELECT $1, $2, x.channel, x.key, x.user_id, x.endpoint_id, x.address, x.locale, x.status
         FROM unnest($3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[]) AS x(channel, key, user_id, endpoint_id, address, locale, status)
       ON CONFLICT ON CONSTRAINT notification_deliveries_once DO NOTHING`,
      [
        intentId,
        type,
        rows.map((r) => r.channel),
        rows.map((r) => r.key),
        rows.map((r) => r.userId ?? null),
        rows.map((r) => r.endpointId ?? null),
        rows.map((r) => r.address),
        rows.map((r) => r.locale),
        rows.map((r) => r.status),
      ],
    );
  }
}
