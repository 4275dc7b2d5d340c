/** Public face of queue: what other modules may import from it. */
export { PeriodicJob, QUEUE_NAMES, typedQueue, typedWorker } from './jobs';
export type { TypedJob, TypedQueue } from './jobs';
export { QueueBackend, retryUntilReady } from './queue-backend';
export type { QueueBackendSettings } from './queue-backend';
export { QueueModule } from './queue.module';
