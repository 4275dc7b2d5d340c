import { Role } from '@zj/shared';
import { startRecordingServer, waitFor } from '../support/notifications-helpers';
import { TEST_ADMIN } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

describeBrowser('通知管理 in the browser: dead letters and templates', () => {
  let h: BrowserHarness;
  let hooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let failing = true;
  beforeAll(async () => {
    hooks = await startRecordingServer(() => (failing ? { status: 503, body: { error: 'maintenance' } } : { status: 204 }));
    h = await startBrowserHarness({
      worker: true,
      env: { NOTIFY_RELAY_INTERVAL_MS: '100', NOTIFY_MAX_ATTEMPTS: '1', NOTIFY_BACKOFF_MS: '100', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' },
    });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await hooks?.close();
  });

  it('the bureau sees a dead letter with its reason and organisation, retries it after a confirmation, and sees it delivered', async () => {
    const admin = await h.app.admin();
    const bank = await h.app.userWithRole(Role.BANK);
    const url = `${hooks.url}/bank/${bank.organizationId}`;
    await h.app.http.post(`/api/v1/notifications/admin/organizations/${bank.organizationId}/endpoints`).set(admin.auth).send({ channel: 'WEBHOOK', name: '本行信贷系统', url }).expect(201);
    const newName = `通知管理测试银行${Date.now()}湛江分行`;
    await h.app.http.patch(`/api/v1/organizations/${bank.organizationId}`).set(admin.auth).send({ name: newName }).expect(200);
    await waitFor(
      async () => (await h.app.http.get('/api/v1/notifications/admin/dead-letters?channel=WEBHOOK').set(admin.auth)).body.items.some((d: { address: string }) => d.address === url),
      30_000,
      'dead letter',
    );

    const page = await h.newPage();
    await loginThroughUi(page, admin.user.email, TEST_ADMIN.password);
    await page.getByTestId('nav-notifications-admin').click();
    await page.getByRole('heading', { name: '通知管理' }).waitFor();
    const row = page.getByTestId('dead-letters').getByRole('row').filter({ hasText: newName });
    await row.getByText('HTTP 503', { exact: false }).waitFor();
    await row.getByText('机构系统回调（Webhook）').waitFor();
    await row.getByText('本行信贷系统', { exact: false }).waitFor();

    failing = false;
    await row.getByRole('button', { name: '重新投递' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '重新投递这条通知？' });
    await dialog.getByText(`向${newName}`, { exact: false }).waitFor();
    await dialog.getByText('上次失败原因：HTTP 503', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '重新投递' }).click();
    await page.getByText('已重新投递，正在发送', { exact: false }).waitFor();
    // What happened after: the retried list shows it delivered (polled while it is on its way).
    const retried = page.getByTestId('retried-deliveries').getByRole('row').filter({ hasText: newName });
    await retried.getByText('已送达').waitFor({ timeout: 30_000 });
    expect(hooks.received.filter((r) => r.path === `/bank/${bank.organizationId}`).length).toBeGreaterThanOrEqual(2);
    await page.context().close();
  });

  it('the bureau edits a template with a live preview; a placeholder the type does not have is refused with a message naming the field', async () => {
    const admin = await h.app.admin();
    const page = await h.newPage();
    await loginThroughUi(page, admin.user.email, TEST_ADMIN.password);
    await page.goto('/notifications/admin');
    await page.getByRole('tab', { name: '通知模板' }).click();
    await page.getByRole('button', { name: '编辑“机构更名”的中文模板' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '编辑模板：机构更名（中文）' });
    const body = dialog.getByLabel('正文');
    await body.fill('原名 {{oldName}}，现名 {{newName}}。');
    await dialog.getByTestId('template-preview-body').getByText('原名 示例银行湛江支行，现名 示例银行湛江分行。', { exact: false }).waitFor();

    await body.fill('{{orgName}} 已更名为 {{newName}}');
    // The preview warns before saving …
    await dialog.getByTestId('template-preview').getByText('未知的变量：{{orgName}}', { exact: false }).waitFor();
    // … and saving is refused, the message under 正文 and above the form.
    await dialog.getByRole('button', { name: '保存模板' }).click();
    await dialog.getByTestId('template-error').getByText('模板有误：正文', { exact: false }).waitFor();
    await dialog.locator('.ant-form-item-explain-error').filter({ hasText: '未知的变量：{{orgName}}' }).waitFor();
    const list = (await h.app.http.get('/api/v1/notifications/admin/templates').set(admin.auth).expect(200)).body;
    expect(list.find((t: { type: string; locale: string }) => t.type === 'ORGANIZATION_RENAMED' && t.locale === 'zh-CN')).toMatchObject({ custom: false });
    await page.context().close();
  });
});
