import { ALL_ROLES, Role, ROLE_LABELS } from '@zj/shared';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, navKeys, startBrowserHarness } from './support/browser';

const BUREAU_ONLY = ['organizations', 'users', 'taxonomies', 'audit-log'];

describeBrowser('each role signs in and sees its own navigation', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  for (const role of ALL_ROLES) {
    it(`${role} (${ROLE_LABELS[role]})`, async () => {
      const session = role === Role.BUREAU ? await h.app.userWithRole(Role.BUREAU, { organizationId: (await h.app.admin()).organizationId }) : await h.app.userWithRole(role);
      const page = await h.newPage();
      await loginThroughUi(page, session.user.email, TEST_PASSWORD);
      await page.getByTestId('home').waitFor();
      await page.getByTestId('header-role').getByText(ROLE_LABELS[role]).waitFor();
      const keys = await navKeys(page);
      expect(keys).toEqual(expect.arrayContaining(['home', 'profile']));
      if (role === Role.BUREAU) {
        expect(keys).toEqual(expect.arrayContaining(BUREAU_ONLY));
      } else {
        expect(keys.filter((k) => BUREAU_ONLY.includes(k))).toEqual([]);
        // Typing a bureau page's address shows the 403 page, not the page.
        await page.goto('/users');
        await page.getByTestId('forbidden').waitFor();
      }
      await page.goto('/no-such-page');
      await page.getByTestId('not-found').waitFor();
      await page.context().close();
    });
  }

  it('a wrong password shows the reason in Chinese on the login page', async () => {
    const page = await h.newPage();
    await page.goto('/login');
    await page.getByTestId('login-email').fill('nobody@test.zjgf.local');
    await page.getByTestId('login-password').fill('Wrong#Password1');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('邮箱或密码不正确');
    await page.context().close();
  });
});
