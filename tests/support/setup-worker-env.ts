import { workerEnvKey } from './worker-database';

// Runs in each test file's environment before the file: this Jest worker's own databases.
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
for (const name of ['DATABASE_URL', 'QUEUE_DATABASE_URL'] as const) {
  const own = process.env[workerEnvKey(name, worker)];
  if (own) process.env[name] = own;
}
