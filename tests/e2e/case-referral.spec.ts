import { Role } from '@zj/shared';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

describeBrowser('转介 after a decline: the enterprise sees the proposals with reasons and sends the need on', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('declined → proposals with reasons → confirmation naming the bank → the new case links back', async () => {
    const g = await greenEnterprise(h.app);
    const need = await openNeed(h.app, g, { amount: '600.00' });
    const bankA = await h.app.userWithRole(Role.BANK);
    const bankB = await h.app.userWithRole(Role.BANK);
    const pa = await publishedProduct(h.app, bankA);
    // An exact category and the lowest rate: among equally fitting products it ranks first.
    const pb = await publishedProduct(h.app, bankB, { categoryRules: [{ version: 'GIC-2019', prefix: '5.2.2' }], rateMinPercent: '1.50', rateMaxPercent: '1.80' });
    const applied = await h.app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: pa.id }).expect(201);
    await h.app.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(bankA.auth).send({ to: 'DECLINED', reasonCode: 'CAPACITY' }).expect(200);

    const page = await h.newPage();
    await loginThroughUi(page, g.enterprise.user.email, TEST_PASSWORD);
    await page.goto(`/cases/${applied.body.id}`);
    const panel = page.getByTestId('referrals');
    await panel.getByTestId('referral-note').waitFor();
    expect(await panel.getByTestId('referral-note').innerText()).toContain('均满足全部必要条件');
    const proposal = panel.locator('[data-testid^="referral-proposal-"]').filter({ hasText: pb.name });
    await proposal.waitFor();
    expect(await proposal.innerText()).toContain('匹配说明');
    expect(await proposal.innerText()).not.toContain(bankA.user.organization.name);
    await proposal.getByRole('button', { name: /^转\s?介$/ }).click();
    const confirmText = page.getByTestId('referral-confirm-text');
    await confirmText.waitFor();
    expect(await confirmText.innerText()).toContain(`将转给${bankB.user.organization.name}`);
    expect(await confirmText.innerText()).toContain('将收到通知');
    await page.getByTestId('referral-confirm').click();

    // The new case: pending at bank B, its origin links back to the declined case.
    await page.getByTestId('case-referred-from').waitFor();
    expect(await page.getByTestId('case-referred-from').innerText()).toContain(bankA.user.organization.name);
    expect(await page.getByTestId('case-state').innerText()).toBe('待受理');
    const newId = page.url().split('/cases/')[1];
    expect(newId).not.toBe(applied.body.id);
    await page.getByTestId(`timeline-link-${applied.body.id}`).click();
    // Back on the declined case: its timeline and the panel link to the new case.
    await page.getByTestId(`timeline-link-${newId}`).waitFor();
    expect(await page.getByTestId('referrals-made').innerText()).toContain(bankB.user.organization.name);
    await page.context().close();
  });
});
