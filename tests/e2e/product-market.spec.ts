import { Role } from '@zj/shared';
import { uniq } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, startBrowserHarness } from './support/browser';

describeBrowser('绿色金融产品超市: a product page anyone can open, and applying from it', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('the product page opens signed out with its terms; an enterprise signs in from it, comes back and applies with a note to the bank', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const productName = `港口岸电绿色贷${uniq()}`;
    const product = await publishedProduct(h.app, bank, { name: productName });
    const g = await greenEnterprise(h.app);
    const need = await openNeed(h.app, g, { amount: '800.00', termMonths: 60 });

    // Signed out: the catalogue and the product page open, no login asked.
    const page = await h.newPage();
    await page.goto('/products');
    await page.getByRole('link', { name: productName }).click();
    await page.waitForURL(`**/products/${product.id}`);
    await page.getByRole('heading', { name: productName }).waitFor();
    const terms = page.getByTestId('product-terms');
    await terms.getByText('50–5000万元').waitFor();
    await terms.getByText('12–120个月').waitFor();
    await terms.getByText('3.10%–3.50%').waitFor();
    await terms.getByText(bank.user.organization.name).waitFor();
    // Eligible categories by name, not only the code.
    await page.getByTestId('product-categories').getByText('绿色交通').waitFor();
    expect(await page.getByTestId('side-menu').count()).toBe(0);

    // 登录后申请 leads to the login page, and back to the product after signing in.
    await page.getByRole('button', { name: '登录后申请' }).click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-email').fill(g.enterprise.user.email);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`**/products/${product.id}`);
    await page.getByTestId('side-menu').waitFor();

    // 申请: the confirmation says what happens and who is told; the note goes to the bank.
    // antd writes a two-character label with a space (申 请).
    await page.getByRole('button', { name: /^申\s?请$/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: `申请“${productName}”` });
    await dialog.getByText(`${bank.user.organization.name}会收到您的申请`, { exact: false }).waitFor();
    await dialog.getByText('受理后才能看到您的联系方式', { exact: false }).waitFor();
    // Its only open need is chosen already.
    await dialog.getByText('800万元 · 60个月', { exact: false }).waitFor();
    const note = '希望了解碳减排支持工具的利率，工作日下午方便联系';
    await dialog.getByLabel('给金融机构的附言（选填）').fill(note);
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL('**/cases/*');
    await page.getByText(`已向${bank.user.organization.name}提交申请`, { exact: false }).waitFor();
    await page.getByTestId('case-state').getByText('待受理').waitFor();

    // The bank has the application, with the note.
    const caseId = page.url().split('/cases/')[1];
    const c = (await h.app.http.get(`/api/v1/cases/${caseId}`).set(bank.auth).expect(200)).body;
    expect(c).toMatchObject({ needId: need.id, productId: product.id });
    expect(JSON.stringify(c)).toContain(note);
    await page.context().close();
  });

  it('a withdrawn product’s page says so and leads back to the supermarket', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const product = await publishedProduct(h.app, bank, { name: `下架测试贷${uniq()}` });
    await h.app.http.post(`/api/v1/products/${product.id}/withdraw`).set(bank.auth).send({ version: product.version }).expect(200);
    const page = await h.newPage();
    await page.goto(`/products/${product.id}`);
    await page.getByText('产品不存在或已下架').waitFor();
    await page.getByRole('button', { name: '返回产品超市' }).click();
    await page.waitForURL('**/products');
    await page.context().close();
  });
});
