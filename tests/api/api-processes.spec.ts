import { Role } from '@zj/shared';
import { uniqueEmail } from '../support/factories';
import { Session, startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

// Sessions are ended across processes by PostgreSQL NOTIFY; the embedded engine (one process by
// design) serves one session to all its clients and delivers no notice between them.
const sessionsSkipReason =
  process.env.ZJ_TEST_ENGINE === 'server' ? undefined : 'ending sessions across API processes needs a PostgreSQL server (DATABASE_URL): the embedded engine runs one API process';
if (sessionsSkipReason) console.warn(`api-processes: two session tests skipped: ${sessionsSkipReason}`);
const itWithServer = sessionsSkipReason ? it.skip : it;

/**
 * Issue 16: nothing in the API may assume it runs alone. Two API processes on one database (two
 * platforms, each with its own memory and pool): what one knows, the other must not contradict.
 */
describe('two API processes on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // Each process keeps a session check for a minute (the longest allowed): only being told ends it sooner.
    const env = { AUTH_SESSION_CACHE_MS: '60000' };
    a = await startTestApp({ env });
    b = await startTestApp({ env });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const me = (t: TestApp, s: Session) => t.http.get('/api/v1/me').set(s.auth);
  /** Asks until the answer has `status` (the other process is told asynchronously), at most `ms`. */
  const eventually = async (ask: () => Promise<{ status: number }>, status: number, ms = 5000) => {
    const until = Date.now() + ms;
    let last = await ask();
    while (last.status !== status && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      last = await ask();
    }
    return last.status;
  };

  itWithServer('a logout through one process ends the access token on the other, which had it in memory for a minute', async () => {
    const s = await a.userWithRole(Role.ENTERPRISE);
    expect((await me(b, s)).status).toBe(200);
    expect((await a.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken })).status).toBe(204);
    expect(await eventually(() => me(b, s), 401)).toBe(401);
  });

  itWithServer('a user disabled through one process is refused by the other; the user’s colleague goes on', async () => {
    const s = await a.userWithRole(Role.BANK);
    const colleague = await a.userWithRole(Role.BANK, { organizationId: s.organizationId });
    expect((await me(b, s)).status).toBe(200);
    expect((await me(b, colleague)).status).toBe(200);
    const admin = await a.admin();
    expect((await a.http.patch(`/api/v1/users/${s.user.id}`).set(admin.auth).send({ status: 'DISABLED' })).status).toBe(200);
    expect(await eventually(() => me(b, s), 401)).toBe(401);
    expect((await me(b, colleague)).status).toBe(200);
  });

  it('the login limit per account and address counts the attempts made on both processes', async () => {
    const limited = { LOGIN_RATE_LIMIT_PER_MINUTE: '4' };
    const [x, y] = [await startTestApp({ env: limited }), await startTestApp({ env: limited })];
    try {
      const email = uniqueEmail('both-processes');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t = i % 2 ? y : x;
        statuses.push((await t.http.post('/api/v1/auth/login').send({ email, password: 'Wrong#Password1' })).status);
      }
      // Four attempts in all, whichever process took them; then 429 on either.
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      // Another account from the same address is not held back.
      expect((await x.http.post('/api/v1/auth/login').send({ email: uniqueEmail('other'), password: TEST_PASSWORD })).status).toBe(401);
    } finally {
      await y.close();
      await x.close();
    }
  });
});
