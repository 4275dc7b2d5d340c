import { OrgType, Role } from '@zj/shared';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { orgFactory, uniqueEmail } from '../support/factories';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Issue 13, defects 2 (published defaults work in production) and 7 (login: enumeration of locked
 * accounts, no limit per client address, concurrent refreshes ending the session, access tokens alive
 * after logout, no Content-Security-Policy).
 */

/** The admin password docker-compose.yml used to fall back to (published in the repository). */
const PUBLISHED_ADMIN_PASSWORD = 'Change#Me2026';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const strongSecret = () => randomBytes(36).toString('base64url');
const withoutRequestId = (e: Record<string, unknown>) => ({ ...e, requestId: undefined });

describe('defect 2: a configured or published admin password must be changed before anything else works', () => {
  it('in production, the administrator given by ADMIN_PASSWORD is sent to change it, and only that works until then', async () => {
    const email = uniqueEmail('prod-admin');
    const configured = 'Operator#Chosen2026';
    const app = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: strongSecret(), ADMIN_EMAIL: email, ADMIN_PASSWORD: configured, CASE_OVERDUE_SWEEP_MS: '0' } });
    try {
      const s = await app.login(email, configured);
      expect(s.user).toMatchObject({ mustChangePassword: true, passwordChangeRequired: true });

      const blocked = await app.http.get('/api/v1/organizations').set(s.auth);
      expect(blocked.status).toBe(403);
      expect(blocked.body.error).toMatchObject({ code: 'AUTH_PASSWORD_CHANGE_REQUIRED', requestId: expect.any(String) });
      expect(blocked.body.error.message).toMatch(/修改密码/);
      // A refreshed session is held to the same.
      const refreshed = await app.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
      expect(refreshed.status).toBe(200);
      expect((await app.http.get('/api/v1/users').set({ Authorization: `Bearer ${refreshed.body.accessToken}` })).status).toBe(403);

      // What the change needs still works: who am I, change the password.
      const me = await app.http.get('/api/v1/me').set(s.auth);
      expect(me.status).toBe(200);
      expect(me.body.passwordChangeRequired).toBe(true);
      // The published password may not be chosen as the new one.
      const published = await app.http.post('/api/v1/me/password').set(s.auth).send({ currentPassword: configured, newPassword: PUBLISHED_ADMIN_PASSWORD });
      expect(published.status).toBe(400);
      expect((await app.http.post('/api/v1/me/password').set(s.auth).send({ currentPassword: configured, newPassword: 'Bureau#Own2027pw' })).status).toBe(204);

      const again = await app.login(email, 'Bureau#Own2027pw');
      expect(again.user).toMatchObject({ mustChangePassword: false, passwordChangeRequired: false });
      expect((await app.http.get('/api/v1/organizations').set(again.auth)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('the published default admin password is forced to change in any environment', async () => {
    const email = uniqueEmail('default-admin');
    const app = await startTestApp({ env: { ADMIN_EMAIL: email, ADMIN_PASSWORD: PUBLISHED_ADMIN_PASSWORD } });
    try {
      const s = await app.login(email, PUBLISHED_ADMIN_PASSWORD);
      expect(s.user.passwordChangeRequired).toBe(true);
      const blocked = await app.http.get('/api/v1/users').set(s.auth);
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    } finally {
      await app.close();
    }
  });

  it('in production, an account signing in with a published password (the demo one) must change it; an administrator already created is held to it at the next start', async () => {
    const email = uniqueEmail('early-admin');
    const configured = 'Operator#Early2026';
    // Started once outside production (the administrator is created and not held)…
    const dev = await startTestApp({ env: { ADMIN_EMAIL: email, ADMIN_PASSWORD: configured } });
    try {
      expect((await dev.login(email, configured)).user.passwordChangeRequired).toBe(false);
    } finally {
      await dev.close();
    }
    // …then in production with the same configuration: the configured password must now be changed.
    const app = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: strongSecret(), ADMIN_EMAIL: email, ADMIN_PASSWORD: configured, CASE_OVERDUE_SWEEP_MS: '0' } });
    try {
      const admin = await app.login(email, configured);
      expect(admin.user.passwordChangeRequired).toBe(true);
      expect((await app.http.post('/api/v1/me/password').set(admin.auth).send({ currentPassword: configured, newPassword: 'Bureau#Own2027pw' })).status).toBe(204);
      const a = await app.login(email, 'Bureau#Own2027pw');

      const bank = await app.http.post('/api/v1/organizations').set(a.auth).send(orgFactory(OrgType.FINANCIAL_INSTITUTION));
      expect(bank.status).toBe(201);
      const userEmail = uniqueEmail('demo-pw');
      const created = await app.http.post('/api/v1/users').set(a.auth).send({ email: userEmail, displayName: '演示密码', role: Role.BANK, organizationId: bank.body.id, password: 'Demo@Zhanjiang2026' });
      expect(created.status).toBe(201);
      const demo = await app.login(userEmail, 'Demo@Zhanjiang2026');
      expect(demo.user.passwordChangeRequired).toBe(true);
      expect((await app.http.get('/api/v1/notifications/inbox').set(demo.auth)).body.error?.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    } finally {
      await app.close();
    }
  });
});

describe('defect 7: login hardening', () => {
  let app: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'zj-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
    app = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3', WEB_DIST_DIR: webDir, AUTH_SESSION_CACHE_MS: '60000' } });
  });
  afterAll(() => app.close());

  const login = (email: string, password: string, ip?: string) => {
    const req = app.http.post('/api/v1/auth/login');
    if (ip) req.set('X-Forwarded-For', ip);
    return req.send({ email, password });
  };
  const refresh = (refreshToken: string) => app.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => app.http.get('/api/v1/me').set({ Authorization: `Bearer ${accessToken}` });

  it('(a) a locked account answers exactly as an unknown one (status, code, message, details); its owner is told', async () => {
    const s = await app.userWithRole(Role.ENTERPRISE);
    for (let i = 0; i < 3; i++) expect((await login(s.user.email, 'Wrong#Password1')).status).toBe(401);
    const locked = await login(s.user.email, TEST_PASSWORD);
    const unknown = await login(uniqueEmail('nobody'), TEST_PASSWORD);
    expect(unknown.status).toBe(401);
    expect(locked.status).toBe(unknown.status);
    expect(withoutRequestId(locked.body.error)).toEqual(withoutRequestId(unknown.body.error));
    expect(Object.keys(locked.body.error).sort()).toEqual(Object.keys(unknown.body.error).sort());
    // The real owner learns of it by notification (in-app and e-mail).
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE type = 'ACCOUNT_LOCKED' AND payload::text LIKE $1`, [`%${s.user.id}%`]);
    expect(n).toBe(1);
  });

  it('(c) two tabs refreshing one token at once both keep the session; a reuse after the grace still ends the family', async () => {
    const s = await app.userWithRole(Role.BANK);
    const [a, b] = await Promise.all([refresh(s.refreshToken), refresh(s.refreshToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await me(a.body.accessToken)).status).toBe(200);
    expect((await me(b.body.accessToken)).status).toBe(200);
    expect((await refresh(a.body.refreshToken)).status).toBe(200);
    expect((await refresh(b.body.refreshToken)).status).toBe(200);

    const t = await app.userWithRole(Role.BANK);
    const r1 = await refresh(t.refreshToken);
    expect(r1.status).toBe(200);
    // The grace has run out (the token was used an hour ago).
    await app.dataSource.query(`UPDATE refresh_tokens SET used_at = used_at - interval '1 hour' WHERE token_hash = $1`, [sha256(t.refreshToken)]);
    const replay = await refresh(t.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('AUTH_REFRESH_TOKEN_REUSED');
    expect((await refresh(r1.body.refreshToken)).status).toBe(401);
    expect((await me(r1.body.accessToken)).status).toBe(401);
  });

  it('(c) a token whose successor was itself used is no longer in its grace', async () => {
    const s = await app.userWithRole(Role.BANK);
    const r1 = await refresh(s.refreshToken);
    const r2 = await refresh(r1.body.refreshToken);
    expect(r2.status).toBe(200);
    const replay = await refresh(s.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('AUTH_REFRESH_TOKEN_REUSED');
    expect((await refresh(r2.body.refreshToken)).status).toBe(401);
  });

  it('(d) an access token stops working at logout (other sessions of the user go on) and at a password change', async () => {
    const s = await app.userWithRole(Role.COUNTY);
    const other = await app.login(s.user.email, TEST_PASSWORD);
    expect((await me(s.accessToken)).status).toBe(200);
    expect((await app.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken })).status).toBe(204);
    const after = await me(s.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('AUTH_INVALID_ACCESS_TOKEN');
    expect((await me(other.accessToken)).status).toBe(200);

    expect((await app.http.post('/api/v1/me/password').set(other.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'New#Password2027' })).status).toBe(204);
    expect((await me(other.accessToken)).status).toBe(401);
  });

  it('(d) checking the session costs no database round trip per request', async () => {
    const s = await app.userWithRole(Role.DEPARTMENT);
    const spy = jest.spyOn(app.dataSource, 'query');
    try {
      for (let i = 0; i < 10; i++) expect((await me(s.accessToken)).status).toBe(200);
      const lookups = spy.mock.calls.filter(([sql]) => /\bFROM users\b/i.test(String(sql)));
      expect(lookups.length).toBeLessThanOrEqual(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('(e) the web app is sent with a Content-Security-Policy allowing no inline script; the API with a closed one', async () => {
    const page = await app.http.get('/login');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy'] ?? '');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values] as const));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval/);

    const api = await app.http.get('/api/v1/health');
    expect(String(api.headers['content-security-policy'])).toMatch(/default-src 'none'/);
  });
});

describe('defect 7 (b): failed logins are limited per client address across accounts', () => {
  let app: TestApp;
  let setup: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_IP_MAX_FAILURES: '5', LOGIN_IP_WINDOW_MINUTES: '15' } });
    // Failures are counted in the database, across processes and test files: the user is made through
    // an API process with the tests' generous limit, and every request here names its own address.
    setup = await startTestApp();
  });
  afterAll(async () => {
    await setup?.close();
    await app?.close();
  });

  it('answers 429 in the error shape once one address failed N times, whatever the accounts; other addresses go on', async () => {
    const s = await setup.userWithRole(Role.ENTERPRISE);
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++) {
      const res = await app.http.post('/api/v1/auth/login').set('X-Forwarded-For', attacker).send({ email: uniqueEmail(`spray${i}`), password: 'Spray#Password1' });
      expect(res.status).toBe(401);
    }
    const blocked = await app.http.post('/api/v1/auth/login').set('X-Forwarded-For', attacker).send({ email: s.user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.any(String), requestId: expect.any(String) });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    const elsewhere = await app.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.8').send({ email: s.user.email, password: TEST_PASSWORD });
    expect(elsewhere.status).toBe(200);
  });
});
