import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Role } from '@zj/shared';
import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import { chromium, type Locator, type Page } from 'playwright-core';
import { uniq } from '../support/library-factories';
import { greenEnterprise, openNeed } from '../support/matchmaking-factories';
import { waitFor } from '../support/notifications-helpers';
import { Session, TEST_ADMIN, TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, CHROMIUM_PATH, chooseOption, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

const MIN = 60_000;

/** An antd InputNumber's <input>, whichever element carries the test id. */
const numberInput = (scope: Page | Locator, id: string) => scope.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`);

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`, YUV4MPEG2, 4:2:0)
 * showing `text` as a QR code: black modules on white, centred in a 640 × 480 frame.
 */
function qrVideo(text: string, file: string) {
  const W = 640, H = 480, size = 360;
  const hints = new Map<EncodeHintType, unknown>([[EncodeHintType.MARGIN, 4]]);
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
  const luma = Buffer.alloc(W * H, 255);
  const left = (W - size) / 2, top = (H - size) / 2;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (matrix.get(x, y)) luma[(top + y) * W + left + x] = 0;
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
}

describeBrowser('对接会 on the day: typed check-in, an intent of 500 万元 followed to disbursement, the event report', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  /** One API call that must answer one of `ok`; its body. */
  async function call<T = Record<string, unknown>>(method: 'get' | 'post' | 'put', path: string, s: Session, body?: unknown, ok: number[] = [200, 201]): Promise<T> {
    const req = h.app.http[method](`/api/v1${path}`).set(s.auth);
    const res = body === undefined ? await req : await req.send(body as object);
    if (!ok.includes(res.status)) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  }
  const rows = <T>(answer: T[] | { items: T[] }) => (Array.isArray(answer) ? answer : answer.items);

  it('the bureau checks an enterprise in by typed code; the bank records an intent of 500 万元, approves and disburses its case; the report shows 500 万元 signed and disbursed', async () => {
    // ---- preconditions through the API: a 对接会 starting in 30 minutes, an enterprise with an open
    // need and a bank registered, two slots, the day opened, a walk-in meeting published, the bank checked in.
    const bureau = await h.app.admin();
    const bank = await h.app.userWithRole(Role.BANK);
    const g = await greenEnterprise(h.app);
    const need = await openNeed(h.app, g, { amount: '800.00', termMonths: 36 });
    const bankName = (await call<{ name: string }>('get', `/organizations/${bank.organizationId}`, bureau)).name;
    const enterpriseName = (await call<{ name: string }>('get', `/organizations/${g.enterprise.organizationId}`, bureau)).name;

    const t0 = Date.now();
    const at = (minutes: number) => new Date(t0 + minutes * MIN).toISOString();
    const title = `湛江市绿色金融银企对接会（现场测试${uniq()}）`;
    const created = await call<{ id: string; version: number }>('post', '/events', bureau, { type: 'MATCHMAKING', title, startsAt: at(30), endsAt: at(240), venue: '湛江市金融工作局三楼会议室', isPublic: true });
    const eventId = created.id;
    await call('post', `/events/${eventId}/publish`, bureau, { version: created.version });
    await call('post', `/events/${eventId}/registrations`, g.enterprise, { needIds: [need.id], contactName: '林经理', contactPhone: '13800138000' });
    await call('post', `/events/${eventId}/registrations`, bank, { desks: 1, officers: [{ name: '王经理' }] });
    const slotsAnswer = await call<{ id: string; startsAt: string }[] | { slots: { id: string; startsAt: string }[] }>('put', `/events/${eventId}/slots`, bureau, {
      slots: [
        { startsAt: at(40), endsAt: at(60) },
        { startsAt: at(60), endsAt: at(80) },
      ],
    });
    const slots = (Array.isArray(slotsAnswer) ? slotsAnswer : slotsAnswer.slots).slice().sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(slots).toHaveLength(2);
    const current = await call<{ version: number }>('get', `/events/${eventId}`, bureau);
    const started = await call<{ status: string }>('post', `/events/${eventId}/start`, bureau, { version: current.version });
    expect(started.status).toBe('IN_PROGRESS');
    const walkIn = await call<{ id: string } | { meeting: { id: string } }>('post', `/events/${eventId}/meetings`, bureau, {
      enterpriseOrganizationId: g.enterprise.organizationId,
      bankOrganizationId: bank.organizationId,
      slotId: slots[0].id,
    });
    const meetingId = 'meeting' in walkIn ? walkIn.meeting.id : walkIn.id;
    // Publishing the schedule shows each participant their meetings (the bank's list of outcomes).
    await call('post', `/events/${eventId}/schedule/publish`, bureau, {});
    const registrations = rows(await call<{ organization: { id: string }; checkInCode: string; checkedInAt: string | null }[]>('get', `/events/${eventId}/registrations`, bureau));
    const bankReg = registrations.find((r) => r.organization.id === bank.organizationId)!;
    const enterpriseReg = registrations.find((r) => r.organization.id === g.enterprise.organizationId)!;
    expect(enterpriseReg.checkInCode).toMatch(/^[0-9A-Z]{12}$/);
    expect(enterpriseReg.checkedInAt).toBeNull();
    await call('post', `/events/${eventId}/check-in`, bureau, { code: bankReg.checkInCode });

    // ---- 1. The bureau, on the check-in page, types the enterprise's code (lower case, with dashes).
    const up = await h.newPage();
    await loginThroughUi(up, TEST_ADMIN.email, TEST_ADMIN.password);
    await up.goto(`/events/${eventId}/check-in`);
    await up.getByTestId('check-in-panel').waitFor();
    const row = up.getByTestId(`check-in-row-${g.enterprise.organizationId}`);
    // The day is open: who has not come yet reads as 未到.
    await row.getByText('未到').waitFor();
    // No camera on this machine: scanning says so and points to typing the code.
    await up.getByTestId('check-in-scan-start').click();
    await up.getByTestId('check-in-camera-problem').getByText('请在下方输入签到码', { exact: false }).waitFor();
    // A wrong code is refused, in Chinese.
    await up.getByTestId('check-in-code').fill('zzzz-zzzz-zzzz');
    await up.getByTestId('check-in-submit').click();
    await up.getByTestId('check-in-result').first().getByText('签到码不正确').waitFor();
    expect(await up.getByTestId('check-in-result').first().getAttribute('data-ok')).toBe('false');
    const typed = enterpriseReg.checkInCode.toLowerCase().replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3');
    await up.getByTestId('check-in-code').fill(typed);
    expect(await up.getByTestId('check-in-code').inputValue()).toBe(enterpriseReg.checkInCode.replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'));
    const [checkInRes] = await Promise.all([
      up.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/events/${eventId}/check-in`)),
      up.getByTestId('check-in-submit').click(),
    ]);
    expect(checkInRes.status()).toBeLessThan(300);
    const ok = up.getByTestId('check-in-result').first();
    await ok.getByText(`${enterpriseName} 签到成功`).waitFor();
    expect(await ok.getAttribute('data-ok')).toBe('true');
    await row.getByText('已签到').waitFor();
    expect(await row.getAttribute('data-checked-in')).toBe('true');
    // The same code again: already checked in, at the time shown.
    await up.getByTestId('check-in-code').fill(enterpriseReg.checkInCode);
    await up.getByTestId('check-in-submit').click();
    await up.getByTestId('check-in-result').first().getByText(`${enterpriseName}已于`).waitFor();
    const afterApi = rows(await call<{ organization: { id: string }; checkedInAt: string | null }[]>('get', `/events/${eventId}/registrations`, bureau));
    expect(afterApi.find((r) => r.organization.id === g.enterprise.organizationId)!.checkedInAt).not.toBeNull();

    // ---- 2. The bank records the meeting's outcome: 达成意向, 500 万元, and confirms that a case opens.
    const bp = await h.newPage();
    await loginThroughUi(bp, bank.user.email, TEST_PASSWORD);
    await bp.goto(`/events/${eventId}?tab=outcomes`);
    await bp.getByTestId(`outcome-row-${meetingId}`).getByText('双方已到场').waitFor();
    await bp.getByTestId(`outcome-record-${meetingId}`).click();
    const dialog = bp.getByRole('dialog').filter({ hasText: '登记会谈结果' });
    await dialog.locator('label.ant-radio-button-wrapper').filter({ hasText: '达成意向' }).click();
    await numberInput(dialog, 'outcome-amount').fill('500');
    // The walk-in meeting names no need unless the API took the registration's: then the bank picks it.
    if (await dialog.getByTestId('outcome-need').count()) await chooseOption(bp, 'outcome-need', '800万元');
    await dialog.getByTestId('outcome-note').fill('意向授信500万元，用于港口岸电改造');
    await bp.getByTestId('outcome-submit').click();
    // It first says what happens: a case opens in the bank's 对接跟踪.
    await bp.locator('.ant-modal-confirm').getByText('对接跟踪', { exact: false }).waitFor();
    const [outcomeRes] = await Promise.all([
      bp.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/events/${eventId}/meetings/${meetingId}/outcome`)),
      bp.getByTestId('outcome-intent-confirm').click(),
    ]);
    expect(outcomeRes.status()).toBeLessThan(300);
    const caseId = ((await outcomeRes.json()) as { caseId: string | null }).caseId;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await bp.getByTestId(`outcome-amount-${meetingId}`).getByText('500.00 万元').waitFor();
    await bp.getByTestId(`outcome-case-${meetingId}`).waitFor();

    // ---- 3. The bank finds the case in its inbox (对接跟踪) and moves it on to disbursement.
    await bp.getByTestId('nav-cases').click();
    await bp.waitForURL('**/cases');
    // The inbox lists the bank's cases (its first load can be slow while other scenarios run).
    await bp.getByTestId(`case-link-${caseId}`).click({ timeout: 30_000 });
    await bp.waitForURL(`**/cases/${caseId}`);
    await bp.getByTestId('case-state').getByText('已受理').waitFor();
    const step = async (to: string, fill?: () => Promise<void>) => {
      await bp.getByTestId(`transition-${to}`).click();
      if (fill) await fill();
      const [res] = await Promise.all([
        bp.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/cases/${caseId}/transitions`)),
        bp.getByTestId('transition-confirm').click(),
      ]);
      expect({ to, status: res.status() }).toEqual({ to, status: 200 });
      await bp.getByTestId(`transition-${to}`).waitFor({ state: 'detached' });
    };
    await step('IN_CONTACT');
    await step('UNDER_REVIEW');
    await step('APPROVED', async () => {
      await bp.getByTestId('approved-amount').fill('500');
      await bp.getByTestId('approved-rate').fill('3.25');
    });
    await step('DISBURSED', () => bp.getByTestId('disburse-amount').fill('500'));
    await bp.getByTestId('case-state').getByText('已放款').waitFor();
    expect(await bp.getByTestId('case-disbursed').innerText()).toBe('500万元');

    // ---- 4. The bureau's event report: 500 万元 signed, approved and disbursed; the intents list agrees.
    await up.goto(`/events/${eventId}?tab=report`);
    await up.getByTestId('event-report').waitFor();
    const figure = (id: string) => up.getByTestId(id).innerText();
    await waitFor(async () => (await figure('report-intent-amount')).includes('500.00 万元'), 15_000, 'report: 500 万元 signed');
    expect(await figure('report-approved-amount')).toContain('500.00 万元');
    expect(await figure('report-disbursed-amount')).toContain('500.00 万元');
    expect(await up.getByTestId('report-disbursement-rate').innerText()).toBe('100%');
    await up.getByTestId('report-as-of').getByText('数据截至').waitFor();
    await up.getByTestId('report-funnel').waitFor();
    await up.getByTestId('report-by-bank').getByText(bankName).waitFor();
    const [download] = await Promise.all([up.waitForEvent('download'), up.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await up.getByTestId('event-tab-intents').click();
    const intentRow = up.getByTestId('intents-table').locator('tr').filter({ hasText: enterpriseName });
    await intentRow.getByText('已放款').waitFor();
    expect(await intentRow.getByTestId('intent-amount-cell').innerText()).toBe('500.00 万元');
    expect(await intentRow.getByTestId('intent-disbursed-cell').innerText()).toBe('500.00 万元');

    await Promise.all([up.context().close(), bp.context().close()]);
  }, 180_000);

  it('the check-in page scans a participant\'s QR code with the camera (a fake camera showing the code)', async () => {
    const bureau = await h.app.admin();
    const g = await greenEnterprise(h.app);
    const enterpriseName = (await call<{ name: string }>('get', `/organizations/${g.enterprise.organizationId}`, bureau)).name;
    const t0 = Date.now();
    const created = await call<{ id: string; version: number }>('post', '/events', bureau, {
      type: 'MATCHMAKING',
      title: `湛江市绿色金融银企对接会（扫码测试${uniq()}）`,
      startsAt: new Date(t0 + 30 * MIN).toISOString(),
      venue: '湛江市金融工作局三楼会议室',
      isPublic: true,
    });
    await call('post', `/events/${created.id}/publish`, bureau, { version: created.version });
    await call('post', `/events/${created.id}/registrations`, g.enterprise, { contactName: '林经理', contactPhone: '13800138000' });
    const mine = rows(await call<{ checkInCode: string }[]>('get', `/events/${created.id}/registrations`, g.enterprise))[0];

    // The participant's phone shows the code as a QR code; the check-in device's camera sees it.
    const dir = mkdtempSync(path.join(tmpdir(), 'zj-qr-'));
    const video = path.join(dir, 'qr.y4m');
    qrVideo(mine.checkInCode.replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'), video);
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const context = await browser.newContext({ baseURL: h.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 }, reducedMotion: 'reduce', permissions: ['camera'] });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      await loginThroughUi(page, TEST_ADMIN.email, TEST_ADMIN.password);
      await page.goto(`/events/${created.id}/check-in`);
      await page.getByTestId(`check-in-row-${g.enterprise.organizationId}`).getByText('未签到').waitFor();
      await page.getByTestId('check-in-scan-start').click();
      const result = page.getByTestId('check-in-result').first();
      // Decoding the camera's frames competes for the CPU with the rest of the suite: a longer wait.
      await result.getByText(`${enterpriseName} 签到成功`).waitFor({ timeout: 60_000 });
      expect(await result.getAttribute('data-ok')).toBe('true');
      await page.getByTestId(`check-in-row-${g.enterprise.organizationId}`).getByText('已签到').waitFor();
      // The code stays in view: it is not sent again.
      await page.waitForTimeout(2500);
      expect(await page.getByTestId('check-in-result').count()).toBe(1);
      await page.getByTestId('check-in-scan-stop').click();
      await page.getByTestId('check-in-scan-start').waitFor();
      const after = rows(await call<{ checkedInAt: string | null }[]>('get', `/events/${created.id}/registrations`, g.enterprise))[0];
      expect(after.checkedInAt).not.toBeNull();
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
