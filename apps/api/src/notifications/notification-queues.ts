import { Inject, Injectable } from '@nestjs/common';
import { NotificationChannel } from '@zj/shared';
import type { JobsOptions } from 'bullmq';
import { AppConfig } from '../config';
import { type TypedQueue, typedQueue, QueueBackend } from '../queue';

/** Job ids are deterministic, so handing the same thing to the queue twice makes one job. */
export const jobIds = {
  dispatch: (intentId: string) => `ntf.${intentId}`,
  deliver: (deliveryId: string, retries: number) => `dlv.${deliveryId}.${retries}`,
  reminder: (key: string, version: number) => `rem.${key}.${version}`,
  batch: (batchKey: string, bucket: number) => `batch.${batchKey}.${bucket}`,
  digestUser: (userId: string, day: string) => `digest.${userId}.${day}`,
};

export const DIGEST_SCHEDULER_ID = 'daily-digest';

/** Per channel: how many attempts and the first backoff delay (doubling), from the configured base. */
export function retryPolicy(channel: NotificationChannel, config: Pick<AppConfig, 'NOTIFY_MAX_ATTEMPTS' | 'NOTIFY_BACKOFF_MS'>): Pick<JobsOptions, 'attempts' | 'backoff'> {
  const factor: Partial<Record<NotificationChannel, { attempts: number; delay: number }>> = {
    // An organisation's own system may be down for maintenance longer than a mail server.
    [NotificationChannel.WEBHOOK]: { attempts: 1.5, delay: 2 },
    [NotificationChannel.WECOM]: { attempts: 1, delay: 2 },
  };
  const f = factor[channel] ?? { attempts: 1, delay: 1 };
  return { attempts: Math.max(1, Math.round(config.NOTIFY_MAX_ATTEMPTS * f.attempts)), backoff: { type: 'exponential', delay: config.NOTIFY_BACKOFF_MS * f.delay } };
}

const KEEP = { removeOnComplete: { age: 3600, count: 2000 }, removeOnFail: { age: 14 * 24 * 3600 } } satisfies JobsOptions;

/**
 * The notification queues of this process. Producers use fail-fast connections: while the backend
 * is down an add fails at once (and the outbox row stays pending) instead of hanging.
 */
@Injectable()
export class NotificationQueues {
  private made?: { dispatch: TypedQueue<'notify-dispatch'>; deliver: TypedQueue<'notify-deliver'>; schedule: TypedQueue<'notify-schedule'> };

  constructor(
    @Inject(QueueBackend) private readonly backend: QueueBackend,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private initializing?: Promise<void>;

  /**
   * Creates the queues one after the other, each ready before the next (the embedded PostgreSQL
   * engine hangs when many BullMQ clients initialise at the same moment). Call before first use.
   */
  init(): Promise<void> {
    this.initializing ??= (async () => {
      await this.backend.ready();
      const q = this.queues;
      for (const x of [q.dispatch, q.deliver, q.schedule]) await x.raw.waitUntilReady();
    })();
    this.initializing.catch(() => (this.initializing = undefined));
    return this.initializing;
  }

  private get queues() {
    this.made ??= {
      dispatch: typedQueue(this.backend, 'notify-dispatch', { failFast: true, defaultJobOptions: { ...KEEP, attempts: 10, backoff: { type: 'exponential', delay: 1000 } } }),
      deliver: typedQueue(this.backend, 'notify-deliver', { failFast: true, defaultJobOptions: KEEP }),
      // Batch and reminder jobs must vanish when done: a later batch reuses no id, but keep it tidy.
      schedule: typedQueue(this.backend, 'notify-schedule', { failFast: true, defaultJobOptions: { removeOnComplete: true, removeOnFail: { age: 14 * 24 * 3600 }, attempts: 5, backoff: { type: 'exponential', delay: 2000 } } }),
    };
    return this.made;
  }

  get dispatch() {
    return this.queues.dispatch;
  }
  get deliver() {
    return this.queues.deliver;
  }
  get schedule() {
    return this.queues.schedule;
  }

  all() {
    return [this.dispatch.raw, this.deliver.raw, this.schedule.raw];
  }

  deliverJob(d: { id: string; channel: NotificationChannel; retries: number }) {
    return { name: 'deliver' as const, data: { deliveryId: d.id }, opts: { jobId: jobIds.deliver(d.id, d.retries), ...retryPolicy(d.channel, this.config) } };
  }
}
