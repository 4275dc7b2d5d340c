import { Role, type ScheduleView } from '@zj/shared';
import type { Locator, Page } from 'playwright-core';
import { uniq } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { waitFor } from '../support/notifications-helpers';
import { TEST_ADMIN, TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, chooseOption, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/** The visible one of several elements with a test id (a closed popconfirm stays in the page, hidden). */
const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

/** An antd InputNumber or DatePicker by test id (the id sits on the input or on its wrapper). */
const inputOf = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/**
 * Drags a card to a cell with the mouse, in small steps (the drag library starts a drag after 5 px),
 * keeping the card's place within its cell so that it lands inside the target.
 */
async function drag(page: Page, card: Locator, fromCell: Locator, toCell: Locator) {
  // Both cells in view: the mouse acts on what is on screen.
  await toCell.scrollIntoViewIfNeeded();
  await fromCell.scrollIntoViewIfNeeded();
  const c = (await card.boundingBox())!;
  const from = (await fromCell.boundingBox())!;
  const to = (await toCell.boundingBox())!;
  const start = { x: c.x + 12, y: c.y + c.height / 2 };
  const end = { x: start.x + (to.x - from.x), y: start.y + (to.y - from.y) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 20 });
  await page.mouse.move(end.x + 1, end.y + 1);
  await page.mouse.up();
}

describeBrowser('event matchmaking: a 对接会 prepared from registration to each participant’s published agenda', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    // The worker runs the schedule solver (a queue job) and sends the notices.
    h = await startBrowserHarness({ worker: true, env: { NOTIFY_RELAY_INTERVAL_MS: '200' } });
  }, 180_000);
  afterAll(() => h?.close());

  it('the bureau publishes a 对接会; two enterprises and a bank register and ask to meet; the bank accepts; the bureau sets slots, generates the schedule, drags a meeting and publishes; each participant sees its agenda', async () => {
    // Users and needs through the API: a bank with a published product for 绿色交通, two enterprises
    // with a listed project (5.2.2) and an open need each.
    const [bank, g1, g2, admin] = await Promise.all([h.app.userWithRole(Role.BANK), greenEnterprise(h.app), greenEnterprise(h.app), h.app.admin()]);
    await publishedProduct(h.app, bank);
    await Promise.all([openNeed(h.app, g1, { amount: '800.00', termMonths: 60 }), openNeed(h.app, g2, { amount: '600.00', termMonths: 36 })]);
    const nameOf = async (id: string) => (await h.app.http.get(`/api/v1/organizations/${id}`).set(admin.auth)).body.name as string;
    const [bankName, e1Name, e2Name] = await Promise.all([nameOf(bank.organizationId), nameOf(g1.enterprise.organizationId), nameOf(g2.enterprise.organizationId)]);
    const e1 = g1.enterprise.organizationId;
    const e2 = g2.enterprise.organizationId;
    const title = `湛江市绿色交通银企对接会（浏览器测试${uniq()}）`;
    // Far ahead, so that it heads the bureau's list (newest start first) whatever other test files left in this database.
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.UTC(2099, Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 27), 4)));

    // 1. The bureau creates the 对接会 (a draft) and publishes it.
    const up = await h.newPage();
    await loginThroughUi(up, TEST_ADMIN.email, TEST_ADMIN.password);
    await up.getByTestId('nav-events').click();
    await up.getByTestId('event-create').click();
    await chooseOption(up, 'event-type', '融资对接会');
    await up.getByTestId('event-title').fill(title);
    const when = inputOf(up, 'event-starts-at');
    await when.click();
    await when.fill(`${day} 14:00`);
    await when.press('Enter');
    await up.getByTestId('event-venue').fill('湛江市民大厦三楼会议室');
    await inputOf(up, 'event-capacity').fill('50');
    await up.getByTestId('event-agenda-add').click();
    await up.getByTestId('event-agenda-title-0').fill('一对一对接');
    await up.getByTestId('event-create-ok').click();
    await up.getByText('已新建草稿').waitFor();
    const listed = (await h.app.http.get('/api/v1/events').query({ pageSize: 100 }).set(admin.auth)).body.items as { id: string; title: string; status: string; agenda: unknown[] }[];
    const event = listed.find((e) => e.title === title)!;
    expect(event).toMatchObject({ status: 'DRAFT' });
    expect(event.agenda).toHaveLength(1);
    await up.getByTestId(`event-status-${event.id}`).getByText('草稿').waitFor();
    await up.getByTestId(`event-step-publish-${event.id}`).click();
    await up.getByTestId('event-step-body').getByText('所有企业和金融机构均可报名', { exact: false }).waitFor();
    await up.getByTestId('event-step-confirm').click();
    await up.getByTestId(`event-status-${event.id}`).getByText('报名中').waitFor();

    // 2. The bank registers with two desks and names its officers.
    const bp = await h.newPage();
    await loginThroughUi(bp, bank.user.email, TEST_PASSWORD);
    await bp.goto(`/events/${event.id}?tab=registrations`);
    const desks = inputOf(bp, 'reg-desks');
    await desks.fill('2');
    await desks.press('Tab');
    await bp.getByTestId('reg-officer-name-0').fill('王晓明');
    await bp.getByTestId('reg-officer-add').click();
    await bp.getByTestId('reg-officer-name-1').fill('李华');
    await bp.getByTestId('reg-contact-name').fill('陈经理');
    await bp.getByTestId('reg-submit').click();
    await bp.getByTestId('reg-status').getByText('已报名').waitFor();
    expect(await bp.getByTestId('reg-desks-view').innerText()).toContain('2 个');

    // 3. Both enterprises register, naming the need they want to discuss.
    const enterprisePage = async (email: string, need: string) => {
      const p = await h.newPage();
      await loginThroughUi(p, email, TEST_PASSWORD);
      await p.goto(`/events/${event.id}?tab=registrations`);
      await chooseOption(p, 'reg-needs', need);
      await p.keyboard.press('Escape');
      await p.getByTestId('reg-submit').click();
      await p.getByTestId('reg-status').getByText('已报名').waitFor();
      return p;
    };
    const ep1 = await enterprisePage(g1.enterprise.user.email, '800 万元');
    const ep2 = await enterprisePage(g2.enterprise.user.email, '600 万元');
    // The registration's check-in code is shown on 概况 as a QR code and typed.
    await ep1.getByTestId('event-tab-overview').click();
    await ep1.getByTestId('my-check-in-qr').waitFor();
    expect(await ep1.getByTestId('my-check-in-code').innerText()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // 4. Each enterprise asks the suggested bank for a meeting: the first as 必须见面, the second 希望见面.
    const ask = async (p: Page, priority: 'MUST' | 'NICE') => {
      await p.getByTestId('event-tab-requests').click();
      const suggestion = p.getByTestId(`suggestion-${bank.organizationId}`);
      await suggestion.getByText(bankName).waitFor();
      expect(await p.getByTestId(`suggestion-score-${bank.organizationId}`).innerText()).toMatch(/匹配度 \d+/);
      await p.getByTestId(`suggestion-request-${bank.organizationId}`).click();
      await p.getByTestId(`request-priority-${priority}`).click();
      await p.getByTestId('request-message').fill('希望了解绿色交通贷款的额度和期限');
      await p.getByTestId('request-submit').click();
      await p.getByTestId(`sent-status-${bank.organizationId}`).getByText('待对方确认').waitFor();
    };
    await ask(ep1, 'MUST');
    await ask(ep2, 'NICE');

    // 5. The bank accepts both.
    await bp.getByTestId('event-tab-requests').click();
    for (const e of [e1, e2]) {
      await bp.getByTestId(`request-accept-${e}`).click();
      await visible(bp, 'request-accept-confirm').click();
      await bp.getByTestId(`received-status-${e}`).getByText('已接受').waitFor();
    }

    // 6. The bureau sets 3 slots of 20 minutes and generates the schedule.
    await up.getByTestId(`event-link-${event.id}`).click();
    await up.getByTestId('event-tab-schedule').click();
    const count = inputOf(up, 'slot-count');
    await count.fill('3');
    await count.press('Tab');
    await up.getByTestId('slots-preview').getByText('将生成 3 场', { exact: false }).waitFor();
    await up.getByTestId('slots-save').click();
    await up.getByTestId('slots-current').getByText('第3场', { exact: false }).waitFor();
    await up.getByTestId('schedule-generate').click();
    await waitFor(async () => (await up.getByTestId('schedule-status').getAttribute('data-status')) === 'DONE', 90_000, 'the schedule solved');
    expect(await up.getByTestId('schedule-quality').innerText()).toMatch(/^(最优|已达理论最优的 \d+(\.\d)?%)$/);
    expect(await up.getByTestId('schedule-must-meets').innerText()).toBe('已安排 1 / 1 场');
    expect(await up.getByTestId('schedule-placed').innerText()).toBe('2 场');

    // 7. The bureau drags the first enterprise's meeting to a free cell of another slot.
    const schedule = (await h.app.http.get(`/api/v1/events/${event.id}/schedule`).set(admin.auth)).body as ScheduleView;
    const meeting = schedule.meetings.find((m) => m.enterpriseOrganizationId === e1)!;
    const other = schedule.meetings.find((m) => m.enterpriseOrganizationId === e2)!;
    const taken = new Set(schedule.meetings.map((m) => `${m.slotIndex}-${m.desk}`));
    const target = schedule.slots
      .filter((s) => s.index !== meeting.slotIndex)
      .flatMap((s) => [1, 2].map((desk) => ({ slot: s, desk })))
      .find((c) => !taken.has(`${c.slot.index}-${c.desk}`))!;
    const cell = (index: number, desk: number) => up.getByTestId(`cell-${index}-${bank.organizationId}-${desk}`);
    const card = up.getByTestId(`meeting-card-${meeting.id}`);
    await cell(meeting.slotIndex, meeting.desk).getByTestId(`meeting-card-${meeting.id}`).waitFor();
    await drag(up, card, cell(meeting.slotIndex, meeting.desk), cell(target.slot.index, target.desk));
    await cell(target.slot.index, target.desk).getByTestId(`meeting-card-${meeting.id}`).waitFor();
    const moved = await waitFor(
      async () => {
        const s = (await h.app.http.get(`/api/v1/events/${event.id}/schedule`).set(admin.auth)).body as ScheduleView;
        const m = s.meetings.find((x) => x.id === meeting.id)!;
        return m.slotId === target.slot.id && m.desk === target.desk ? m : null;
      },
      15_000,
      'the meeting moved on the server',
    );
    expect(moved.locked).toBe(true);
    // The grid shows it locked once it has the server's answer.
    await up.locator(`[data-testid="meeting-card-${meeting.id}"][data-locked="true"]`).waitFor();

    // 8. The bureau publishes the schedule, told that each participant gets its agenda.
    await up.getByTestId('schedule-unpublished').waitFor();
    await up.getByTestId('schedule-publish').click();
    const body = await up.getByTestId('schedule-publish-body').innerText();
    expect(body).toContain('企业 2 家、金融机构 1 家');
    expect(body).toContain('每家有会谈的参会机构都将收到自己的会谈日程');
    await up.getByTestId('schedule-publish-confirm').click();
    await up.getByTestId('schedule-published').waitFor();

    // 9. Each participant sees its agenda (the notice's link): both enterprises their meeting with
    // the bank, at the time the bureau chose for the first; the bank both meetings, with the .ics.
    const agendaOf = async (p: Page) => {
      await p.goto(`/events/${event.id}/agenda`);
      await p.getByTestId('agenda-table').waitFor();
      return p.getByTestId('agenda-table');
    };
    const a1 = await agendaOf(ep1);
    const row1 = a1.getByTestId(`agenda-row-${meeting.id}`);
    await row1.getByText(bankName).waitFor();
    expect(await row1.innerText()).toContain(`第${target.slot.index}场`);
    const a2 = await agendaOf(ep2);
    await a2.getByTestId(`agenda-row-${other.id}`).getByText(bankName).waitFor();
    expect(await a2.getByTestId(`agenda-row-${meeting.id}`).count()).toBe(0);
    const ab = await agendaOf(bp);
    await ab.getByTestId(`agenda-row-${meeting.id}`).getByText(e1Name).waitFor();
    await ab.getByTestId(`agenda-row-${other.id}`).getByText(e2Name).waitFor();
    const [download] = await Promise.all([bp.waitForEvent('download'), bp.getByTestId('agenda-ics').click()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);

    for (const p of [up, bp, ep1, ep2]) await p.context().close();
  }, 420_000);
});
