import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Role } from '@zj/shared';
import type { Locator, Page } from 'playwright-core';
import { uniq } from '../support/library-factories';
import { TEST_ADMIN, TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, chooseTreeOption, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

const WEB_SRC = join(__dirname, '../../apps/web/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));
}

// The web has no unit-test runner (its package is an ES module Jest does not load here): the
// mapping itself is covered by the browser scenarios below.
describe('form rules of the web', () => {
  it('never says "请填写…" for a filled but invalid value: a required rule has its own message, apart from pattern, length or range rules', () => {
    // One antd rule `{ required: true, pattern, message: '请填写金额' }` answers its one message for
    // an empty field and for "12.345" alike.
    const combined = sources(WEB_SRC).flatMap((file) =>
      // (regular-expression quantifiers such as {1,12} are taken out first: they are not object braces)
      [...readFileSync(file, 'utf8').replace(/\{\d+(,\d*)?\}/g, '').matchAll(/\{[^{}]*\}/g)]
        .map((m) => m[0])
        .filter((rule) => /\brequired:\s*(?!false)/.test(rule) && /\b(pattern|min|max|len|type|validator)\s*:/.test(rule) && /\bmessage\s*:/.test(rule))
        .map((rule) => `${relative(WEB_SRC, file)}: ${rule}`),
    );
    expect(combined).toEqual([]);
  });
});

/** The antd form item around a control, and the errors it shows. */
const itemOf = (control: Locator) => control.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-form-item ")][1]');
const errorsOf = (control: Locator) => itemOf(control).locator('.ant-form-item-explain-error');

async function gone(l: Locator) {
  await l.waitFor({ state: 'detached' });
}

describeBrowser('form errors: the server’s messages under their fields, gone once the field changes', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('an indicator target the API refuses: the message under that target’s value, never the path; typing clears it', async () => {
    const page: Page = await h.newPage();
    await loginThroughUi(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByTestId('nav-plan-tasks').click();
    await page.getByTestId('plan-tasks-task-5').click();
    await page.locator('[data-testid="task-detail"][data-task-number="5"]').waitFor();
    await page.getByTestId('indicator-create').click();
    const stamp = uniq().toLowerCase().replace(/[^a-z0-9]/g, '');
    await page.getByTestId('indicator-code').fill(`e2e-form-errors-${stamp}`);
    await page.getByTestId('indicator-name').fill(`表单错误位置（浏览器测试${stamp}）`);
    const value = page.getByTestId('indicator-target-0-value');
    await value.fill('40');
    const deadline = page.locator('input[data-testid="indicator-target-0-deadline"], [data-testid="indicator-target-0-deadline"] input');
    await deadline.click();
    await deadline.fill('2030-12-31');
    await deadline.press('Enter');

    // The form checks a target's value as the API does; a value the API refuses anyway (a rule only
    // the server knows) is made here by changing the value in flight: the API answers with its own
    // message for `targets[0].value`.
    await page.route('**/api/v1/plan/indicators', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.targets[0].value = '1e5';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByTestId('indicator-save').click();
    const under = errorsOf(value);
    await under.getByText('目标值应在-999999999999.99至999999999999.99之间，最多2位小数').waitFor();
    expect(await page.getByTestId('indicator-form').innerText()).not.toMatch(/targets|\[0\]/);
    expect(await page.getByTestId('indicator-form-error').count()).toBe(0);

    // Changing the value takes the server's message away.
    await page.unroute('**/api/v1/plan/indicators');
    await value.fill('41');
    await gone(under.getByText('目标值应在'));
    await page.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('a product category the catalogue does not have: the message under the categories tree with its position; choosing again clears it', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const page = await h.newPage();
    await loginThroughUi(page, bank.user.email, TEST_PASSWORD);
    await page.getByTestId('nav-my-products').click();
    await page.getByTestId('product-create').click();
    await page.getByTestId('product-name-input').fill(`表单错误测试贷${uniq()}`);
    await page.getByTestId('product-description-input').fill('浏览器测试：分类代码有误时的提示位置');
    await page.getByTestId('product-rate-min').fill('3.10');
    await chooseTreeOption(page, 'product-categories', '4.3', '4.3 生态修复');
    // The tree offers only the catalogue's categories; a code the API refuses anyway (the catalogue
    // may change under an open form) is made here by changing the request in flight.
    await page.route('**/api/v1/products', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.categoryRules = [...body.categoryRules, { version: 'GIC-2019', prefix: '9.9.9' }];
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByTestId('product-save').click();

    const categories = page.getByTestId('product-categories');
    const under = errorsOf(categories);
    await under.getByText('分类标准 GIC-2019 中没有类别 9.9.9（第2项）').waitFor();
    expect(await page.locator('.ant-modal').innerText()).not.toContain('categoryRules');
    // The field has no rules of its own: before, its server message stayed after it was corrected.
    await page.unroute('**/api/v1/products');
    await chooseTreeOption(page, 'product-categories', '5.2.2', '5.2.2 港口、码头岸电设施及机场廊桥供电设施建设');
    await gone(under.getByText('9.9.9'));
    await page.getByTestId('product-save').click();
    await page.getByTestId('my-products').getByText('表单错误测试贷').waitFor();
  });
});
