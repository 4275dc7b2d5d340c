/**
 * `npm run screens`: screenshots of each role's home page (工作台) with the demo data, at 1440 px and
 * 375 px wide, into docs/screens/<role>-1440.png and docs/screens/<role>-375.png (docs/screens/README.md).
 *
 *   npm run screens                                   # embedded engines (no database or Redis server)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm run screens
 *   ZJ_WEB_DIST=/tmp/my-web-build npm run screens     # screens of another web build
 *
 * It boots the platform from the sources (as the load benchmark does) with demo data on a scratch
 * database (a new database on DATABASE_URL's server, dropped afterwards, or an embedded engine), signs
 * in as each role's demo account with the most to do (so that the screen shows the queue, not an
 * empty page), and drives Debian's Chromium with playwright-core. The web app is built into
 * apps/web/dist when no build is there (for production, as for the browser scenarios: ensureWebBuilt).
 * Chinese needs a CJK font (apt-get install fonts-wqy-microhei).
 * At 375 px it also checks that the page does not scroll sideways, and exits 1 when one does.
 */
import '../apps/api/bench/nest-decorator-metadata'; // first: the platform's classes need decorator metadata under tsx
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Role, ROLE_LABELS, type Workbench } from '@zj/shared';
import { benchDatabase } from '../apps/api/bench/bench-database';
import { createPlatform } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app.config';
import { DEMO_PASSWORD } from '../apps/api/src/setup/demo-seed';
import { ensureWebBuilt } from '../tests/support/web-dist';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs/screens');
const WEB_DIST = path.resolve(process.env.ZJ_WEB_DIST ?? path.join(ROOT, 'apps/web/dist'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 375, height: 812 },
] as const;
/** The file name of each role's screens. */
const ROLE_FILES: Record<Role, string> = {
  [Role.ENTERPRISE]: 'enterprise',
  [Role.BANK]: 'bank',
  [Role.COUNTY]: 'county',
  [Role.DEPARTMENT]: 'department',
  [Role.BUREAU]: 'bureau',
  [Role.REGULATOR]: 'regulator',
};

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed (apt-get install chromium)`);
  ensureWebBuilt(WEB_DIST);
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zj-screens-'));
  const db = await benchDatabase('zj_screens');
  const adminPassword = `Screens#${randomBytes(9).toString('base64url')}`;
  const config = loadConfig({
    // As a demo runs on a developer's machine: in production a published password (the demo's) must be changed first.
    NODE_ENV: 'development',
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? '',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(48).toString('base64'),
    ADMIN_EMAIL: 'admin@screens.zjgf.local',
    ADMIN_PASSWORD: adminPassword,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'error',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_IP_MAX_FAILURES: '100000',
    QUEUE_PREFIX: `sc${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    WEB_DIST_DIR: WEB_DIST,
    SMTP_URL: '',
    SMS_HTTP_URL: '',
  });
  console.log(`starting the platform with demo data (${db.engine}) …`);
  const platform = await createPlatform(config, { api: true, worker: true, logLevel: 'error' });
  await platform.app.listen(0, '127.0.0.1');
  const { port } = platform.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  const problems: string[] = [];
  try {
    const logins = platform.setup.demoLogins;
    if (!logins.length) throw new Error('no demo logins: the database already had demo data or DEMO_DATA is off');
    for (const role of Object.values(Role)) {
      const email = await busiest(baseUrl, logins.filter((l) => l.role === role).map((l) => l.email));
      if (!email) {
        problems.push(`${role}: no demo login`);
        continue;
      }
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: WIDTHS[0], reducedMotion: 'reduce' });
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('home').waitFor();
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await page.goto('/');
        await homeLoaded(page);
        const file = path.join(OUT, `${ROLE_FILES[role]}-${size.width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${ROLE_FILES[role]}-${size.width}: the page scrolls sideways by ${overflow} px`);
        console.log(`${ROLE_LABELS[role]} (${email}) → ${path.relative(ROOT, file)}${overflow > 0 ? `  ⚠ scrolls sideways by ${overflow} px` : ''}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await platform.close();
    await db.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(`problems:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

/** Of a role's demo logins, the one with the most to do (its home page shows the most). */
async function busiest(baseUrl: string, emails: string[]): Promise<string | null> {
  let best: { email: string; score: number } | null = null;
  for (const email of emails) {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
    if (!login.ok) {
      console.warn(`${email}: sign-in answered ${login.status} ${await login.text()}`);
      continue;
    }
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(`${baseUrl}/api/v1/workbench`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!res.ok) {
      console.warn(`${email}: the workbench answered ${res.status} ${await res.text()}`);
      continue;
    }
    const w = (await res.json()) as Workbench;
    // Items of several kinds make a better picture than many of one.
    const kinds = new Set(w.sections.flatMap((s) => s.items.map((i) => i.kind))).size;
    const score = kinds * 100 + w.total;
    if (!best || score > best.score) best = { email, score };
  }
  return best?.email ?? null;
}

/** The queue has loaded (sections, or the empty state), fonts are in and nothing is still spinning. */
async function homeLoaded(page: Page) {
  await page.locator('[data-testid^="home-section-"], [data-testid="home-empty"], [data-testid="home-error"]').first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
