import type { Page } from 'playwright-core';
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
