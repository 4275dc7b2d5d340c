import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationChannel } from '@zj/shared';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { DIGEST_SCHEDULER_ID, jobIds, NotificationQueues } from './notification-queues';
import { NotificationSignals } from './notification-signals';

interface OutboxRow {
  id: string;
  kind: 'NOTIFY' | 'REMINDER' | 'BATCH' | 'REDELIVER';
  payload: Record<string, unknown>;
}

const BATCH = 500;
const ADD_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Moves outbox rows to the queues, oldest first, each under a deterministic job id; a row is marked
 * RELAYED only after the queue accepted it, so an outage leaves rows pending and they go when the
 * backend returns. Handing the same row over twice (a crash between add and mark, two relays) makes
 * no second job, and the handlers are idempotent anyway.
 *
 * The database, not the queue, is the source of truth: the reconciler hands over again intents not
 * dispatched, deliveries not finished and reminders not fired after NOTIFY_RESWEEP_AFTER_MS — which
 * recovers jobs a queue backend lost (a Redis restarted without persistence).
 *
 * Delayed reminders may be due days or weeks ahead, so waiting for them to be overdue is no remedy:
 * they are REBUILT — every SCHEDULED reminder whose job is missing is added again under its
 * deterministic id, existing jobs left alone — when the relay starts, when the queue backend is
 * reachable again after failures, and when a sweep finds the queue emptied behind its back (the daily
 * digest's job scheduler, which every sweep keeps, is gone: the backend lost its data).
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private timer?: NodeJS.Timeout;
  private wake?: () => void;
  private loop?: Promise<void>;
  private failures = 0;
  private lastSweep = 0;
  private unsubscribe?: () => void;
  /** Rows handed over since start (for the benchmark and tests). */
  relayed = 0;
  /** Reminder jobs the rebuilds added again since start (for tests and the logs). */
  rebuiltReminders = 0;
  /** The queue may have lost its jobs: rebuild the reminders from the database (set at start). */
  private rebuildNeeded = true;
  private rebuilding?: Promise<number>;
  /** Only rows of this process's queue namespace (QUEUE_PREFIX): those the API beside it wrote. */
  private readonly ns: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NotificationQueues) private readonly queues: NotificationQueues,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(NotificationSignals) signals: NotificationSignals,
  ) {
    this.ns = config.QUEUE_PREFIX;
    this.unsubscribe = signals.onOutbox(() => this.poke());
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop() {
    this.running = false;
    this.unsubscribe?.();
    this.poke();
    await this.loop;
  }

  /** Look now rather than at the next poll. */
  poke() {
    this.wake?.();
  }

  private async sleep(ms: number) {
    await new Promise<void>((resolve) => {
      this.timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(this.timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async run() {
    while (this.running) {
      let more = false;
      try {
        more = await this.relayOnce();
        if (Date.now() - this.lastSweep >= Math.min(this.config.NOTIFY_RESWEEP_AFTER_MS / 2, 30_000)) {
          await this.reconcile();
          this.lastSweep = Date.now();
        }
        if (this.rebuildNeeded) await this.rebuildReminders();
        if (this.failures > 0) this.logger.log({ msg: 'queue backend reachable again; relaying pending notifications' });
        this.failures = 0;
      } catch (e) {
        this.failures++;
        // The backend may come back empty (a Redis restarted without persistence): rebuild then.
        this.rebuildNeeded = true;
        if (this.failures === 1 || this.failures % 20 === 0) this.logger.warn({ msg: 'outbox relay cannot reach the queue; intents wait in the outbox', error: (e as Error).message, failures: this.failures });
      }
      if (!this.running) break;
      if (more && this.failures === 0) continue;
      const backoff = this.failures ? Math.min(250 * 2 ** Math.min(this.failures, 5), 5000) : this.config.NOTIFY_RELAY_INTERVAL_MS;
      await this.sleep(backoff);
    }
  }

  /** One pass: relays up to BATCH pending rows. Answers whether there may be more. */
  async relayOnce(): Promise<boolean> {
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT id, kind, payload FROM notification_outbox WHERE status = 'PENDING' AND queue_ns = $1 ORDER BY created_at, id LIMIT ${BATCH}`,
      [this.ns],
    );
    if (!rows.length) return false;
    const done: string[] = [];
    try {
      const notify = rows.filter((r) => r.kind === 'NOTIFY');
      if (notify.length) {
        await withTimeout(this.queues.dispatch.addBulk(notify.map((r) => ({ name: 'dispatch' as const, data: { intentId: r.id }, opts: { jobId: jobIds.dispatch(r.id) } }))), ADD_TIMEOUT_MS, 'dispatch add');
        done.push(...notify.map((r) => r.id));
      }
      for (const r of rows.filter((x) => x.kind !== 'NOTIFY')) {
        await withTimeout(this.relayOther(r), ADD_TIMEOUT_MS, `${r.kind} relay`);
        done.push(r.id);
      }
    } catch (e) {
      const waiting = rows.filter((r) => !done.includes(r.id)).map((r) => r.id);
      await this.dataSource
        .query(`UPDATE notification_outbox SET relay_attempts = relay_attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [waiting, String((e as Error).message).slice(0, 500)])
        .catch(() => undefined);
      throw e;
    } finally {
      if (done.length) {
        await this.dataSource.query(`UPDATE notification_outbox SET status = 'RELAYED', relayed_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`, [done]);
        this.relayed += done.length;
      }
    }
    return rows.length === BATCH;
  }

  private async relayOther(r: OutboxRow) {
    if (r.kind === 'REMINDER') {
      const { key, version, previousVersion } = r.payload as { key: string; version: number; previousVersion: number };
      if (previousVersion > 0) await this.queues.schedule.raw.remove(jobIds.reminder(key, previousVersion)).catch(() => 0);
      const [rem] = await this.dataSource.query(`SELECT at, status, version FROM notification_reminders WHERE key = $1`, [key]);
      if (rem && rem.status === 'SCHEDULED' && rem.version === version) await this.addReminder(key, version, new Date(rem.at));
    } else if (r.kind === 'BATCH') {
      const { batchKey, windowMs } = r.payload as { batchKey: string; windowMs: number | null };
      await this.addBatchFlush(batchKey, windowMs ?? this.config.NOTIFY_BATCH_WINDOW_MS);
    } else if (r.kind === 'REDELIVER') {
      const { deliveryId } = r.payload as { deliveryId: string };
      const [d] = await this.dataSource.query(`SELECT id, channel, retries FROM notification_deliveries WHERE id = $1 AND status = 'PENDING'`, [deliveryId]);
      if (d) await this.queues.deliver.addBulk([this.queues.deliverJob(d)]);
    }
  }

  /**
   * A job id that still names a FINISHED job (completed, or failed for good) would make adding it
   * again a no-op although its row is still open (e.g. a job that skipped while another attempt held
   * the delivery, whose worker then died). Such jobs are removed first; waiting, delayed and active
   * ones are left alone (adding again is then a no-op, as it should be).
   */
  private async clearFinished(queue: Queue, ids: string[]) {
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map(async (id) => {
          const job = await queue.getJob(id);
          if (!job) return;
          const state = await job.getState();
          if (state === 'completed' || state === 'failed') await job.remove().catch(() => undefined);
        }),
      );
    }
  }

  private addReminder(key: string, version: number, at: Date) {
    return this.queues.schedule.add('reminder', { reminderKey: key, version }, { jobId: jobIds.reminder(key, version), delay: Math.max(0, at.getTime() - Date.now()) });
  }

  /** Debounced: every item of one window shares one deterministic job, run at the window's end. */
  private addBatchFlush(batchKey: string, windowMs: number) {
    const now = Date.now();
    const bucket = Math.floor(now / windowMs);
    return this.queues.schedule.add('batch-flush', { batchKey }, { jobId: jobIds.batch(batchKey, bucket), delay: Math.max(0, (bucket + 1) * windowMs - now) });
  }

  /** Hands over again what should have happened by now but did not (jobs lost by the queue backend). */
  async reconcile() {
    const after = `${this.config.NOTIFY_RESWEEP_AFTER_MS} milliseconds`;
    const intents: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notification_outbox WHERE kind = 'NOTIFY' AND status = 'RELAYED' AND dispatched_at IS NULL AND queue_ns = $2 AND relayed_at < now() - $1::interval ORDER BY relayed_at LIMIT 1000`,
      [after, this.ns],
    );
    if (intents.length) {
      await this.clearFinished(this.queues.dispatch.raw, intents.map((r) => jobIds.dispatch(r.id)));
      await this.queues.dispatch.addBulk(intents.map((r) => ({ name: 'dispatch' as const, data: { intentId: r.id }, opts: { jobId: jobIds.dispatch(r.id) } })));
      await this.dataSource.query(`UPDATE notification_outbox SET relayed_at = now() WHERE id = ANY($1::uuid[])`, [intents.map((r) => r.id)]);
    }
    // Pending for long, or claimed by an attempt whose lease ran out (its worker died or hung).
    const deliveries: { id: string; channel: NotificationChannel; retries: number }[] = await this.dataSource.query(
      `SELECT d.id, d.channel, d.retries FROM notification_deliveries d JOIN notification_outbox o ON o.id = d.intent_id
        WHERE o.queue_ns = $2 AND ((d.status = 'PENDING' AND d.updated_at < now() - $1::interval) OR (d.status = 'SENDING' AND COALESCE(d.claimed_until, d.updated_at + $1::interval) < now()))
        ORDER BY d.updated_at LIMIT 1000`,
      [after, this.ns],
    );
    if (deliveries.length) {
      await this.clearFinished(this.queues.deliver.raw, deliveries.map((d) => jobIds.deliver(d.id, d.retries)));
      await this.queues.deliver.addBulk(deliveries.map((d) => this.queues.deliverJob(d)));
      await this.dataSource.query(`UPDATE notification_deliveries SET updated_at = now() WHERE id = ANY($1::uuid[])`, [deliveries.map((d) => d.id)]);
    }
    // Scheduled reminders due within a day: re-adding an existing job id is a no-op, a lost one comes back.
    const reminders: { key: string; version: number; at: Date }[] = await this.dataSource.query(
      `SELECT key, version, at FROM notification_reminders WHERE status = 'SCHEDULED' AND queue_ns = $2 AND at < now() + interval '1 day' AND updated_at < now() - $1::interval ORDER BY at LIMIT 1000`,
      [after, this.ns],
    );
    if (reminders.length) await this.clearFinished(this.queues.schedule.raw, reminders.map((r) => jobIds.reminder(r.key, r.version)));
    for (const r of reminders) await this.addReminder(r.key, r.version, new Date(r.at));
    const batches: { batch_key: string }[] = await this.dataSource.query(
      `SELECT DISTINCT batch_key FROM notification_batch_items WHERE flushed_at IS NULL AND queue_ns = $2 AND created_at < now() - $1::interval LIMIT 1000`,
      [`${this.config.NOTIFY_RESWEEP_AFTER_MS + this.config.NOTIFY_BATCH_WINDOW_MS} milliseconds`, this.ns],
    );
    for (const b of batches) await this.addBatchFlush(b.batch_key, this.config.NOTIFY_BATCH_WINDOW_MS);
    // Every sweep keeps the digest's job scheduler; finding it gone means the queue lost its data.
    if (!(await this.queues.schedule.raw.getJobScheduler(DIGEST_SCHEDULER_ID))) this.rebuildNeeded = true;
    await this.queues.schedule.raw.upsertJobScheduler(DIGEST_SCHEDULER_ID, { pattern: this.config.NOTIFY_DIGEST_CRON, tz: 'Asia/Shanghai' }, { name: 'digest-run', data: {} });
    if (this.rebuildNeeded) await this.rebuildReminders();
  }

  /**
   * Adds again, under its deterministic job id, every SCHEDULED reminder of this namespace whose job
   * the queue does not have; jobs that exist are left as they are. Answers how many were added. Runs
   * one at a time. Safe against reminders moved or fired meanwhile: a job for an old version, or for
   * a reminder that fired, finds the row changed when it runs and does nothing.
   */
  rebuildReminders(): Promise<number> {
    const run = (this.rebuilding ?? Promise.resolve(0)).catch(() => 0).then(() => this.rebuildOnce());
    this.rebuilding = run;
    return run;
  }

  private async rebuildOnce(): Promise<number> {
    // Cleared first: a loss noticed while this runs asks for another pass.
    this.rebuildNeeded = false;
    try {
      const queue = this.queues.schedule.raw;
      let after = '';
      let checked = 0;
      let added = 0;
      for (;;) {
        const rows: { key: string; version: number; at: Date }[] = await this.dataSource.query(
          `SELECT key, version, at FROM notification_reminders WHERE status = 'SCHEDULED' AND queue_ns = $1 AND key > $2 ORDER BY key LIMIT ${BATCH}`,
          [this.ns, after],
        );
        if (!rows.length) break;
        after = rows[rows.length - 1].key;
        checked += rows.length;
        const missing: typeof rows = [];
        for (let i = 0; i < rows.length; i += 50) {
          const part = rows.slice(i, i + 50);
          const jobs = await Promise.all(part.map((r) => queue.getJob(jobIds.reminder(r.key, r.version))));
          part.forEach((r, k) => jobs[k] || missing.push(r));
        }
        if (missing.length) {
          const now = Date.now();
          await this.queues.schedule.addBulk(
            missing.map((r) => ({
              name: 'reminder' as const,
              data: { reminderKey: r.key, version: r.version },
              opts: { jobId: jobIds.reminder(r.key, r.version), delay: Math.max(0, new Date(r.at).getTime() - now) },
            })),
          );
          added += missing.length;
        }
        if (rows.length < BATCH) break;
      }
      this.rebuiltReminders += added;
      if (added) this.logger.warn({ msg: 'reminders missing from the queue were rebuilt from the database', added, checked });
      return added;
    } catch (e) {
      this.rebuildNeeded = true;
      throw e;
    }
  }
}
