import type { Logger } from '@nestjs/common';
import type { JobsOptions, Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import { QueueBackend, retryUntilReady } from './queue-backend';

/**
 * THE map of the platform's queues: queue name → job name → payload. Payloads carry ids only; a
 * handler re-reads the current state from the database (which is the source of truth), so a job
 * that runs late, twice, or after its subject changed does the right thing.
 *
 * A feature adds its queue (or job) here and makes queues/workers with `typedQueue` / `typedWorker`.
 */
export interface QueueJobs {
  /** Outbox intents → recipients, inbox rows and channel deliveries. */
  'notify-dispatch': {
    dispatch: { intentId: string };
  };
  /** One e-mail / SMS / 企业微信 / webhook delivery, retried with backoff, then dead-lettered. */
  'notify-deliver': {
    deliver: { deliveryId: string };
  };
  /** Delayed and periodic notification work. */
  'notify-schedule': {
    reminder: { reminderKey: string; version: number };
    'batch-flush': { batchKey: string };
    'digest-run': Record<string, never>;
    'digest-user': { userId: string };
  };
  /** A 对接会's 1:1 schedule solved off the API's event loop (jobId `schedule.<runId>`). */
  'event-schedule': {
    solve: { runId: string };
  };
  /** Cases' periodic sweep (job scheduler `case-overdue-sweep`, every CASE_OVERDUE_SWEEP_MS): flag overdue cases, alert. */
  'case-sweeps': {
    overdue: Record<string, never>;
  };
  /** Financing needs' periodic sweep (job scheduler `need-expiry-sweep`, every NEED_EXPIRY_SWEEP_MS): expire needs past their wanted-by date. */
  'need-sweeps': {
    expire: Record<string, never>;
  };
}

/** Every queue of the map (for the queue dashboard and tooling); the compiler checks it lists them all. */
const QUEUE_NAME_SET: Record<QueueName, true> = {
  'notify-dispatch': true,
  'notify-deliver': true,
  'notify-schedule': true,
  'event-schedule': true,
  'case-sweeps': true,
  'need-sweeps': true,
};
export const QUEUE_NAMES = Object.keys(QUEUE_NAME_SET) as QueueName[];

export type QueueName = keyof QueueJobs;
export type JobName<Q extends QueueName> = Extract<keyof QueueJobs[Q], string>;
export type JobData<Q extends QueueName, N extends JobName<Q> = JobName<Q>> = QueueJobs[Q][N];

/** A queue whose `add` only accepts the job names and payloads of the map. */
export interface TypedQueue<Q extends QueueName> {
  readonly name: Q;
  readonly raw: Queue;
  add<N extends JobName<Q>>(name: N, data: JobData<Q, N>, opts?: JobsOptions): Promise<unknown>;
  addBulk(jobs: { name: JobName<Q>; data: JobData<Q>; opts?: JobsOptions }[]): Promise<unknown>;
}

export function typedQueue<Q extends QueueName>(backend: QueueBackend, name: Q, opts: { failFast?: boolean; defaultJobOptions?: JobsOptions } = {}): TypedQueue<Q> {
  const raw = backend.createQueue(name, { defaultJobOptions: opts.defaultJobOptions }, { failFast: opts.failFast });
  return {
    name,
    raw,
    add: (n, data, o) => raw.add(n, data, o),
    addBulk: (jobs) => raw.addBulk(jobs as { name: string; data: unknown; opts?: JobsOptions }[]),
  };
}

/** A job as its handler sees it: the name and payload typed by the map. */
export type TypedJob<Q extends QueueName> = {
  [N in JobName<Q>]: { name: N; data: JobData<Q, N>; id?: string; attemptsMade: number; opts: JobsOptions };
}[JobName<Q>];

export function typedWorker<Q extends QueueName>(backend: QueueBackend, name: Q, handler: (job: TypedJob<Q>) => Promise<unknown>, opts: Omit<WorkerOptions, 'connection'> = {}): Worker {
  return backend.createWorker(name, handler as unknown as Processor, opts);
}

/** The job names of a queue whose payload is empty (what a periodic job carries: nothing; it re-reads the state). */
export type PeriodicJobName<Q extends QueueName> = { [N in JobName<Q>]: JobData<Q, N> extends Record<string, never> ? N : never }[JobName<Q>];

export interface PeriodicJobSpec<Q extends QueueName> {
  queue: Q;
  job: PeriodicJobName<Q>;
  /** Fixed id of the BullMQ job scheduler: however many processes register it, it exists once. */
  schedulerId: string;
  /** The period (ms). 0 switches the work off: the scheduler is removed (in every process sharing the queue). */
  everyMs: number;
  /** The work. Idempotent: it re-reads the state, so a run that is late, retried or repeated does nothing twice. */
  run: () => Promise<unknown>;
  logger: Logger;
}

/** Attempts and backoff of one periodic run, and how long finished runs stay visible in the queue dashboard. */
const PERIODIC_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 500 },
  removeOnFail: { age: 14 * 24 * 3600 },
} satisfies JobsOptions;

/**
 * Periodic background work (a sweep) as a BullMQ job scheduler with a fixed id, and its consumer.
 * Every worker process registers the scheduler (`upsertJobScheduler`: the same id and period leave it
 * as it is, so restarts and extra processes neither reset nor duplicate it) and listens on the queue;
 * each period makes ONE job (`repeat:<schedulerId>:<slot>`), which one worker takes, retried on
 * failure (PERIODIC_JOB_OPTIONS). The owning module makes one in its worker module and starts it on
 * bootstrap (in the background: the platform comes up while the queue backend is down).
 */
export class PeriodicJob<Q extends QueueName> {
  private queue?: TypedQueue<Q>;
  private worker?: Worker;
  private starting?: Promise<void>;
  private stopped = false;
  /** Job ids this process ran (each period's job has its own id), for tests and the logs. */
  readonly handled: string[] = [];

  constructor(
    private readonly backend: QueueBackend,
    readonly spec: PeriodicJobSpec<Q>,
  ) {}

  start(): void {
    this.starting ??= this.startOnce();
  }

  /** Resolves once the scheduler is registered and the worker listens. */
  async started(): Promise<void> {
    await this.starting;
  }

  /** The queue (for the dashboard and tests); made on start. */
  get raw(): Queue | undefined {
    return this.queue?.raw;
  }

  private async startOnce() {
    const { spec } = this;
    const ready = await retryUntilReady(
      async () => {
        await this.backend.ready();
        this.queue ??= typedQueue(this.backend, spec.queue);
        await this.queue.raw.waitUntilReady();
        if (spec.everyMs > 0) {
          await this.queue.raw.upsertJobScheduler(spec.schedulerId, { every: spec.everyMs }, { name: spec.job, data: {}, opts: PERIODIC_JOB_OPTIONS });
        } else {
          await this.queue.raw.removeJobScheduler(spec.schedulerId);
        }
      },
      { stopped: () => this.stopped, logger: spec.logger, what: `${spec.queue} scheduler` },
    );
    if (!ready || spec.everyMs <= 0 || this.stopped) return;
    const w = typedWorker(
      this.backend,
      spec.queue,
      async (job) => {
        if (job.id) this.handled.push(job.id);
        return { result: await spec.run() };
      },
      { concurrency: 1, drainDelay: 1 },
    );
    w.on('failed', (job, err) => spec.logger.warn({ msg: 'periodic job failed', queue: spec.queue, jobId: job?.id, attemptsMade: job?.attemptsMade, error: err.message }));
    this.worker = w;
    await w.waitUntilReady().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    await this.worker?.close().catch(() => undefined);
  }
}
