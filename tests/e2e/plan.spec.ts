import type { Page } from 'playwright-core';
import type { IndicatorView } from '@zj/shared';
import { uniq } from '../support/library-factories';
import { greenEnterprise } from '../support/matchmaking-factories';
import { createPeriod, unitOrgId, unitUser } from '../support/plan-factories';
import { TEST_ADMIN, TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/** Waits until an element's data-status is `status`. */
async function statusIs(page: Page, testId: string, status: string) {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).waitFor();
}

describeBrowser('plan: a cooperating unit reports, the lead consolidates, the bureau accepts, the dashboard shows it', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('moves task (十二) to 已完成 on the dashboard', async () => {
    // Task 12 (红树林保护修复信贷支持): 人民银行 and 金融监管分局 lead; 自然资源局 cooperates.
    const bureau = await h.app.admin();
    const period = await createPeriod(h.app, bureau, new Date(Date.now() + 10 * 24 * 3600_000));
    const resources = await unitUser(h.app, 'natural-resources');
    const pbc = await unitUser(h.app, 'pbc-zhanjiang');
    const resourcesId = await unitOrgId(h.app, 'natural-resources');
    const pbcId = await unitOrgId(h.app, 'pbc-zhanjiang');

    // 1. The cooperating unit reports to the lead.
    const coop = await h.newPage();
    await loginThroughUi(coop, resources.user.email, TEST_PASSWORD);
    await coop.goto(`/plan/reports?period=${period.id}`);
    await coop.getByTestId('plan-open-report-12').click();
    await coop.getByTestId('report-item-0-status-ON_TRACK').click();
    await coop.getByTestId('report-item-0-narrative').fill('已提供雷州、廉江红树林修复项目清单8个及用海审批进度');
    await coop.getByTestId('report-item-0-share').fill('60');
    await coop.getByTestId('report-submit').click();
    // the confirmation says who will be told
    await coop.getByRole('dialog').getByText('牵头单位将收到待审核通知', { exact: false }).waitFor();
    await coop.getByTestId('report-submit-confirm').click();
    await statusIs(coop, 'report-status', 'SUBMITTED');
    await statusIs(coop, 'plan-my-task-12-status', 'SUBMITTED');
    await coop.context().close();

    // 2. The lead sees it, takes it into its own report and submits (consolidating it).
    const lead = await h.newPage();
    await loginThroughUi(lead, pbc.user.email, TEST_PASSWORD);
    await lead.goto(`/plan/reports?period=${period.id}`);
    await lead.getByTestId('plan-open-report-12').click();
    await statusIs(lead, `contribution-status-${resourcesId}`, 'SUBMITTED');
    await lead.getByTestId('report-use-contributions').click();
    await expect(lead.getByTestId('report-item-0-narrative').inputValue()).resolves.toContain('已提供雷州、廉江红树林修复项目清单8个');
    await lead.getByTestId('report-item-0-status-DONE').click();
    await lead.getByTestId('report-item-0-share').fill('100');
    await lead.getByTestId('report-submit').click();
    await lead.getByTestId('report-submit-confirm').click();
    await statusIs(lead, 'report-status', 'SUBMITTED');
    await statusIs(lead, `contribution-status-${resourcesId}`, 'CONSOLIDATED');
    await lead.context().close();

    // 3. The bureau accepts the lead's report.
    const b = await h.newPage();
    await loginThroughUi(b, TEST_ADMIN.email, TEST_ADMIN.password);
    await b.goto(`/plan/review?period=${period.id}`);
    await b.getByTestId(`review-open-12-${pbcId}`).click();
    await b.getByTestId('review-accept').click();
    await statusIs(b, 'review-report-status', 'ACCEPTED');
    await statusIs(b, `review-status-12-${pbcId}`, 'ACCEPTED');

    // 4. The dashboard of the 2023 work list shows the task's new status (other tests may add later years' lists).
    await b.goto('/plan?year=2023');
    await statusIs(b, 'plan-task-12', 'DONE');
    await expect(b.getByTestId('plan-task-12').innerText()).resolves.toContain('已完成');
    await b.context().close();
  });
});

describeBrowser('plan: the regulator drills from a figure to the rows behind it', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('opens the listed projects behind the library figure, their count equal to the figure', async () => {
    const projectName = `湛江红树林修复示范项目${uniq()}`;
    const g = await greenEnterprise(h.app, { project: { name: projectName } });
    const regulator = await unitUser(h.app, 'nfra-zhanjiang');
    const indicators = (await h.app.http.get('/api/v1/plan/indicators').set(regulator.auth)).body as IndicatorView[];
    const library = indicators.find((i) => i.computation === 'LIBRARY_PROJECTS')!;
    expect(g.projectId).toBeTruthy();

    const page = await h.newPage();
    await loginThroughUi(page, regulator.user.email, TEST_PASSWORD);
    await page.goto('/plan');
    await page.getByRole('button', { name: `查看明细：${library.name}` }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: `${library.name}：明细` });
    await drawer.getByRole('row').filter({ hasText: projectName }).waitFor();
    const figure = await page.getByTestId(`indicator-${library.code}-value`).innerText();
    // The drawer shows the figure of the card, and the rows' count equals it.
    await expect(drawer.getByTestId('indicator-rows-value').innerText()).resolves.toContain(figure.replace(/[^\d,.]/g, ''));
    await expect(drawer.getByTestId('indicator-rows-total').innerText()).resolves.toBe(await drawer.getByTestId('indicator-rows-value').innerText());
    await page.context().close();
  });
});
