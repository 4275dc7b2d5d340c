import { Role } from '@zj/shared';
import { createProject, uniq } from '../support/library-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, chooseTreeOption, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

describeBrowser('search by everyday words; a bank picks categories from the catalogue tree', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('"光伏" typed in the library search finds the photovoltaic projects, whatever their names say', async () => {
    const ent = await h.app.userWithRole(Role.ENTERPRISE, { divisionCode: '440811' });
    // Neither name nor description says 光伏: the category 3.2.2 太阳能利用设施建设和运营 does, through its keywords.
    const rooftop = await createProject(h.app, ent, { name: `麻章园区厂房屋顶发电工程${uniq()}`, description: '厂房屋顶建设发电设施，自发自用', categories: [{ version: 'GIC-2019', code: '3.2.2' }] });
    const described = await createProject(h.app, ent, { name: `临港物流园车棚改造${uniq()}`, description: '建设光伏车棚及配套储能', categories: [{ version: 'GIC-2019', code: '5.1.6' }] });
    const shorePower = await createProject(h.app, ent, { name: `霞山港区岸电改造${uniq()}` });

    const page = await h.newPage();
    await loginThroughUi(page, ent.user.email, TEST_PASSWORD);
    await page.getByTestId('nav-projects').click();
    await page.getByRole('link', { name: shorePower.name }).waitFor();
    await page.getByLabel('关键词').fill('光伏');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    // the project no word of which is 光伏 leaves the list; the two others stay
    await page.getByRole('link', { name: shorePower.name }).waitFor({ state: 'detached' });
    expect(await page.getByRole('link', { name: rooftop.name }).count()).toBe(1);
    expect(await page.getByRole('link', { name: described.name }).count()).toBe(1);
  });

  it('a bank picks a product\'s eligible categories from the tree (by everyday word) and the product shows them', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const productName = `光伏与生态修复贷${uniq()}`;
    const page = await h.newPage();
    await loginThroughUi(page, bank.user.email, TEST_PASSWORD);
    await page.getByTestId('nav-my-products').click();
    await page.getByRole('button', { name: '新建产品' }).click();
    await page.getByLabel('产品名称').fill(productName);
    await page.getByLabel('产品介绍').fill('支持分布式光伏和红树林修复的中长期贷款');
    await page.getByTestId('product-rate-min').fill('3.10');
    // a third-level category found by what people call it, and a second-level one (all below it)
    await chooseTreeOption(page, 'product-categories', '光伏', '3.2.2 太阳能利用设施建设和运营');
    await chooseTreeOption(page, 'product-categories', '红树林', '4.3 生态修复');
    await page.getByTestId('product-save').click();

    const row = page.getByRole('row').filter({ hasText: productName });
    await row.waitFor();
    await row.getByText('3.2.2 太阳能利用设施建设和运营').waitFor();
    await row.getByText('4.3 生态修复').waitFor();
    const mine = await h.app.http.get('/api/v1/products/mine?pageSize=100').set(bank.auth);
    const product = mine.body.items.find((p: { name: string }) => p.name === productName);
    expect(product.categoryRules).toEqual([
      { version: 'GIC-2019', prefix: '3.2.2' },
      { version: 'GIC-2019', prefix: '4.3' },
    ]);

    // editing shows the chosen categories in the tree picker
    await row.getByRole('button', { name: /修\s*改/ }).click();
    const modal = page.getByRole('dialog', { name: '修改产品' });
    await modal.getByText('3.2.2 太阳能利用设施建设和运营').waitFor();
    await modal.getByText('4.3 生态修复').waitFor();
  });
});
