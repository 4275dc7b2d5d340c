import { Role } from '@zj/shared';
import type { Locator, Page } from 'playwright-core';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/**
 * Quality of the web app (issue 15): a form refused for empty fields says so under the fields and
 * throws nothing (no page error, no unhandled promise rejection); fields state their limits before
 * submit; on a phone-sized screen the everyday pages of enterprises and banks fit the width.
 */
describeBrowser('web quality: forms, limits, phone-sized screens', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  /**
   * A page that records what went wrong in it: uncaught errors, and unhandled promise rejections
   * (reported by a listener put in before the app's own scripts, on every load).
   */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await h.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.exposeFunction('__zjUnhandledRejection', (text: string) => problems.push(`unhandled rejection: ${text}`));
    // (a script's text: the tests are type-checked without the DOM's types)
    await page.addInitScript({
      content: `window.addEventListener('unhandledrejection', (e) => {
        const r = e.reason;
        window.__zjUnhandledRejection(r && r.errorFields ? 'validation failed: ' + JSON.stringify(r.errorFields) : String(r && r.message ? r.message : r));
      });`,
    });
    return { page, problems };
  }

  const okButton = (dialog: Locator, name: RegExp = /^确\s*定$/) => dialog.getByRole('button', { name });

  it('empty forms, as an enterprise, a bank and the bureau: the messages under the fields, no page error, no unhandled rejection', async () => {
    // Enterprise: a financing need (a dialog) and a project (a page form).
    const enterprise = await h.app.userWithRole(Role.ENTERPRISE);
    const e = await watchedPage();
    await loginThroughUi(e.page, enterprise.user.email, TEST_PASSWORD);
    // The listener hears a rejection nobody handles.
    await e.page.evaluate('void Promise.reject(new Error("probe")); 0');
    for (let i = 0; i < 30 && !e.problems.includes('unhandled rejection: probe'); i++) await e.page.waitForTimeout(100);
    expect(e.problems).toContain('unhandled rejection: probe');
    e.problems.length = 0;
    await e.page.goto('/financing-needs');
    await e.page.getByRole('button', { name: '登记企业整体融资需求' }).click();
    const need = e.page.getByRole('dialog', { name: '登记融资需求' });
    await okButton(need).click();
    await need.getByText('请填写融资金额（万元）').waitFor();
    await need.getByText('请填写资金用途').waitFor();
    await need.getByText('请填写期限（月）').waitFor();
    // Clicked again, still refused quietly.
    await okButton(need).click();
    // The limits are stated before submit: the units beside the numbers, the counter of the text.
    const purpose = need.getByLabel('资金用途');
    await purpose.fill('建设屋顶光伏');
    await need.getByText('6 / 500').waitFor();
    expect(await need.locator('.ant-input-number-suffix').allInnerTexts()).toEqual(expect.arrayContaining(['万元', '个月', '%']));
    await need.getByRole('button', { name: /^取\s*消$/ }).click();

    await e.page.goto('/projects/new');
    await e.page.getByRole('button', { name: /^保\s*存$/ }).click();
    await e.page.getByText('请填写项目名称').waitFor();
    await e.page.getByText('请填写总投资（万元）').waitFor();
    await e.page.getByLabel('项目名称').fill('湛江港岸电改造');
    await e.page.getByText('7 / 200').waitFor();

    // Bank: a product (a dialog) and the monthly loan report (a page form).
    const bank = await h.app.userWithRole(Role.BANK);
    const b = await watchedPage();
    await loginThroughUi(b.page, bank.user.email, TEST_PASSWORD);
    await b.page.goto('/my-products');
    await b.page.getByRole('button', { name: '新建产品' }).click();
    const product = b.page.getByRole('dialog', { name: '新建产品' });
    await okButton(product).click();
    await product.getByText('发布前须填写产品介绍').waitFor();
    await product.getByRole('button', { name: /^取\s*消$/ }).click();
    await b.page.goto('/bank-reports');
    await b.page.getByRole('button', { name: /^报\s*送$/ }).click();
    await b.page.getByText('请填写月末绿色贷款余额').waitFor();
    await b.page.getByText('请填写月末各项贷款余额').waitFor();

    // Bureau: an event, an organisation and a user (dialogs).
    const bureau = await h.app.userWithRole(Role.BUREAU, { organizationId: (await h.app.admin()).organizationId });
    const u = await watchedPage();
    await loginThroughUi(u.page, bureau.user.email, TEST_PASSWORD);
    for (const [path, open, title, ok, messages] of [
      ['/events', '新建活动', '新建活动', /^保存为草稿$/, ['请选择开始时间', '请填写地点']],
      ['/organizations', '新建机构', '新建机构', /^保\s*存$/, ['请输入机构名称']],
      ['/users', '新建用户', '新建用户', /^创\s*建$/, ['请输入姓名']],
    ] as const) {
      await u.page.goto(path);
      await u.page.getByRole('button', { name: open }).click();
      const dialog = u.page.getByRole('dialog', { name: title });
      await okButton(dialog, ok).click();
      for (const m of messages) await dialog.getByText(m, { exact: true }).first().waitFor();
      await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
    }

    // Rejections surface asynchronously: give them a moment before counting.
    await Promise.all([e.page, b.page, u.page].map((p) => p.waitForTimeout(500)));
    expect([...e.problems, ...b.problems, ...u.problems]).toEqual([]);
    await Promise.all([e.page, b.page, u.page].map((p) => p.context().close()));
  });

  /** Nothing is loading any more (spinners and skeletons gone). */
  async function settled(page: Page) {
    await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
  }

  /** The page fits the screen's width: nothing to scroll sideways. */
  async function fitsWidth(page: Page) {
    const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })');
    const path = new URL(page.url()).pathname;
    expect({ path, widerBy: Math.max(0, scrollWidth - innerWidth) }).toEqual({ path, widerBy: 0 });
  }

  /** Shown and wholly on the screen (not cut off at its right edge). */
  async function onScreen(l: Locator) {
    await l.waitFor();
    const box = await l.boundingBox();
    const width = l.page().viewportSize()!.width;
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  }

  /** Each everyday page at 375 px: it fits, its heading and its main actions are on the screen; the menu opens as a drawer. */
  async function everydayPagesFit(page: Page, checks: Record<string, (p: Page) => Locator[]>) {
    await page.setViewportSize({ width: 375, height: 740 });
    for (const [path, actions] of Object.entries(checks)) {
      await page.goto(path);
      await page.getByRole('heading', { level: 4 }).first().waitFor();
      await onScreen(page.getByRole('button', { name: '打开菜单' }));
      for (const a of actions(page)) await onScreen(a);
      // Tables and lists have loaded (their rows are what could be too wide).
      await settled(page);
      await fitsWidth(page);
    }
    // The menu: a drawer over the page, and choosing an entry closes it.
    await page.getByRole('button', { name: '打开菜单' }).click();
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('link', { name: '消息中心' }).click();
    await page.waitForURL('**/notifications');
    await menu.waitFor({ state: 'hidden' });
    await fitsWidth(page);
  }

  it('at 375 px, as an enterprise and as a bank: home, financing needs, cases and messages fit the screen, with their main actions on it', async () => {
    const g = await greenEnterprise(h.app);
    const need = await openNeed(h.app, g);
    const bank = await h.app.userWithRole(Role.BANK);
    const product = await publishedProduct(h.app, bank, { categoryRules: [{ version: 'GIC-2019', prefix: '5.2' }] });
    const applied = await h.app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id, comment: '希望尽快对接' });
    expect(applied.status).toBe(201);

    const e = await watchedPage();
    await loginThroughUi(e.page, g.enterprise.user.email, TEST_PASSWORD);
    await everydayPagesFit(e.page, {
      '/': () => [],
      '/financing-needs': (p) => [p.getByRole('button', { name: '登记企业整体融资需求' }), p.getByRole('button', { name: /查\s*询/ })],
      '/cases': (p) => [p.getByRole('link', { name: applied.body.enterpriseName })],
      '/notifications': (p) => [p.getByRole('button', { name: '全部标为已读' }), p.getByRole('tab', { name: '通知设置' })],
    });

    const b = await watchedPage();
    await loginThroughUi(b.page, bank.user.email, TEST_PASSWORD);
    await everydayPagesFit(b.page, {
      '/': () => [],
      '/financing-needs': (p) => [p.getByRole('button', { name: /查\s*询/ })],
      '/cases': (p) => [p.getByRole('link', { name: applied.body.enterpriseName })],
      '/notifications': (p) => [p.getByRole('button', { name: '全部标为已读' })],
    });

    // The same pages at 1280 px: the side menu is back, nothing cut off.
    await b.page.setViewportSize({ width: 1280, height: 800 });
    for (const path of ['/', '/financing-needs', '/cases', '/notifications']) {
      await b.page.goto(path);
      await b.page.getByRole('navigation', { name: '主菜单' }).waitFor();
      await settled(b.page);
      await fitsWidth(b.page);
    }
    expect([...e.problems, ...b.problems]).toEqual([]);
    await Promise.all([e.page.context().close(), b.page.context().close()]);
  });
});
