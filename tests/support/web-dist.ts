import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The built web app the browser scenarios load. ZJ_TEST_WEB_DIST points at another build (one made
 * with `npm run build -w @zj/web -- --outDir <dir>`), so that a rebuild elsewhere never swaps the
 * files under a running browser.
 */
export const WEB_DIST = process.env.ZJ_TEST_WEB_DIST ? path.resolve(process.env.ZJ_TEST_WEB_DIST) : path.join(ROOT, 'apps/web/dist');

/**
 * Builds the web app into `dir` when it is missing (a fresh checkout: `npm install && npm test`).
 * global-setup.ts calls it once, before any worker starts, so that two browser files never build into
 * the same folder at once; a browser file calls it again (a no-op then) when run on its own.
 * `npm run screens` calls it with its own folder (ZJ_WEB_DIST).
 */
export function ensureWebBuilt(dir: string = WEB_DIST): void {
  if (existsSync(path.join(dir, 'index.html'))) return;
  console.log(`building the web app into ${dir} …`);
  // NODE_ENV=production, as `npm run build` has it: under Jest it is "test", and Vite then bundles
  // React's development build (a different app: the indicator form lost its default comparison).
  execSync(`npm run build -w @zj/web -- --outDir ${JSON.stringify(dir)}`, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
