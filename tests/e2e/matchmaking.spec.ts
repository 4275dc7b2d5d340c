import { Role } from '@zj/shared';
import { uniq } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, chooseTreeOption, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

const wan = (text: string) => Number(text.replace(/[^\d.]/g, ''));

describeBrowser('matchmaking: a bank publishes, the enterprise applies, the bank lends, the bureau sees it', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('publish → ranked first with explanation → apply → accept, approve, disburse → statistics change', async () => {
    const bank = await h.app.userWithRole(Role.BANK);
    const rival = await h.app.userWithRole(Role.BANK);
    // A weaker rival: it accepts any 绿色交通 category (5), so its category fit is lower.
    const rivalName = `泛绿色贷${uniq()}`;
    await publishedProduct(h.app, rival, { name: rivalName, categoryRules: [{ version: 'GIC-2019', prefix: '5' }] });
    const g = await greenEnterprise(h.app);
    const need = await openNeed(h.app, g, { amount: '800.00', termMonths: 60, maxRatePercent: '3.80' });
    const bureau = await h.app.admin();
    const before = (await h.app.http.get('/api/v1/cases/statistics').set(bureau.auth)).body.totals.disbursedAmount as string;

    // 1. The bank creates and publishes a product for 港口岸电 (5.2.2).
    const productName = `港口岸电绿色贷${uniq()}`;
    const bp = await h.newPage();
    await loginThroughUi(bp, bank.user.email, TEST_PASSWORD);
    await bp.getByTestId('nav-my-products').click();
    await bp.getByTestId('product-create').click();
    await bp.getByTestId('product-name-input').fill(productName);
    await bp.getByTestId('product-description-input').fill('支持港口岸电改造的中长期贷款');
    await bp.getByTestId('product-min-amount').fill('100');
    await bp.getByTestId('product-max-amount').fill('3000');
    await bp.getByTestId('product-rate-min').fill('1.90');
    await chooseTreeOption(bp, 'product-categories', '岸电', '5.2.2 港口、码头岸电设施及机场廊桥供电设施建设');
    await bp.getByTestId('product-save').click();
    await bp.getByTestId(`product-publish-${productName}`).click();
    await bp.getByText('已发布，进入产品超市并参与匹配').waitFor();

    // 2. The enterprise sees it among the best matches for its need, ahead of the weaker rival, with
    //    the explanation, and applies. (Other files' products of 5.2.2 may share this database and
    //    fit as well: its rank among them is theirs to decide, not this test's.)
    const ep = await h.newPage();
    await loginThroughUi(ep, g.enterprise.user.email, TEST_PASSWORD);
    await ep.getByTestId('nav-enterprise-matches').click();
    const card = ep.getByTestId(`need-matches-${need.id}`);
    await card.getByText(productName).waitFor();
    const ranked = await card.locator('[data-testid^="match-product-"]').allInnerTexts();
    const rank = ranked.indexOf(productName);
    expect(rank).toBeGreaterThanOrEqual(0);
    const rivalRank = ranked.indexOf(rivalName);
    if (rivalRank >= 0) expect(rivalRank).toBeGreaterThan(rank); // shown or not (the list is the best few), never ahead
    const row = card.getByTestId(`match-row-${rank}`);
    if (rank > 0) await row.getByText('匹配说明').click();
    const explanation = await card.getByTestId(`match-explanation-${rank}`).innerText();
    expect(explanation).toContain('项目类别 5.2.2 与产品支持类别完全一致');
    expect(explanation).toContain('金额800万元在产品额度100–3000万元内');
    expect(await card.getByTestId(`match-score-${rank}`).innerText()).toBe('100');
    await card.getByTestId(`apply-${rank}`).click();
    // the confirmation says who will be told, and takes a note for the bank
    await ep.getByRole('dialog').getByTestId('apply-consequence').waitFor();
    await ep.getByLabel('给金融机构的附言（选填）').fill('项目已取得环评批复');
    await ep.getByRole('button', { name: '确认申请' }).click();
    await ep.getByTestId('case-state').getByText('待受理').waitFor();
    const caseId = ep.url().split('/cases/')[1];

    // 3. The bank accepts (the contact appears), moves on, approves and disburses.
    await bp.goto(`/cases/${caseId}`);
    expect(await bp.getByTestId('case-contact').innerText()).toContain('***');
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
    await step('ACCEPTED');
    await bp.getByTestId('case-contact').getByText('13800138000', { exact: false }).waitFor();
    await step('IN_CONTACT');
    await step('UNDER_REVIEW');
    await step('APPROVED', () => bp.getByTestId('approved-rate').fill('3.25'));
    await step('DISBURSED');
    await bp.getByTestId('case-state').getByText('已放款').waitFor();
    expect(await bp.getByTestId('case-disbursed').innerText()).toBe('800万元');

    // 4. The bureau's statistics grew by the disbursement.
    const officer = await h.app.userWithRole(Role.BUREAU, { organizationId: bureau.organizationId });
    const bu = await h.newPage();
    await loginThroughUi(bu, officer.user.email, TEST_PASSWORD);
    await bu.getByTestId('nav-matchmaking-pipeline').click();
    await bu.getByTestId('stat-disbursed').waitFor();
    // The figure appears once the statistics have loaded.
    for (let i = 0; i < 50 && wan(await bu.getByTestId('stat-disbursed').innerText()) === 0; i++) await bu.waitForTimeout(200);
    expect(wan(await bu.getByTestId('stat-disbursed').innerText())).toBeCloseTo(Number(before) + 800, 2);
    await bu.getByTestId('chart-over-time').waitFor();
    for (const p of [bp, ep, bu]) await p.context().close();
  });
});
