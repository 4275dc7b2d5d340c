import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../../support/test-app';
import { ensureWebBuilt, WEB_DIST } from '../../support/web-dist';

/** Debian's Chromium; browser tests drive it with playwright-core (no browser download). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * A browser scenario walks through several pages and sign-ins: about 30 s alone, up to 80 s measured
 * while two scenarios (two browsers, two apps) share this 2-core machine. Each step still has its own
 * 15 s limit (`newPage`), so a step that hangs fails as soon as that runs out.
 */
jest.setTimeout(180_000);

/**
 * `describe` for browser scenarios. Without the Chromium binary they are skipped, and the output
 * says why (CI installs the `chromium` package).
 */
export const describeBrowser: jest.Describe = hasChromium ? describe : describe.skip;
if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`);
}

export interface BrowserHarness {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  /**
   * A fresh browser context (its own storage) with Chinese locale and Shanghai time zone. It asks
   * for reduced motion, so dialogs open without antd's zoom: a click sent while a dialog is still
   * growing can land beside its button (mouse down on the button, mouse up on the backdrop).
   */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserHarness(opts: { worker?: boolean; env?: Record<string, string> } = {}): Promise<BrowserHarness> {
  ensureWebBuilt();
  const app = await startTestApp({ worker: opts.worker, env: { WEB_DIST_DIR: WEB_DIST, ...opts.env } });
  const baseUrl = await app.listen();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    app,
    baseUrl,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 }, reducedMotion: 'reduce' });
      context.setDefaultTimeout(15_000);
      return context.newPage();
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** Signs in through the login page and waits for the signed-in layout. */
export async function loginThroughUi(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();
}

/** The keys of the side menu's entries, in order. */
export async function navKeys(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  return ids.map((id) => id.slice('nav-'.length));
}

/** The open dropdown of an antd Select. */
export const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** What an antd Select (by `data-testid`) shows as chosen. */
export const selectText = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => (el.closest('.ant-select') ?? el).textContent ?? '');

/**
 * Chooses an option of an antd Select (by `data-testid`) and checks that it was taken. A dropdown
 * that closed again as it opened (under load) is opened and tried again.
 */
export async function chooseOption(page: Page, testId: string, option: string) {
  for (let attempt = 0; attempt < 4 && !(await selectText(page, testId)).includes(option); attempt++) {
    if (!(await openDropdown(page).count())) await page.getByTestId(testId).click();
    await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: option }).click({ timeout: 3000 }).catch(() => undefined);
    await page.waitForTimeout(200);
  }
  expect(await selectText(page, testId)).toContain(option);
}

/**
 * Chooses a category in a CategoryTreeSelect (by `data-testid`): types `search` (a code, a name or
 * an everyday word such as 光伏) into its search box and clicks the tree node whose title holds
 * `option` (e.g. '3.2.2 太阳能利用设施建设和运营'); checks that it was taken.
 */
export async function chooseTreeOption(page: Page, testId: string, search: string, option: string) {
  for (let attempt = 0; attempt < 4 && !(await selectText(page, testId)).includes(option); attempt++) {
    if (!(await openDropdown(page).count())) await page.getByTestId(testId).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(search);
    await openDropdown(page).locator('.ant-select-tree-title').filter({ hasText: option }).first().click({ timeout: 3000 }).catch(() => undefined);
    await page.waitForTimeout(200);
  }
  expect(await selectText(page, testId)).toContain(option);
  await page.keyboard.press('Escape');
}
