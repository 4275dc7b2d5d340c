import 'reflect-metadata';
import cluster from 'node:cluster';
import { createPlatform } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/app.config';
import { runMigrations } from './database/migrate';
import type { Infrastructure } from './infrastructure';
import type { SetupReport } from './setup/setup.service';
import { DEMO_PASSWORD } from './setup/demo-seed';
import { closeOnSignals } from './shutdown';

/** What an API process of a cluster tells the first process once it listens. */
interface ApiProcessReady {
  type: 'api-ready';
  setup: SetupReport;
}

/**
 * `npm start`: the API and, unless --no-worker, the queue worker in one process (a single machine).
 * With API_PROCESSES > 1 the first process runs the migrations and the worker, and starts that many API
 * processes sharing PORT (Node cluster), restarting one that dies. Production can also run
 * `node dist/worker.js` apart to scale workers.
 */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const worker = !process.argv.includes('--no-worker');
  if (cluster.isWorker) return apiProcess(config);
  if (config.API_PROCESSES > 1) return primary(config, worker, started);
  const platform = await createPlatform(config, { api: true, worker });
  closeOnSignals(() => platform.close());
  await platform.app.listen(config.PORT);
  banner(config, platform.infra, worker, platform.setup, started, 1);
}

/** One API process of a cluster: the HTTP API only, on the shared PORT. */
async function apiProcess(config: AppConfig) {
  const platform = await createPlatform(config, { api: true, worker: false });
  closeOnSignals(() => platform.close());
  await platform.app.listen(config.PORT);
  const ready: ApiProcessReady = { type: 'api-ready', setup: platform.setup };
  process.send?.(ready);
}

/** The first process of a cluster: migrations, the worker, and the API processes (restarted when one dies). */
async function primary(config: AppConfig, worker: boolean, started: number) {
  if (config.usesEmbeddedDatabase) {
    throw new ConfigError('Invalid configuration:\n  - API_PROCESSES: more than one API process needs a PostgreSQL server (DATABASE_URL); the embedded engine serves one process');
  }
  // Before any API process starts, so that they do not race to migrate.
  await runMigrations(config.DATABASE_URL!);
  const background = worker ? await createPlatform(config, { api: false, worker: true }) : undefined;
  await background?.app.init();
  let stopping = false;
  const readies: SetupReport[] = [];
  const fork = () => {
    const child = cluster.fork();
    child.on('message', (m: ApiProcessReady) => {
      if (m?.type !== 'api-ready' || readies.length >= config.API_PROCESSES) return;
      readies.push(m.setup);
      if (readies.length === config.API_PROCESSES) {
        const setup: SetupReport = { admin: readies.find((r) => r.admin?.generatedPassword)?.admin ?? readies[0].admin, demoLogins: readies.find((r) => r.demoLogins.length)?.demoLogins ?? [] };
        banner(config, background?.infra, worker, setup, started, config.API_PROCESSES);
      }
    });
  };
  cluster.on('exit', (child, code, signal) => {
    if (stopping) return;
    process.stderr.write(`API 进程 ${child.process.pid} 已退出（${signal ?? code}），1 秒后重新启动\n`);
    setTimeout(() => !stopping && fork(), 1000).unref();
  });
  for (let i = 0; i < config.API_PROCESSES; i++) fork();
  closeOnSignals(async () => {
    stopping = true;
    const children = Object.values(cluster.workers ?? {}).filter((c): c is NonNullable<typeof c> => !!c);
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.isDead()) return resolve();
            c.once('exit', () => resolve());
            c.process.kill('SIGTERM');
          }),
      ),
    );
    await background?.close();
  });
}

function banner(config: AppConfig, infra: Infrastructure | undefined, worker: boolean, setup: SetupReport, started: number, processes: number) {
  const url = `http://localhost:${config.PORT}`;
  const embedded = infra?.embedded ?? config.usesEmbeddedDatabase;
  const queueKind = infra?.queue.kind ?? (config.REDIS_URL ? 'redis' : 'postgres');
  const lines = [
    '',
    `湛江绿色金融对接平台 已启动：${url}  （API 文档 ${url}/api/docs，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
    `数据库：${embedded ? `内置 PostgreSQL（${config.DATA_DIR}）` : '外部 PostgreSQL'}；队列：${queueKind === 'redis' ? 'Redis' : 'PostgreSQL 队列'}；队列处理：${worker ? '本进程' : '独立 worker 进程'}${processes > 1 ? `；API 进程：${processes} 个` : ''}`,
  ];
  const { admin, demoLogins } = setup;
  if (admin?.generatedPassword) lines.push(`首个管理员：${admin.email}  初始密码：${admin.generatedPassword}（首次登录后须修改）`);
  if (demoLogins.length) {
    lines.push(`已载入演示数据（均为虚构机构，名称带“（演示）”）。演示账号的密码均为 ${DEMO_PASSWORD}：`);
    for (const l of demoLogins) lines.push(`  ${l.role.padEnd(10)} ${l.email.padEnd(40)} ${l.organization}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n平台未启动：请修正以上配置（见 .env.example）。\n`);
  } else {
    process.stderr.write(`平台启动失败：${(e as Error).stack ?? e}\n`);
  }
  process.exit(1);
});
