import { Role } from '@zj/shared';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { creditCodeFactory } from '../support/factories';
import { departmentUser, importFile, uniq } from '../support/library-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

describeBrowser('green library: county import with a bad row, department review, enterprise sees the outcome', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  async function openProject(page: Page, name: string) {
    await page.getByRole('link', { name }).click();
    await page.getByTestId('page-title').getByText(name).waitFor();
  }

  it('imports, reviews and shows both outcomes', async () => {
    const county = await h.app.userWithRole(Role.COUNTY, { divisionCode: '440811' });
    const transport = await departmentUser(h.app, 'transport');
    const code = creditCodeFactory('440811');
    const listedName = `麻章港区岸电工程${uniq()}`;
    const returnedName = `麻章公交充电站${uniq()}`;
    const enterprise = { creditCode: code, name: `湛江浏览器测试交通有限公司${uniq()}`, division: '麻章区', size: '中型', registeredCapital: '5000', contactName: '周经理', contactPhone: '0759-7654321' };
    const project = (name: string, totalInvestment: string, categories = '5.2.2') => ({ creditCode: code, name, categories, stage: '在建', totalInvestment, location: '麻章区', description: '绿色交通设施' });
    const dir = mkdtempSync(path.join(tmpdir(), 'zj-lib-e2e-'));
    const badFile = path.join(dir, '麻章区项目汇总.xlsx');
    const goodFile = path.join(dir, '麻章区项目汇总-已修改.xlsx');
    writeFileSync(badFile, await importFile({ enterprises: [enterprise], projects: [project(listedName, '4500'), project(returnedName, '-1200', '5.2.5')] }));
    writeFileSync(goodFile, await importFile({ enterprises: [enterprise], projects: [project(listedName, '4500'), project(returnedName, '1200', '5.2.5')] }));

    // 1. The county imports a file with one bad row, sees the error, fixes it and imports.
    const cp = await h.newPage();
    await loginThroughUi(cp, county.user.email, TEST_PASSWORD);
    await cp.getByTestId('nav-library-import').click();
    await cp.locator('input[type=file]').setInputFiles(badFile);
    await cp.getByTestId('import-validate').click();
    const errorRow = cp.getByTestId('import-error-row');
    await errorRow.first().waitFor();
    expect(await errorRow.count()).toBe(1);
    const text = await errorRow.first().innerText();
    expect(text).toContain('项目');
    expect(text).toContain('总投资（万元）');
    expect(text).toContain('不能为负数');
    await cp.getByTestId('import-valid-only').waitFor();

    await cp.locator('input[type=file]').setInputFiles(goodFile);
    await cp.getByTestId('import-validate').click();
    await cp.getByTestId('import-confirm').click();
    await cp.getByTestId('import-result').waitFor();
    expect(await cp.getByTestId('import-result').innerText()).toContain('项目：新增 2');
    // the county's first review: pass both on to the department
    await cp.getByTestId('import-pass-all').click();
    await cp.getByText('已报送 2 个项目').waitFor();
    await cp.context().close();

    // 2. The department lists one project and returns the other.
    const dp = await h.newPage();
    await loginThroughUi(dp, transport.user.email, TEST_PASSWORD);
    await dp.getByTestId('nav-project-review').click();
    await dp.getByTestId('review-queue').getByText(listedName).waitFor();
    await openProject(dp, listedName);
    // one decision form: the decision (通过 is chosen first) and the opinion, then a confirmation
    await dp.getByLabel('通过，列入绿色项目库').check();
    await dp.getByLabel('审核意见（选填）').fill('材料齐全，同意入库');
    await dp.getByRole('button', { name: '提交审核决定' }).click();
    const listDialog = dp.getByRole('dialog', { name: '审核通过，列入绿色项目库？' });
    await listDialog.getByText('将收到入库通知', { exact: false }).waitFor();
    await listDialog.getByRole('button', { name: '确认入库' }).click();
    await dp.getByText('已审核通过，项目已列入绿色项目库', { exact: false }).waitFor();
    await dp.getByTestId('project-status').getByText('已入库').waitFor();
    // the timeline names each step by what happened: the county passed it on, the department listed it
    const timeline = dp.getByTestId('project-timeline');
    await timeline.getByText('审核通过，列入绿色项目库').waitFor();
    await timeline.getByText('县区初审通过，报送行业主管部门').waitFor();
    expect(await timeline.innerText()).not.toContain('→');

    await dp.getByTestId('nav-project-review').click();
    await openProject(dp, returnedName);
    await dp.getByLabel('退回修改').check();
    await dp.getByLabel('退回理由（每行一条）').fill('请补充充电桩采购合同及可研报告');
    await dp.getByRole('button', { name: '提交审核决定' }).click();
    await dp.getByRole('dialog', { name: '退回修改？' }).getByRole('button', { name: '确认退回' }).click();
    await dp.getByTestId('project-status').getByText('已退回').waitFor();
    await dp.context().close();

    // 3. The enterprise sees both outcomes, and the return reasons.
    const [{ id: orgId }] = await h.app.dataSource.query('SELECT id FROM organizations WHERE credit_code = $1', [code]);
    const ent = await h.app.userWithRole(Role.ENTERPRISE, { organizationId: orgId });
    const ep = await h.newPage();
    await loginThroughUi(ep, ent.user.email, TEST_PASSWORD);
    await ep.getByTestId('nav-projects').click();
    const table = ep.getByTestId('project-table');
    await table.getByText(listedName).waitFor();
    const rowOf = (name: string) => table.locator('tr', { hasText: name });
    expect(await rowOf(listedName).getByTestId('project-status').innerText()).toBe('已入库');
    expect(await rowOf(returnedName).getByTestId('project-status').innerText()).toBe('已退回');
    await openProject(ep, returnedName);
    expect(await ep.getByTestId('return-reasons').innerText()).toContain('请补充充电桩采购合同及可研报告');
    await ep.getByTestId('project-submit').waitFor();
    await ep.context().close();
  }, 180_000);
});
