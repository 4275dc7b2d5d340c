import { Role } from '@zj/shared';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';
import { waitFor } from '../support/notifications-helpers';
import { TEST_PASSWORD } from '../support/test-app';

describeBrowser('notifications in the browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ worker: true, env: { NOTIFY_RELAY_INTERVAL_MS: '100' } });
  }, 180_000);
  afterAll(() => h?.close());

  it('a user’s unread count rises live when another user’s action notifies them, and the drawer shows the notice', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const page = await h.newPage();
    await loginThroughUi(page, bank.user.email, TEST_PASSWORD);
    const badge = page.getByTestId('notification-badge');
    // The account notice written when the bureau created the user.
    await waitFor(async () => (await badge.getAttribute('data-count')) === '1', 20_000, 'badge 1');

    // Another user (the bureau's administrator) renames the bank: its users are told.
    const admin = await h.app.admin();
    const newName = `浏览器测试银行${Date.now()}湛江分行`;
    const res = await h.app.http.patch(`/api/v1/organizations/${bank.organizationId}`).set(admin.auth).send({ name: newName });
    expect(res.status).toBe(200);
    // No reload: the count arrives over the live stream.
    await waitFor(async () => (await badge.getAttribute('data-count')) === '2', 20_000, 'badge 2');
    await expect(badge.innerText()).resolves.toContain('2');

    await page.getByTestId('notification-bell').click();
    const drawer = page.getByTestId('notification-drawer');
    await drawer.getByText('机构名称已变更').waitFor();
    await drawer.getByText(newName, { exact: false }).first().waitFor();
    await page.getByTestId('notification-read-all').click();
    await waitFor(async () => (await badge.getAttribute('data-count')) === '0', 20_000, 'badge 0');
    await page.context().close();
  }, 120_000);
});
