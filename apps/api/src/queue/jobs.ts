import type { JobsOptions, Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import type { QueueBackend } from './queue-backend';

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
}

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
