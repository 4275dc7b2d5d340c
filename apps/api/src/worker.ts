import 'reflect-metadata';
import { createPlatform } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { closeOnSignals } from './shutdown';

/** The queue worker on its own, for scaling apart from the API. Needs DATABASE_URL (the embedded engine lives in the API process). */
async function main() {
  const config = loadConfig();
  if (config.usesEmbeddedDatabase) {
    throw new ConfigError('Invalid configuration:\n  - DATABASE_URL: a separate worker process needs a PostgreSQL server (npm start runs the worker in-process with the embedded engine)');
  }
  const platform = await createPlatform(config, { api: false, worker: true });
  await platform.app.init();
  closeOnSignals(() => platform.close());
  process.stdout.write('湛江绿色金融对接平台 队列 worker 已启动\n');
}

main().catch((e) => {
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `worker 启动失败：${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
