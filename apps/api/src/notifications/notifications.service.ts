import { Inject, Injectable } from '@nestjs/common';
import { NotificationType, UserChannel } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config';
import { NotificationSignals } from './notification-signals';
import { Recipients, typeDef } from './notification-types';

export type NotificationVars = Record<string, string | number>;

export interface NotifyIntent {
  type: NotificationType;
  to: Recipients;
  /** Values of the type's template variables (see notification-types.ts). */
  vars: NotificationVars;
  /** A path in the web app the notice opens, e.g. `/projects/<id>`. */
  link?: string | null;
  /** Only these channels (e.g. the digest is e-mail only); default: each user's preferences. */
  onlyChannels?: UserChannel[];
}

export interface ReminderSpec {
  /** Deterministic: the same thing reminded of always has the same key, e.g. `event.<id>.day-before`. Letters, digits, . _ - */
  key: string;
  type: NotificationType;
  at: Date;
  to: Recipients;
  vars: NotificationVars;
  link?: string | null;
  /** What the reminder is about; the type's check (ReminderChecks) re-checks it when the reminder fires. */
  subject?: { type: string; id: string };
}

export interface BatchItem {
  /** Groups items into one notice, e.g. `matching.bank.<orgId>`. Letters, digits, . _ - */
  batchKey: string;
  type: NotificationType;
  to: Recipients;
  /** One line of the notice's list (the type's `list` variable). */
  line: string;
  /** The thing listed, for the record. */
  ref?: { type: string; id: string };
  /** How long items are gathered (ms); default NOTIFY_BATCH_WINDOW_MS. */
  windowMs?: number;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,190}$/;

function assertInTransaction(m: EntityManager, what: string) {
  if (!m.queryRunner?.isTransactionActive) {
    throw new Error(`NotificationsService.${what} must run inside the transaction that makes the change`);
  }
}

function checkVars(type: NotificationType, vars: NotificationVars): Record<string, string> {
  const def = typeDef(type);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    if (!def.variables.includes(k)) throw new Error(`notification ${type} has no variable ${k} (declared: ${def.variables.join(', ')})`);
    out[k] = String(v);
  }
  return out;
}

function checkRecipients(to: Recipients) {
  if (!to.users?.length && !to.organizations?.length && !to.roles?.length) throw new Error('a notification needs recipients (users, organizations or roles)');
}

/**
 * What every capability calls to tell people something. Each method writes rows with the caller's
 * EntityManager, INSIDE the caller's transaction: the notice exists if and only if the change
 * committed. The worker's outbox relay then hands it to the queues; nothing here talks to Redis, so
 * the API keeps working while the queue backend is down.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @Inject(NotificationSignals) private readonly signals: NotificationSignals,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * The queue namespace (QUEUE_PREFIX) whose relay and workers handle what this process writes.
   * Platforms sharing a database but not a queue (parallel test apps, staging) never take each
   * other's rows; in one deployment API and worker share the prefix, so nothing changes there.
   */
  get queueNs(): string {
    return this.config.QUEUE_PREFIX;
  }

  /** The web app's address (PUBLIC_URL), for links in template variables. */
  get publicUrl(): string {
    return this.config.PUBLIC_URL;
  }

  /** Sends a notice to the recipients, on each one's chosen channels. Answers the intent id. */
  async notify(m: EntityManager, intent: NotifyIntent): Promise<string> {
    assertInTransaction(m, 'notify');
    checkRecipients(intent.to);
    const vars = checkVars(intent.type, intent.vars);
    const [row] = await m.query(`INSERT INTO notification_outbox (kind, type, payload, queue_ns) VALUES ('NOTIFY', $1, $2, $3) RETURNING id`, [
      intent.type,
      JSON.stringify({ to: intent.to, vars, link: intent.link ?? null, onlyChannels: intent.onlyChannels ?? null }),
      this.queueNs,
    ]);
    this.signals.outboxWritten();
    return row.id as string;
  }

  /**
   * Schedules (or moves) a reminder: a delayed job with a deterministic id. Calling it again with the
   * same key moves it; the old job is removed and would be ignored anyway (its version is stale).
   */
  async scheduleReminder(m: EntityManager, r: ReminderSpec): Promise<void> {
    assertInTransaction(m, 'scheduleReminder');
    if (!KEY_PATTERN.test(r.key)) throw new Error(`reminder key ${r.key} must match ${KEY_PATTERN}`);
    checkRecipients(r.to);
    const vars = checkVars(r.type, r.vars);
    const [row] = await m.query(
      `INSERT INTO notification_reminders (key, type, at, status, version, subject_type, subject_id, recipients, vars, link, queue_ns)
       VALUES ($1, $2, $3, 'SCHEDULED', 1, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (key) DO UPDATE SET type = EXCLUDED.type, at = EXCLUDED.at, status = 'SCHEDULED', version = notification_reminders.version + 1,
         subject_type = EXCLUDED.subject_type, subject_id = EXCLUDED.subject_id, recipients = EXCLUDED.recipients, vars = EXCLUDED.vars,
         link = EXCLUDED.link, queue_ns = EXCLUDED.queue_ns, fired_at = NULL, updated_at = now()
       RETURNING version`,
      [r.key, r.type, r.at.toISOString(), r.subject?.type ?? null, r.subject?.id ?? null, JSON.stringify(r.to), JSON.stringify(vars), r.link ?? null, this.queueNs],
    );
    await this.outbox(m, 'REMINDER', r.type, { key: r.key, version: row.version, previousVersion: row.version - 1 });
  }

  /** Cancels a reminder: its job disappears and, should it still run, it sends nothing. Answers whether one was scheduled. */
  async cancelReminder(m: EntityManager, key: string): Promise<boolean> {
    assertInTransaction(m, 'cancelReminder');
    const [rows] = await m.query(
      `UPDATE notification_reminders SET status = 'CANCELLED', version = version + 1, updated_at = now() WHERE key = $1 AND status = 'SCHEDULED' RETURNING version, type`,
      [key],
    );
    const row = rows?.[0];
    if (!row) return false;
    await this.outbox(m, 'REMINDER', row.type, { key, version: row.version, previousVersion: row.version - 1 });
    return true;
  }

  /** Cancels every scheduled reminder whose key starts with `prefix` (e.g. all of one event). */
  async cancelReminders(m: EntityManager, prefix: string): Promise<number> {
    assertInTransaction(m, 'cancelReminders');
    const rows: { key: string }[] = await m.query(`SELECT key FROM notification_reminders WHERE key LIKE $1 AND status = 'SCHEDULED'`, [`${prefix.replace(/[%_\\]/g, '\\$&')}%`]);
    let n = 0;
    for (const r of rows) if (await this.cancelReminder(m, r.key)) n++;
    return n;
  }

  /**
   * Adds one line to a batched notice: items with the same key gathered within the window go out
   * as ONE notice listing them all (its `count` and `list` variables), e.g. new needs fitting a bank.
   */
  async addToBatch(m: EntityManager, b: BatchItem): Promise<void> {
    assertInTransaction(m, 'addToBatch');
    if (!KEY_PATTERN.test(b.batchKey)) throw new Error(`batch key ${b.batchKey} must match ${KEY_PATTERN}`);
    checkRecipients(b.to);
    const def = typeDef(b.type);
    if (!def.variables.includes('list') || !def.variables.includes('count')) throw new Error(`notification ${b.type} cannot be batched: it needs the variables count and list`);
    await m.query(`INSERT INTO notification_batch_items (batch_key, type, recipients, item, queue_ns) VALUES ($1, $2, $3, $4, $5)`, [
      b.batchKey,
      b.type,
      JSON.stringify(b.to),
      JSON.stringify({ line: b.line, ref: b.ref ?? null }),
      this.queueNs,
    ]);
    await this.outbox(m, 'BATCH', b.type, { batchKey: b.batchKey, windowMs: b.windowMs ?? null });
  }

  private async outbox(m: EntityManager, kind: string, type: string | null, payload: unknown) {
    await m.query(`INSERT INTO notification_outbox (kind, type, payload, queue_ns) VALUES ($1, $2, $3, $4)`, [kind, type, JSON.stringify(payload), this.queueNs]);
    this.signals.outboxWritten();
  }
}
