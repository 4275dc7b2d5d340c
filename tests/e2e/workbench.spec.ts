import { Role } from '@zj/shared';
import type { Page } from 'playwright-core';
import { createProject, submittedProject } from '../support/library-factories';
import { matchmakingEvent } from '../support/event-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { bankUser } from '../support/plan-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/** A RegExp matching `text` literally. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The home page (工作台) as each role's work queue (issue 15): the item appears when the work arrives, leads to where it is done, and is gone once done. */
describeBrowser('workbench: the home page tells each role what to do next', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  /** The home page, its queue loaded. */
  async function home(page: Page) {
    await page.goto('/');
    await page.getByTestId('home').waitFor();
    await page.locator('[data-testid^="home-section-"], [data-testid="home-empty"]').first().waitFor();
  }

  it('bank: a need to answer, with its working days left, leads to the case; accepted, it is gone (also at 375 px)', async () => {
    const bank = await bankUser(h.app);
    const g = await greenEnterprise(h.app);
    const product = await publishedProduct(h.app, bank);
    const need = await openNeed(h.app, g, { amount: '600.00' });
    const applied = await h.app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
    expect(applied.status).toBe(201);
    const caseId = applied.body.id as string;
    const enterpriseName = applied.body.enterpriseName as string;

    const page = await h.newPage();
    await loginThroughUi(page, bank.user.email, TEST_PASSWORD);
    await home(page);
    const link = page.getByRole('link', { name: literally(`答复融资需求：${enterpriseName}`) });
    await link.waitFor();
    expect(await link.innerText()).toMatch(/剩 [1-3] 个工作日/);
    expect(await page.getByTestId('home-summary').innerText()).toMatch(/您有 \d+ 项待办/);

    // At a phone's width the queue wraps: nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 812 });
    await home(page);
    await link.waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1366, height: 860 });

    await link.click();
    await page.waitForURL(`**/cases/${caseId}`);
    await page.getByTestId('case-state').getByText('待受理').waitFor();
    await page.getByTestId('transition-ACCEPTED').click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/cases/${caseId}/transitions`)),
      page.getByTestId('transition-confirm').click(),
    ]);
    expect(res.status()).toBe(200);

    await home(page);
    // The answer is done; first contact is what waits now.
    await page.getByRole('link', { name: literally(`首次联系企业：${enterpriseName}`) }).waitFor();
    expect(await page.getByRole('link', { name: literally(`答复融资需求：${enterpriseName}`) }).count()).toBe(0);
    await page.context().close();
  });

  it('enterprise: a returned project leads to the project; resubmitted, it is gone', async () => {
    const ent = await h.app.userWithRole(Role.ENTERPRISE, { divisionCode: '440811' });
    const p = await submittedProject(h.app, ent, { divisionCode: '440811' });
    const bureau = await h.app.admin();
    const returned = await h.app.http.post(`/api/v1/projects/${p.id}/review`).set(bureau.auth).send({ action: 'RETURN', version: p.version, reasons: [{ message: '请补充项目备案文件' }] });
    expect(returned.status).toBe(200);

    const page = await h.newPage();
    await loginThroughUi(page, ent.user.email, TEST_PASSWORD);
    await home(page);
    const link = page.getByRole('link', { name: literally(`修改退回的项目：${p.name}`) });
    await link.click();
    await page.waitForURL(`**/projects/${p.id}`);
    await page.getByText('请补充项目备案文件').first().waitFor();
    // Corrected and submitted again (as the project page's button does).
    const again = await h.app.http.post(`/api/v1/projects/${p.id}/submit`).set(ent.auth).send({ version: returned.body.version });
    expect(again.status).toBe(200);

    await home(page);
    await page.getByTestId('home-item-enterprise.grade').waitFor();
    expect(await page.getByRole('link', { name: literally(`修改退回的项目：${p.name}`) }).count()).toBe(0);
    await page.context().close();
  });

  it('county: a project waiting for its review leads to the project; passed on, it is gone', async () => {
    const county = await h.app.userWithRole(Role.COUNTY, { divisionCode: '440882' });
    const ent = await h.app.userWithRole(Role.ENTERPRISE, { divisionCode: '440882' });
    const created = await createProject(h.app, county, { enterpriseOrgId: ent.organizationId, divisionCode: '440882' });
    const submitted = await h.app.http.post(`/api/v1/projects/${created.id}/submit`).set(county.auth).send({});
    expect(submitted.status).toBe(200);

    const page = await h.newPage();
    await loginThroughUi(page, county.user.email, TEST_PASSWORD);
    await home(page);
    const link = page.getByRole('link', { name: literally(`受理并审核：${created.name}`) });
    expect(await link.innerText()).toMatch(/剩 \d 个工作日/);
    await link.click();
    await page.waitForURL(`**/projects/${created.id}`);
    await page.getByTestId('review-panel').waitFor();
    // The county's first review passes it on to the department (as the review panel does).
    const started = await h.app.http.post(`/api/v1/projects/${created.id}/review`).set(county.auth).send({ action: 'START_REVIEW', version: submitted.body.version });
    const passed = await h.app.http.post(`/api/v1/projects/${created.id}/review`).set(county.auth).send({ action: 'PASS', version: started.body.version });
    expect(passed.body.reviewStage).toBe('DEPARTMENT');

    await home(page);
    expect(await page.getByRole('link', { name: literally(created.name) }).count()).toBe(0);
    await page.getByTestId('home-empty').getByText('暂无待办').waitFor();
    await page.context().close();
  });

  it('bureau: the day’s figures, and an event coming up that leads to the event; cancelled, it is gone', async () => {
    const admin = await h.app.admin();
    const officer = await h.app.userWithRole(Role.BUREAU, { organizationId: admin.organizationId });
    const event = await matchmakingEvent(h.app, admin, { startsIn: 3 * 3600_000 });

    const page = await h.newPage();
    await loginThroughUi(page, officer.user.email, TEST_PASSWORD);
    await home(page);
    const today = page.getByTestId('home-section-today');
    for (const figure of ['今日新增融资需求', '今日受理、认领', '今日放款', '超时未办理', '洗绿预警']) await today.getByRole('link', { name: literally(figure) }).waitFor();
    const link = page.getByRole('link', { name: literally(`即将举行：${event.title}`) });
    await link.click();
    await page.waitForURL(`**/events/${event.id}`);
    await page.getByText(event.title).first().waitFor();
    const cancelled = await h.app.http.post(`/api/v1/events/${event.id}/status`).set(admin.auth).send({ version: event.version, status: 'CANCELLED', note: '场地调整' });
    expect(cancelled.status).toBe(201);

    await home(page);
    await page.getByTestId('home-section-today').waitFor();
    expect(await page.getByRole('link', { name: literally(event.title) }).count()).toBe(0);
    await page.context().close();
  });
});
