import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { AppConfig } from '../config';
import { type TypedJob, typedWorker, QueueBackend, retryUntilReady } from '../queue';
import { DeliveryProcessor } from './delivery.processor';
import { Dispatcher } from './dispatcher';
import { NotificationQueues } from './notification-queues';
import { OutboxRelay } from './outbox-relay';
import { ScheduleHandlers } from './schedules';

/**
 * The notification side of the worker process: the outbox relay and the consumers of the three
 * notification queues. Shuts down gracefully: the relay stops, then each worker finishes the jobs
 * it holds. A job interrupted by a crash is taken up again by the stalled-job check (its lock
 * expires after NOTIFY_LOCK_DURATION_MS) and, being idempotent, delivers nothing twice.
 */
@Injectable()
export class NotificationsWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsWorker.name);
  private workers: Worker[] = [];
  /** Jobs this process took over from a worker that died (queue:jobId). */
  readonly stalledJobs: string[] = [];

  constructor(
    @Inject(QueueBackend) private readonly backend: QueueBackend,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(NotificationQueues) private readonly queues: NotificationQueues,
    @Inject(OutboxRelay) readonly relay: OutboxRelay,
    @Inject(Dispatcher) private readonly dispatcher: Dispatcher,
    @Inject(DeliveryProcessor) private readonly delivery: DeliveryProcessor,
    @Inject(ScheduleHandlers) readonly schedules: ScheduleHandlers,
  ) {}

  private starting?: Promise<void>;
  private stopped = false;

  /** Starts in the background: the platform comes up (and the API answers) even while the queue backend is down. */
  onApplicationBootstrap() {
    this.starting = this.start();
  }

  private async start() {
    const ready = await retryUntilReady(
      async () => {
        await this.backend.ready();
        await this.queues.init();
      },
      { stopped: () => this.stopped, logger: this.logger, what: 'notification queues' },
    );
    if (!ready) return;
    const common = {
      lockDuration: this.config.NOTIFY_LOCK_DURATION_MS,
      stalledInterval: this.config.NOTIFY_STALLED_INTERVAL_MS,
      maxStalledCount: 5,
      // Seconds a worker waits for a job before asking again (the embedded engine has no LISTEN/NOTIFY).
      drainDelay: 1,
    };
    const specs = [
      () => typedWorker(this.backend, 'notify-dispatch', (job: TypedJob<'notify-dispatch'>) => this.dispatcher.dispatch(job.data.intentId), { ...common, concurrency: Math.max(1, Math.ceil(this.config.NOTIFY_CONCURRENCY / 2)) }),
      () =>
        typedWorker(
          this.backend,
          'notify-deliver',
          (job: TypedJob<'notify-deliver'>) => this.delivery.deliver(job.data.deliveryId, { made: job.attemptsMade, max: job.opts.attempts ?? 1 }),
          { ...common, concurrency: this.config.NOTIFY_CONCURRENCY },
        ),
      () => typedWorker(this.backend, 'notify-schedule', (job: TypedJob<'notify-schedule'>) => this.schedule(job), { ...common, concurrency: 2 }),
    ];
    for (const make of specs) {
      if (this.stopped) return;
      const w = make();
      w.on('failed', (job, err) => this.logger.warn({ msg: 'notification job failed', queue: w.name, jobId: job?.id, attemptsMade: job?.attemptsMade, error: err.message }));
      w.on('stalled', (jobId) => {
        this.stalledJobs.push(`${w.name}:${jobId}`);
        this.logger.warn({ msg: 'notification job stalled (its worker died or hung); taken up again', queue: w.name, jobId });
      });
      this.workers.push(w);
      await w.waitUntilReady().catch(() => undefined);
    }
    this.relay.start();
  }

  /** Resolves once workers and relay run (tests and the benchmark wait for it). */
  async started() {
    await this.starting;
  }

  private schedule(job: TypedJob<'notify-schedule'>) {
    switch (job.name) {
      case 'reminder':
        return this.schedules.fireReminder(job.data.reminderKey, job.data.version);
      case 'batch-flush':
        return this.schedules.flushBatch(job.data.batchKey);
      case 'digest-run':
        return this.schedules.runDigest();
      case 'digest-user':
        return this.schedules.digestUser(job.data.userId);
    }
  }

  async onModuleDestroy() {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    await this.relay.stop();
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }
}
