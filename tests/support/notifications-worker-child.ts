/**
 * A notification worker in its own process (run with tsx), so a test can kill it with SIGKILL in the
 * middle of a job. Configuration comes from the environment, like the real worker.
 */
import { loadConfig } from '../../apps/api/src/config/app.config';
import { startNotificationsWorker } from '../../apps/api/src/notifications/standalone';
import { UsersWorkerModule } from '../../apps/api/src/users/users-worker.module';

async function main() {
  const config = loadConfig(process.env);
  const queue = config.REDIS_URL
    ? ({ kind: 'redis', url: config.REDIS_URL, prefix: config.QUEUE_PREFIX } as const)
    : ({ kind: 'postgres', url: (config.QUEUE_DATABASE_URL ?? config.DATABASE_URL)!, schema: 'bullmq', prefix: config.QUEUE_PREFIX } as const);
  await startNotificationsWorker(config, { databaseUrl: config.DATABASE_URL!, queue }, [UsersWorkerModule]);
  process.stdout.write('worker-ready\n');
}

main().catch((e) => {
  process.stderr.write(`worker child failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
