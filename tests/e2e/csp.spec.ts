import { Role } from '@zj/shared';
import type { Page } from 'playwright-core';
import { uniqueEmail } from '../support/factories';
import { TEST_ADMIN, TEST_PASSWORD } from '../support/test-app';
import { BrowserHarness, describeBrowser, loginThroughUi, startBrowserHarness } from './support/browser';

/**
 * Issue 13 (defect 7e): the built app is served with a Content-Security-Policy without inline scripts,
 * and runs under it: no violation is reported while signing in and walking through pages.
 */

/** Collects CSP violations: the page's `securitypolicyviolation` events and the console's reports. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__zjCspViolation', (v: string) => seen.push(v));
  // Runs in the page before its own scripts (the harness injects it, so the policy does not apply to it).
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => window.__zjCspViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
  });
  return seen;
}

/** Waits until the page shows no spinner or skeleton (its data has loaded). */
async function settled(page: Page) {
  const busy = page.locator('.ant-spin-spinning, .ant-skeleton');
  for (let i = 0; i < 100 && (await busy.count()) > 0; i++) await page.waitForTimeout(100);
}

describeBrowser('the web app runs under its Content-Security-Policy', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 180_000);
  afterAll(() => h?.close());

  it('signing in and opening pages (tables, forms, charts) reports no violation', async () => {
    const page = await h.newPage();
    const violations = await watchViolations(page);
    const res = await page.goto('/login');
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    await loginThroughUi(page, TEST_ADMIN.email, TEST_ADMIN.password);
    for (const path of ['/', '/organizations', '/users', '/projects', '/products', '/pipeline', '/plan', '/events', '/notifications', '/profile']) {
      await page.goto(path);
      await page.getByTestId('side-menu').waitFor();
      await settled(page);
    }
    // A dialog (an antd modal, its styles written at run time) with a select dropdown.
    await page.goto('/users');
    await page.getByTestId('user-create').click();
    await page.locator('.ant-modal .ant-select').first().click();
    await page.locator('.ant-select-dropdown').first().waitFor();
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('a user signing in with the published default password sees only the password change, then signs in again', async () => {
    const admin = await h.app.admin();
    const bank = await h.app.userWithRole(Role.BANK);
    const email = uniqueEmail('published');
    const created = await h.app.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email, displayName: '公开密码', role: Role.BANK, organizationId: bank.organizationId, password: 'Change#Me2026' });
    expect(created.status).toBe(201);

    const page = await h.newPage();
    const violations = await watchViolations(page);
    await page.goto('/login');
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('Change#Me2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('password-change-required').waitFor();
    expect(await page.getByTestId('side-menu').count()).toBe(0);

    await page.getByTestId('password-current').fill('Change#Me2026');
    await page.getByTestId('password-new').fill(TEST_PASSWORD.replace('2026', '2031'));
    await page.getByTestId('password-confirm').fill(TEST_PASSWORD.replace('2026', '2031'));
    await page.getByTestId('password-submit').click();
    await page.getByTestId('login-notice').waitFor();
    await loginThroughUi(page, email, TEST_PASSWORD.replace('2026', '2031'));
    await page.getByTestId('home').waitFor();
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
