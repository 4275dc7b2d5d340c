import { Role } from '@zj/shared';
import type { Locator, Page } from 'playwright-core';
import { createProject } from '../support/library-factories';
import { greenEnterprise, openNeed, productBody } from '../support/matchmaking-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/**
 * Web forms never silently change what the person typed (issue 14): an out-of-range number stays as
 * typed, a message under the field names the field and the allowed range, nothing is sent, and the
 * record keeps its value; a valid value is saved exactly as typed.
 */
describeBrowser('forms: out-of-range numbers are refused with a message, never silently changed', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  /** Non-GET requests the page sends whose URL contains `part`. */
  function writes(page: Page, part: string): string[] {
    const seen: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().includes(part)) seen.push(`${r.method()} ${r.url()}`);
    });
    return seen;
  }

  /** Types `text` into an input, leaves it (blur, where antd's InputNumber used to clamp), and answers what it shows. */
  async function typeAndLeave(input: Locator, text: string): Promise<string> {
    await input.fill('');
    await input.pressSequentially(text);
    await input.press('Tab');
    return input.inputValue();
  }

  /** The message under the form field holding `input` (the innermost form item). */
  const messageUnder = (page: Page, input: Locator) => page.locator('.ant-form-item', { has: input }).last().locator('.ant-form-item-explain-error');
  /** The whole form item holding `input` (label, input, limits, message). */
  const itemOf = (page: Page, input: Locator) => page.locator('.ant-form-item', { has: input }).last();

  it('project form: total investment −500 and CO₂ reduction −3 stay as typed, are refused under their fields, and nothing is saved', async () => {
    const g = await greenEnterprise(h.app);
    const project = await createProject(h.app, g.enterprise, { totalInvestment: '4500.00', co2AvoidedT: '3800' });
    const page = await h.newPage();
    await loginThroughUi(page, g.enterprise.user.email, TEST_PASSWORD);
    const sent = writes(page, `/api/v1/projects/${project.id}`);
    await page.goto(`/projects/${project.id}/edit`);
    const investment = page.getByTestId('project-form-investment');
    await investment.waitFor();
    for (let i = 0; i < 50 && (await investment.inputValue()) === ''; i++) await page.waitForTimeout(100);
    const co2 = page.getByLabel('年减排二氧化碳（吨）');

    expect(await typeAndLeave(investment, '-500')).toBe('-500');
    expect(await typeAndLeave(co2, '-3')).toBe('-3');
    await page.getByTestId('project-form-submit').click();
    const investmentMessage = messageUnder(page, investment);
    await investmentMessage.waitFor();
    expect(await investmentMessage.innerText()).toContain('总投资（万元）');
    expect(await investmentMessage.innerText()).toContain('0.01至10,000,000');
    const co2Message = messageUnder(page, co2);
    await co2Message.waitFor();
    expect(await co2Message.innerText()).toContain('年减排二氧化碳（吨）');
    expect(await co2Message.innerText()).toContain('0至100,000,000,000');
    expect(await investment.inputValue()).toBe('-500');
    expect(await co2.inputValue()).toBe('-3');
    await page.waitForTimeout(300);
    expect(sent).toEqual([]);
    const unchanged = (await h.app.http.get(`/api/v1/projects/${project.id}`).set(g.enterprise.auth).expect(200)).body;
    expect(unchanged).toMatchObject({ totalInvestment: '4500.00', version: project.version });
    expect(Number(unchanged.co2AvoidedT)).toBe(3800);
    // The field states its limits.
    expect(await itemOf(page, investment).innerText()).toContain('0.01至10,000,000');

    // Corrected, it is saved exactly as typed.
    await typeAndLeave(investment, '5200.5');
    await typeAndLeave(co2, '4100.25');
    await investmentMessage.waitFor({ state: 'detached' });
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/projects/${project.id}`)), page.getByTestId('project-form-submit').click()]);
    const saved = (await h.app.http.get(`/api/v1/projects/${project.id}`).set(g.enterprise.auth).expect(200)).body;
    expect(saved.totalInvestment).toBe('5200.50');
    expect(Number(saved.co2AvoidedT)).toBe(4100.25);
    await page.context().close();
  });

  it('need form: a term of 0 months and a maximum rate of 150 % stay as typed, are refused under their fields, and nothing is saved', async () => {
    const g = await greenEnterprise(h.app);
    const need = await openNeed(h.app, g, { amount: '600.00', termMonths: 96, maxRatePercent: '3.60' });
    const page = await h.newPage();
    await loginThroughUi(page, g.enterprise.user.email, TEST_PASSWORD);
    const sent = writes(page, `/api/v1/financing-needs/${need.id}`);
    await page.goto(`/financing-needs?open=${need.id}`);
    await page.getByRole('button', { name: /^修\s?改$/ }).click();
    const term = page.getByTestId('need-form-term');
    await term.waitFor();
    for (let i = 0; i < 50 && (await term.inputValue()) === ''; i++) await page.waitForTimeout(100);
    const rate = page.getByLabel('可接受的最高年利率（%）');
    const amount = page.getByTestId('need-form-amount');

    expect(await typeAndLeave(term, '0')).toBe('0');
    expect(await typeAndLeave(rate, '150')).toBe('150');
    expect(await typeAndLeave(amount, '-500')).toBe('-500');
    await page.getByTestId('need-form-submit').click();
    for (const [input, label, range] of [
      [term, '期限（月）', '1至360'],
      [rate, '可接受的最高年利率（%）', '0至36'],
      [amount, '融资金额（万元）', '0.01至10,000,000'],
    ] as const) {
      const msg = messageUnder(page, input);
      await msg.waitFor();
      expect(await msg.innerText()).toContain(label);
      expect(await msg.innerText()).toContain(range);
    }
    expect([await term.inputValue(), await rate.inputValue(), await amount.inputValue()]).toEqual(['0', '150', '-500']);
    await page.waitForTimeout(300);
    expect(sent).toEqual([]);
    const unchanged = (await h.app.http.get(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth).expect(200)).body;
    expect(unchanged).toMatchObject({ amount: '600.00', termMonths: 96, maxRatePercent: '3.60', version: need.version });
    expect(await itemOf(page, term).innerText()).toContain('1至360');
    expect(await itemOf(page, rate).innerText()).toContain('0至36');

    // Corrected, saved as typed.
    await typeAndLeave(term, '84');
    await typeAndLeave(rate, '4.25');
    await typeAndLeave(amount, '650');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/financing-needs/${need.id}`)), page.getByTestId('need-form-submit').click()]);
    const saved = (await h.app.http.get(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth).expect(200)).body;
    expect(saved).toMatchObject({ amount: '650.00', termMonths: 84, maxRatePercent: '4.25' });
    await page.context().close();
  });

  it('product form: a longest term of 700 months and a rate of 150 % are refused under their fields, and nothing is saved', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const created = await h.app.http.post('/api/v1/products').set(bank.auth).send(productBody()).expect(201);
    const product = created.body;
    const page = await h.newPage();
    await loginThroughUi(page, bank.user.email, TEST_PASSWORD);
    const sent = writes(page, `/api/v1/products/${product.id}`);
    await page.getByTestId('nav-my-products').click();
    await page.getByRole('row', { name: product.name }).getByRole('button', { name: /^修\s?改$/ }).click();
    const maxTerm = page.getByTestId('product-max-term');
    await maxTerm.waitFor();
    for (let i = 0; i < 50 && (await maxTerm.inputValue()) === ''; i++) await page.waitForTimeout(100);
    const rateMin = page.getByTestId('product-rate-min');

    expect(await typeAndLeave(maxTerm, '700')).toBe('700');
    expect(await typeAndLeave(rateMin, '150')).toBe('150');
    await page.getByTestId('product-save').click();
    const termMessage = messageUnder(page, maxTerm);
    await termMessage.waitFor();
    expect(await termMessage.innerText()).toContain('最长期限（月）');
    expect(await termMessage.innerText()).toContain('1至600');
    const rateMessage = messageUnder(page, rateMin);
    await rateMessage.waitFor();
    expect(await rateMessage.innerText()).toContain('年利率下限（%）');
    expect(await rateMessage.innerText()).toContain('0至36');
    expect(await maxTerm.inputValue()).toBe('700');
    await page.waitForTimeout(300);
    expect(sent).toEqual([]);
    const unchanged = (await h.app.http.get(`/api/v1/products/${product.id}`).set(bank.auth).expect(200)).body;
    expect(unchanged).toMatchObject({ maxTermMonths: 120, rateMinPercent: '3.10', version: product.version });
    expect(await itemOf(page, maxTerm).innerText()).toContain('1至600');
    await page.context().close();
  });
});
