import 'reflect-metadata';
import cluster from 'node:cluster';
import { createPlatform } from './bootstrap';
import { serveApiProcess, startApiCluster } from './cluster';
import { AppConfig, ConfigError, loadConfig } from './config';
import type { Infrastructure } from './infrastructure';
import { type SetupReport, DEMO_PASSWORD } from './setup';
import { closeOnSignals } from './shutdown';

/**
 * `npm start`: the API and, unless --no-worker, the queue worker in one process (a single machine).
 * With API_PROCESSES > 1 the first process runs the migrations and the worker, and starts that many API
 * processes sharing PORT (Node cluster, cluster.ts), restarting one that dies. Production can also run
 * `node dist/worker.js` apart to scale workers.
 */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const worker = !process.argv.includes('--no-worker');
  if (cluster.isWorker) {
    const platform = await serveApiProcess(config);
    closeOnSignals(() => platform.close());
    return;
  }
  if (config.API_PROCESSES > 1) {
    const api = await startApiCluster(config, { worker });
    closeOnSignals(() => api.stop());
    banner(config, api.background?.infra, worker, api.setup, started, config.API_PROCESSES);
    return;
  }
  const platform = await createPlatform(config, { api: true, worker });
  closeOnSignals(() => platform.close());
  await platform.app.listen(config.PORT);
  banner(config, platform.infra, worker, platform.setup, started, 1);
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
