import { Role } from '@zj/shared';
import type { Page } from 'playwright-core';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { bankUser } from '../support/plan-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/** antd puts a space between the two characters of a two-character button (返 回). */
const BACK = /^返\s?回$/;

/** The success message antd shows at the top of the page. */
const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text, { exact: false }).waitFor();

/**
 * Issue 15: the workbench's grouped items lead to the list filtered as they say (the case list reads
 * its filters from the address), and a later tranche (追加放款) is recorded only after a confirmation.
 */
describeBrowser('case list filtered by address; later tranches confirmed', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  const step = async (s: { auth: Record<string, string> }, caseId: string, body: Record<string, unknown>) => {
    const res = await h.app.http.post(`/api/v1/cases/${caseId}/transitions`).set(s.auth).send(body);
    expect({ to: body.to, status: res.status }).toEqual({ to: body.to, status: 200 });
  };

  it('a bank’s “cases to move” item opens the case list with only the cases in that state, and the address keeps the filter', async () => {
    const bank = await bankUser(h.app);
    const g = await greenEnterprise(h.app);
    const product = await publishedProduct(h.app, bank);
    const apply = async (amount: string) => {
      const need = await openNeed(h.app, g, { amount });
      return (await h.app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id }).expect(201)).body.id as string;
    };
    const inContact = [await apply('310.00'), await apply('320.00')];
    await apply('330.00'); // stays 待受理
    for (const id of inContact) {
      await step(bank, id, { to: 'ACCEPTED' });
      await step(bank, id, { to: 'IN_CONTACT' });
    }

    const page = await h.newPage();
    await loginThroughUi(page, bank.user.email, TEST_PASSWORD);
    await page.goto('/');
    const item = page.getByTestId('home-item-bank.cases-to-move:IN_CONTACT');
    await item.getByTestId('home-item-count').getByText('2 项').waitFor();
    await item.click();
    await page.waitForURL(/\/cases\?state=IN_CONTACT$/);

    const rows = page.getByTestId('cases-table').locator('tbody tr.ant-table-row');
    await rows.filter({ hasText: '310万元' }).waitFor();
    await rows.filter({ hasText: '320万元' }).waitFor();
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('对接洽谈中');
    expect(await page.getByTestId('cases-table').innerText()).not.toContain('330万元');
    await page.getByTestId('cases-state').getByText('对接洽谈中').waitFor();

    // Reloading keeps the filter; clearing it shows every case again and leaves the address.
    await page.reload();
    await rows.filter({ hasText: '310万元' }).waitFor();
    expect(await rows.count()).toBe(2);
    await page.goto('/cases');
    await rows.filter({ hasText: '330万元' }).waitFor();
    expect(await rows.count()).toBe(3);
    await page.context().close();
  });

  it('a bank records a later tranche only after a dialog saying what is recorded and who sees it; going back records nothing', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const g = await greenEnterprise(h.app);
    const product = await publishedProduct(h.app, bank);
    const need = await openNeed(h.app, g, { amount: '500.00' });
    const id = (await h.app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id }).expect(201)).body.id as string;
    await step(bank, id, { to: 'ACCEPTED' });
    await step(bank, id, { to: 'IN_CONTACT' });
    await step(bank, id, { to: 'UNDER_REVIEW' });
    await step(bank, id, { to: 'APPROVED', approvedAmount: '500.00', ratePercent: '3.30', termMonths: 36 });
    await step(bank, id, { to: 'DISBURSED', amount: '200.00' });
    const readCase = async () => (await h.app.http.get(`/api/v1/cases/${id}`).set(bank.auth)).body as { disbursedTotal: string; tranches: unknown[] };

    const page = await h.newPage();
    await loginThroughUi(page, bank.user.email, TEST_PASSWORD);
    await page.goto(`/cases/${id}`);
    await page.getByTestId('case-state').getByText('已放款').waitFor();

    await page.getByLabel('放款金额（万元）').fill('100');
    await page.getByRole('button', { name: '登记放款' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '登记追加放款 100.00 万元？' });
    const consequence = await dialog.getByTestId('tranche-consequence').innerText();
    expect(consequence).toContain('累计放款将为 300.00 万元');
    expect(consequence).toContain('不另发通知');
    await dialog.getByRole('button', { name: BACK }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await readCase()).toMatchObject({ disbursedTotal: '200.00', tranches: [expect.anything()] });

    await page.getByRole('button', { name: '登记放款' }).click();
    await dialog.getByRole('button', { name: '确认登记' }).click();
    await toast(page, '已登记追加放款 100.00 万元，累计放款 300.00 万元');
    const after = await readCase();
    expect(after.disbursedTotal).toBe('300.00');
    expect(after.tranches).toHaveLength(2);
    await page.context().close();
  });
});
