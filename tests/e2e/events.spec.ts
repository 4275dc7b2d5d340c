import { Role } from '@zj/shared';
import type { Page } from 'playwright-core';
import { uniq } from '../support/library-factories';
import { waitFor } from '../support/notifications-helpers';
import { TEST_ADMIN, TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, chooseOption, describeBrowser, loginThroughUi, openDropdown, selectText, startBrowserHarness } from './support/browser';


/** Searches the invitee select for `name` on the server and picks it. */
async function inviteOrganization(page: Page, name: string) {
  await page.getByTestId('event-invitees').click();
  await page.keyboard.type(name);
  const option = openDropdown(page).locator('.ant-select-item-option').filter({ hasText: name });
  await option.waitFor();
  await option.click();
  await page.keyboard.press('Escape');
}

describeBrowser('events: the bureau invites organisations to a 对接会, and an invited bank is told', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ worker: true, env: { NOTIFY_RELAY_INTERVAL_MS: '100' } });
  }, 180_000);
  afterAll(() => h?.close());

  it('the bureau creates a 对接会 (a draft) inviting a bank and publishes it; the bank sees the invitation (badge, 消息中心) and the event marked as invited', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const other = await h.app.userWithRole(Role.BANK);
    const admin = await h.app.admin();
    const bankName = (await h.app.http.get(`/api/v1/organizations/${bank.organizationId}`).set(admin.auth)).body.name as string;
    const title = `湛江市绿色金融银企对接会（浏览器测试${uniq()}）`;
    // Far ahead, so that it heads the bureau's list (newest start first) whatever other test files left in this database.
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.UTC(2099, Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 27), 4)));

    // The bank's user is signed in: one unread notice (the account notice from its creation).
    const bp = await h.newPage();
    await loginThroughUi(bp, bank.user.email, TEST_PASSWORD);
    const badge = bp.getByTestId('notification-badge');
    await waitFor(async () => (await badge.getAttribute('data-count')) === '1', 20_000, 'bank badge 1');

    // 1. The bureau creates the 对接会 and invites the bank, found by searching among 金融机构.
    const up = await h.newPage();
    await loginThroughUi(up, TEST_ADMIN.email, TEST_ADMIN.password);
    await up.getByTestId('nav-events').click();
    await up.getByTestId('event-create').click();
    await chooseOption(up, 'event-type', '融资对接会');
    await up.getByTestId('event-title').fill(title);
    const when = up.locator('input[data-testid="event-starts-at"], [data-testid="event-starts-at"] input');
    await when.click();
    await when.fill(`${day} 09:30`);
    await when.press('Enter');
    await up.getByTestId('event-venue').fill('湛江市金融工作局三楼会议室');
    await chooseOption(up, 'event-invitee-type', '金融机构');
    await inviteOrganization(up, bankName);
    expect(await selectText(up, 'event-invitees')).toContain(bankName);
    await up.getByTestId('event-invitee-count').getByText('已选 1 家机构', { exact: false }).waitFor();
    await up.getByTestId('event-create-ok').click();
    await up.getByText('已新建草稿').waitFor();

    const listed = (await h.app.http.get('/api/v1/events').query({ pageSize: 100 }).set(admin.auth)).body.items as { id: string; title: string; startsAt: string; status: string }[];
    const event = listed.find((e) => e.title === title)!;
    expect(event).toBeDefined();
    expect(event.status).toBe('DRAFT');
    expect(new Date(event.startsAt).toISOString()).toBe(new Date(`${day}T09:30:00+08:00`).toISOString());
    // A draft: nobody is told yet, and other organisations do not see it.
    await up.getByTestId(`event-status-${event.id}`).getByText('草稿').waitFor();
    const asBank = (await h.app.http.get('/api/v1/events').query({ pageSize: 100 }).set(bank.auth)).body.items as { id: string }[];
    expect(asBank.some((e) => e.id === event.id)).toBe(false);

    // Publishing says who is told (the 1 invited organisation), then opens registration.
    await up.getByTestId(`event-step-publish-${event.id}`).click();
    await up.getByTestId('event-step-body').getByText('受邀的 1 家机构的用户将收到邀请', { exact: false }).waitFor();
    await up.getByTestId('event-step-confirm').click();
    await up.getByText('活动已发布，报名已开放').waitFor();
    await up.getByTestId(`event-status-${event.id}`).getByText('报名中').waitFor();
    // The list shows how many are invited; the detail names them.
    await up.getByTestId(`event-invitee-count-${event.id}`).getByText('1 家').waitFor();
    await up.getByTestId(`event-link-${event.id}`).click();
    await up.getByTestId('event-invitee-total').getByText('受邀机构（1 家）').waitFor();
    await up.getByTestId('event-invitee-list').getByText(bankName).waitFor();
    // Editing shows the current invitee by name.
    await up.getByTestId('event-edit').click();
    await waitFor(async () => (await selectText(up, 'event-invitees')).includes(bankName), 15_000, 'current invitee in the edit form');
    await up.getByTestId('event-invitee-count').getByText('已选 1 家机构', { exact: false }).waitFor();
    await up.keyboard.press('Escape');

    // 2. The bank's badge rises live; the 消息中心 shows the invitation, which leads to the event.
    await waitFor(async () => (await badge.getAttribute('data-count')) === '2', 30_000, 'bank badge 2');
    await bp.getByTestId('nav-notifications').click();
    const item = bp.getByTestId('inbox-list').getByTestId('notification-item').filter({ hasText: `对接会邀请：${title}` });
    await item.waitFor();
    await item.click();
    await bp.waitForURL(`**/events/${event.id}`);
    await bp.getByTestId('event-invited-banner').getByText('您的机构已受邀参加本次活动').waitFor();
    await bp.getByTestId('event-invitee-total').getByText('受邀机构（1 家）').waitFor();
    // The bank is not shown the invitee list of the bureau.
    expect(await bp.getByTestId('event-invitee-list').count()).toBe(0);

    // 3. The events page marks the event as the bank's invitation, also under "only my invitations".
    await bp.getByTestId('nav-events').click();
    await bp.getByTestId(`event-invited-${event.id}`).getByText('本机构受邀').waitFor();
    await bp.getByTestId('event-invited-only').click();
    await bp.getByTestId(`event-invited-${event.id}`).waitFor();

    // Another bank sees the event, not as invited, and no invitation.
    const op = await h.newPage();
    await loginThroughUi(op, other.user.email, TEST_PASSWORD);
    await op.getByTestId('nav-events').click();
    await op.getByTestId(`event-link-${event.id}`).waitFor();
    expect(await op.getByTestId(`event-invited-${event.id}`).count()).toBe(0);
    expect(await op.getByTestId('notification-badge').getAttribute('data-count')).toBe('1');

    await Promise.all([bp.context().close(), up.context().close(), op.context().close()]);
  }, 180_000);
});
