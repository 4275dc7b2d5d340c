import { Role } from '@zj/shared';
import type { Page } from 'playwright-core';
import { matchmakingEvent, readEvent } from '../support/event-factories';
import { countyUser, departmentUser, submittedProject, uniq } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { TEST_ADMIN, TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/** antd puts a space between the two characters of a two-character button (返 回). */
const BACK = /^返\s?回$/;
const CLAIM = /^认\s?领$/;

/** The success message antd shows at the top of the page. */
const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text, { exact: false }).waitFor();

/**
 * Issue 15: every consequential action asks first, saying what will happen and who will be told;
 * going back changes nothing; once confirmed, the message says what happened and what comes next,
 * and the page shows the resulting state.
 */
describeBrowser('confirmations before consequential actions', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  const caseState = async (id: string, s: { auth: Record<string, string> }) => (await h.app.http.get(`/api/v1/cases/${id}`).set(s.auth)).body.state as string;

  it('a bank claims a need and accepts an application; going back from either dialog changes nothing', async () => {
    const g = await greenEnterprise(h.app);
    const bank = await h.app.userWithRole(Role.BANK);
    const product = await publishedProduct(h.app, bank);
    const claimable = await openNeed(h.app, g, { amount: '600.00' });
    const appliedNeed = await openNeed(h.app, g, { amount: '700.00' });
    const applied = (await h.app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: appliedNeed.id, productId: product.id }).expect(201)).body;

    const bp = await h.newPage();
    await loginThroughUi(bp, bank.user.email, TEST_PASSWORD);

    // 认领 on the workbench: the dialog says what claiming does and who is told; 返回 claims nothing.
    await bp.goto(`/bank-workbench?productId=${product.id}`);
    const admin = await h.app.admin();
    const enterpriseName = (await h.app.http.get(`/api/v1/organizations/${g.enterprise.organizationId}`).set(admin.auth)).body.name as string;
    const row = bp.getByTestId('workbench-list').locator('.ant-list-item', { hasText: enterpriseName }).filter({ hasText: '600万元' });
    await row.getByRole('button', { name: CLAIM }).click();
    const claimDialog = bp.getByRole('dialog');
    expect(await claimDialog.getByTestId('claim-consequence').innerText()).toContain('将收到通知');
    await claimDialog.getByRole('button', { name: BACK }).click();
    await claimDialog.waitFor({ state: 'detached' });
    const cases = async () => (await h.app.http.get('/api/v1/cases').query({ pageSize: 100 }).set(bank.auth)).body.items as { needId: string; id: string }[];
    expect((await cases()).map((c) => c.needId)).not.toContain(claimable.id);

    await row.getByRole('button', { name: CLAIM }).click();
    await bp.getByLabel('给企业的附言（选填）').fill('客户经理将于近日电话联系');
    await bp.getByRole('button', { name: '确认认领' }).click();
    await toast(bp, '已认领，请在');
    await bp.getByTestId('case-state').getByText('已受理').waitFor();
    expect((await cases()).map((c) => c.needId)).toContain(claimable.id);

    // 受理 an application: the button names the act, the dialog the consequence and the state it leads to.
    await bp.goto(`/cases/${applied.id}`);
    await bp.getByTestId('case-state').getByText('待受理').waitFor();
    await bp.getByTestId('transition-ACCEPTED').getByText(/受\s?理/).waitFor();
    await bp.getByTestId('transition-ACCEPTED').click();
    const acceptDialog = bp.getByRole('dialog', { name: '受理？' });
    expect(await acceptDialog.getByTestId('transition-consequence').innerText()).toContain('企业将收到受理通知');
    await acceptDialog.getByText('办理后状态').waitFor();
    await acceptDialog.getByRole('button', { name: BACK }).click();
    await acceptDialog.waitFor({ state: 'detached' });
    expect(await caseState(applied.id, bank)).toBe('PENDING');
    expect(await bp.getByTestId('case-state').innerText()).toBe('待受理');

    await bp.getByTestId('transition-ACCEPTED').click();
    await bp.getByRole('dialog', { name: '受理？' }).getByRole('button', { name: '确认受理' }).click();
    await toast(bp, '已受理，请在');
    await bp.getByTestId('case-state').getByText('已受理').waitFor();
    expect(await caseState(applied.id, bank)).toBe('ACCEPTED');
    // the contact is now revealed, and 受理 is no longer offered
    await bp.getByTestId('case-contact').getByText('13800138000', { exact: false }).waitFor();
    expect(await bp.getByTestId('transition-ACCEPTED').count()).toBe(0);
    await bp.context().close();
  });

  it('an enterprise withdraws its application only after confirming', async () => {
    const g = await greenEnterprise(h.app);
    const bank = await h.app.userWithRole(Role.BANK);
    const product = await publishedProduct(h.app, bank);
    const need = await openNeed(h.app, g, { amount: '500.00' });
    const applied = (await h.app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id }).expect(201)).body;

    const ep = await h.newPage();
    await loginThroughUi(ep, g.enterprise.user.email, TEST_PASSWORD);
    await ep.goto(`/cases/${applied.id}`);
    await ep.getByRole('button', { name: '撤回申请' }).click();
    const dialog = ep.getByRole('dialog', { name: '撤回申请？' });
    expect(await dialog.getByTestId('transition-consequence').innerText()).toContain('将收到撤回通知');
    await dialog.getByRole('button', { name: BACK }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await caseState(applied.id, g.enterprise)).toBe('PENDING');

    await ep.getByRole('button', { name: '撤回申请' }).click();
    await ep.getByLabel('附言（选填）').fill('已获得其他融资，不再需要');
    await ep.getByRole('dialog', { name: '撤回申请？' }).getByRole('button', { name: '确认撤回申请' }).click();
    await toast(ep, '已撤回申请，金融机构已收到通知');
    await ep.getByTestId('case-state').getByText('企业已撤回').waitFor();
    expect(await caseState(applied.id, g.enterprise)).toBe('WITHDRAWN');
    await ep.context().close();
  });

  it('the county passes an enterprise’s project on and the department lists it, each after a confirmation', async () => {
    const ent = await h.app.userWithRole(Role.ENTERPRISE, { divisionCode: '440811' });
    const county = await countyUser(h.app, '440811');
    const transport = await departmentUser(h.app, 'transport');
    const p = await submittedProject(h.app, ent, { name: `麻章公交场站光伏车棚${uniq()}`, divisionCode: '440811' });
    const read = async () => (await h.app.http.get(`/api/v1/projects/${p.id}`).set(ent.auth)).body as { status: string; reviewStage: string | null };

    // The county's review: one decision form; the dialog names the department that will be told.
    const cp = await h.newPage();
    await loginThroughUi(cp, county.user.email, TEST_PASSWORD);
    await cp.goto(`/projects/${p.id}`);
    await cp.getByTestId('review-panel').waitFor();
    await cp.getByLabel('审核意见（选填）').fill('已核实备案文件');
    await cp.getByRole('button', { name: '提交审核决定' }).click();
    const passDialog = cp.getByRole('dialog', { name: /^初审通过，报送/ });
    expect(await passDialog.getByTestId('review-consequence').innerText()).toContain('将收到待审核通知');
    await passDialog.getByRole('button', { name: BACK }).click();
    await passDialog.waitFor({ state: 'detached' });
    expect(await read()).toMatchObject({ status: 'SUBMITTED', reviewStage: 'COUNTY' });

    await cp.getByRole('button', { name: '提交审核决定' }).click();
    await cp.getByRole('button', { name: '确认报送' }).click();
    await toast(cp, '初审通过，项目已报送市交通运输局审核');
    await cp.getByTestId('project-status').getByText('行业主管部门审核', { exact: false }).waitFor();
    expect(await read()).toMatchObject({ status: 'SUBMITTED', reviewStage: 'DEPARTMENT' });
    await cp.context().close();

    // The department lists it (入库).
    const dp = await h.newPage();
    await loginThroughUi(dp, transport.user.email, TEST_PASSWORD);
    await dp.goto(`/projects/${p.id}`);
    await dp.getByRole('button', { name: '提交审核决定' }).click();
    const listDialog = dp.getByRole('dialog', { name: '审核通过，列入绿色项目库？' });
    expect(await listDialog.getByTestId('review-consequence').innerText()).toContain('将收到入库通知');
    await listDialog.getByRole('button', { name: BACK }).click();
    await listDialog.waitFor({ state: 'detached' });
    expect((await read()).status).toBe('SUBMITTED');

    await dp.getByRole('button', { name: '提交审核决定' }).click();
    await dp.getByRole('button', { name: '确认入库' }).click();
    await toast(dp, '已审核通过，项目已列入绿色项目库');
    await dp.getByTestId('project-status').getByText('已入库').waitFor();
    expect((await read()).status).toBe('LISTED');
    await dp.context().close();
  });

  it('the bureau cancels an event only with a reason, after a confirmation', async () => {
    const admin = await h.app.admin();
    const event = await matchmakingEvent(h.app, admin, { title: `湛江绿色金融银企对接会（取消测试${uniq()}）` });
    const up = await h.newPage();
    await loginThroughUi(up, TEST_ADMIN.email, TEST_ADMIN.password);
    await up.goto(`/events/${event.id}`);
    await up.getByTestId('event-status').getByText('报名中').waitFor();

    await up.getByRole('button', { name: '取消活动' }).click();
    const dialog = up.getByRole('dialog', { name: '取消活动？' });
    await dialog.getByTestId('event-step-body').getByText('取消后不能恢复', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: BACK }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await readEvent(h.app, admin, event.id)).status).toBe('PUBLISHED');

    // Without a reason it is refused under the field; with one, the event is cancelled.
    await up.getByRole('button', { name: '取消活动' }).click();
    await dialog.getByTestId('event-step-confirm').click();
    await dialog.getByText('请填写取消原因').waitFor();
    expect((await readEvent(h.app, admin, event.id)).status).toBe('PUBLISHED');
    await dialog.getByLabel('取消原因（必填，不超过500字）').fill('受台风影响，活动延期另行通知');
    await dialog.getByTestId('event-step-confirm').click();
    await toast(up, '活动已取消');
    await up.getByTestId('event-status').getByText('已取消').waitFor();
    await up.getByTestId('event-cancelled-banner').getByText('受台风影响，活动延期另行通知', { exact: false }).waitFor();
    const after = await readEvent(h.app, admin, event.id);
    expect(after).toMatchObject({ status: 'CANCELLED', statusNote: '受台风影响，活动延期另行通知' });
    await up.context().close();
  });
});
