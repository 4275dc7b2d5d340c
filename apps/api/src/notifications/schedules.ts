import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOTIFICATION_TYPE_LABELS, NotificationChannel, NotificationType } from '@zj/shared';
import { DataSource } from 'typeorm';
import { zhanjiangDate, zhanjiangDateTime } from '../common/time';
import { NotificationQueues, jobIds } from './notification-queues';
import { NotificationsService } from './notifications.service';
import { ReminderChecks } from './reminder-checks';
import { TemplateStore } from './templates.store';

/** Reminders, batched notices and the daily digest: the work of the delayed / periodic jobs. */
@Injectable()
export class ScheduleHandlers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(NotificationQueues) private readonly queues: NotificationQueues,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(ReminderChecks) private readonly checks: ReminderChecks,
  ) {}

  /**
   * A reminder's time has come. It sends only if its row is still the same version and SCHEDULED
   * (moved or cancelled reminders leave stale jobs that do nothing) and the type's check (its own,
   * or the one its owning module registered in ReminderChecks) says the thing still holds.
   */
  async fireReminder(key: string, version: number): Promise<'fired' | 'stale' | 'not-due' | 'no-longer-holds'> {
    return this.dataSource.transaction(async (m) => {
      const [r] = await m.query(`SELECT * FROM notification_reminders WHERE key = $1 FOR UPDATE`, [key]);
      if (!r || r.status !== 'SCHEDULED' || r.version !== version) return 'stale';
      if (new Date(r.at).getTime() > Date.now() + 1000) return 'not-due';
      const holds = await this.checks.stillHolds(m, r.type as NotificationType, { key, subjectType: r.subject_type, subjectId: r.subject_id, at: new Date(r.at) });
      if (!holds) {
        await m.query(`UPDATE notification_reminders SET status = 'SKIPPED', updated_at = now() WHERE key = $1`, [key]);
        return 'no-longer-holds';
      }
      await this.notifications.notify(m, { type: r.type, to: r.recipients, vars: r.vars, link: r.link });
      await m.query(`UPDATE notification_reminders SET status = 'FIRED', fired_at = now(), updated_at = now() WHERE key = $1`, [key]);
      return 'fired';
    });
  }

  /** Gathers the open items of a batch into ONE notice listing them. */
  async flushBatch(batchKey: string): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const items: { id: string; type: NotificationType; recipients: never; item: { line: string } }[] = await m.query(
        `SELECT id, type, recipients, item FROM notification_batch_items WHERE batch_key = $1 AND queue_ns = $2 AND flushed_at IS NULL ORDER BY created_at, id FOR UPDATE`,
        [batchKey, this.notifications.queueNs],
      );
      if (!items.length) return 0;
      const byType = new Map<NotificationType, typeof items>();
      for (const it of items) byType.set(it.type, [...(byType.get(it.type) ?? []), it]);
      for (const [type, list] of byType) {
        const intentId = await this.notifications.notify(m, {
          type,
          to: list[list.length - 1].recipients,
          vars: { count: list.length, list: list.map((i, n) => `${n + 1}. ${i.item.line}`).join('\n') },
        });
        await m.query(`UPDATE notification_batch_items SET flushed_at = now(), intent_id = $2 WHERE id = ANY($1::uuid[])`, [list.map((i) => i.id), intentId]);
      }
      return items.length;
    });
  }

  /** The daily run: one digest job per user with digest e-mail waiting. */
  async runDigest(now = new Date()): Promise<number> {
    const users: { user_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT d.user_id FROM notification_deliveries d JOIN notification_outbox o ON o.id = d.intent_id WHERE d.status = 'DIGEST' AND d.user_id IS NOT NULL AND o.queue_ns = $1`,
      [this.notifications.queueNs],
    );
    const day = zhanjiangDate(now);
    for (let i = 0; i < users.length; i += 500) {
      await this.queues.schedule.addBulk(users.slice(i, i + 500).map((u) => ({ name: 'digest-user' as const, data: { userId: u.user_id }, opts: { jobId: jobIds.digestUser(u.user_id, day) } })));
    }
    return users.length;
  }

  /** One user's digest: their waiting LOW-priority e-mails become one e-mail (sent like any notice). */
  async digestUser(userId: string, now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string; type: NotificationType; payload: { vars: Record<string, string>; link: string | null }; created_at: Date }[] = await m.query(
        `SELECT d.id, o.type, o.payload, d.created_at FROM notification_deliveries d JOIN notification_outbox o ON o.id = d.intent_id
          WHERE d.user_id = $1 AND d.status = 'DIGEST' AND d.channel = 'EMAIL' AND o.queue_ns = $2 ORDER BY d.created_at FOR UPDATE OF d`,
        [userId, this.notifications.queueNs],
      );
      if (!rows.length) return 0;
      const lines: string[] = [];
      for (const r of rows) {
        const t = await this.templates.load(r.type, m);
        const msg = this.templates.render(t, 'zh-CN', r.payload.vars, r.payload.link);
        lines.push(`· [${NOTIFICATION_TYPE_LABELS[r.type]}] ${zhanjiangDateTime(new Date(r.created_at)).slice(5)} ${msg.subject}`);
      }
      const intentId = await this.notifications.notify(m, {
        type: NotificationType.DAILY_DIGEST,
        to: { users: [userId] },
        vars: { count: rows.length, list: lines.join('\n'), day: zhanjiangDate(now) },
        onlyChannels: [NotificationChannel.EMAIL],
      });
      await m.query(`UPDATE notification_deliveries SET status = 'DIGESTED', digest_intent_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id), intentId]);
      return rows.length;
    });
  }
}
