import cluster from 'node:cluster';
import { createPlatform, Platform } from './bootstrap';
import type { LogLevel } from './common/logging/logger';
import { AppConfig, ConfigError } from './config';
import { runMigrations } from './database';
import type { SetupReport } from './setup';

/**
 * Several API processes on one port (Node cluster), as `npm start` runs them with API_PROCESSES > 1
 * (main.ts) and the load benchmark with --api-processes. The first process migrates, runs the queue
 * worker when asked and forks the API processes, which run the same entry file and call
 * `serveApiProcess`.
 */

/** What an API process tells the first process once it listens. */
interface ApiProcessReady {
  type: 'api-ready';
  setup: SetupReport;
}

/** In an API process of a cluster: the HTTP API only, on the cluster's port; the first process is told. */
export async function serveApiProcess(config: AppConfig, opts: { host?: string; logLevel?: LogLevel } = {}): Promise<Platform> {
  const platform = await createPlatform(config, { api: true, worker: false, logLevel: opts.logLevel });
  if (opts.host) await platform.app.listen(config.PORT, opts.host);
  else await platform.app.listen(config.PORT);
  const ready: ApiProcessReady = { type: 'api-ready', setup: platform.setup };
  process.send?.(ready);
  return platform;
}

export interface ApiCluster {
  /** The first process's own platform (the queue worker), when it runs one. */
  background?: Platform;
  /** What the API processes' start-up did (the first administrator, demo logins), merged. */
  setup: SetupReport;
  /** The API processes now running. */
  pids(): number[];
  /** Stops the API processes (SIGTERM, each finishing its requests), then the worker. */
  stop(): Promise<void>;
}

/**
 * In the first process: migrations (before any API process starts, so that none race to migrate), the
 * worker when `worker`, then `config.API_PROCESSES` API processes on `config.PORT`; one that dies is
 * started again a second later. Resolves once every API process listens.
 */
export async function startApiCluster(config: AppConfig, opts: { worker: boolean; logLevel?: LogLevel }): Promise<ApiCluster> {
  if (config.usesEmbeddedDatabase) {
    throw new ConfigError('Invalid configuration:\n  - API_PROCESSES: more than one API process needs a PostgreSQL server (DATABASE_URL); the embedded engine serves one process');
  }
  await runMigrations(config.DATABASE_URL!);
  const background = opts.worker ? await createPlatform(config, { api: false, worker: true, logLevel: opts.logLevel }) : undefined;
  await background?.app.init();

  let stopping = false;
  const readies: SetupReport[] = [];
  let allReady!: () => void;
  const ready = new Promise<void>((resolve) => (allReady = resolve));
  const fork = () => {
    const child = cluster.fork({ PORT: String(config.PORT) });
    child.on('message', (m: ApiProcessReady) => {
      if (m?.type !== 'api-ready' || readies.length >= config.API_PROCESSES) return;
      readies.push(m.setup);
      if (readies.length === config.API_PROCESSES) allReady();
    });
  };
  cluster.on('exit', (child, code, signal) => {
    if (stopping) return;
    process.stderr.write(`API 进程 ${child.process.pid} 已退出（${signal ?? code}），1 秒后重新启动\n`);
    setTimeout(() => !stopping && fork(), 1000).unref();
  });
  for (let i = 0; i < config.API_PROCESSES; i++) fork();
  await ready;

  const children = () => Object.values(cluster.workers ?? {}).filter((c): c is NonNullable<typeof c> => !!c);
  return {
    background,
    setup: { admin: readies.find((r) => r.admin?.generatedPassword)?.admin ?? readies[0].admin, demoLogins: readies.find((r) => r.demoLogins.length)?.demoLogins ?? [] },
    pids: () => children().map((c) => c.process.pid!),
    async stop() {
      stopping = true;
      await Promise.all(
        children().map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.isDead()) return resolve();
              c.once('exit', () => resolve());
              c.process.kill('SIGTERM');
            }),
        ),
      );
      await background?.close();
    },
  };
}
