import { Role } from '@zj/shared';
import { creditCodeFactory, uniqueEmail } from '../support/factories';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

describe('auth: login, refresh rotation, lockout', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(() => app.close());

  it('logs in with e-mail and password, answering tokens and the user', async () => {
    const s = await app.userWithRole(Role.BANK);
    expect(s.accessToken).toEqual(expect.any(String));
    expect(s.refreshToken).toEqual(expect.any(String));
    expect(s.user).toMatchObject({ role: Role.BANK, organization: { type: 'FINANCIAL_INSTITUTION' } });
    const me = await app.http.get('/api/v1/me').set(s.auth);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(s.user.email);
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    const s = await app.userWithRole(Role.ENTERPRISE);
    const wrong = await app.http.post('/api/v1/auth/login').send({ email: s.user.email, password: 'Wrong#Password1' });
    const unknown = await app.http.post('/api/v1/auth/login').send({ email: 'nobody@test.zjgf.local', password: 'Wrong#Password1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(wrong.body.error.requestId).toEqual(expect.any(String));
  });

  it('rotates refresh tokens: each works once, and a reused one ends the whole family', async () => {
    const s = await app.userWithRole(Role.ENTERPRISE);
    const r1 = await app.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    const r2 = await app.http.post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);

    // The first token again: a replay. It is refused, and the newest token of its family dies too.
    const replay = await app.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('AUTH_REFRESH_TOKEN_REUSED');
    const afterReplay = await app.http.post('/api/v1/auth/refresh').send({ refreshToken: r2.body.refreshToken });
    expect(afterReplay.status).toBe(401);

    // Another session of the same user (another family) is untouched.
    const other = await app.login(s.user.email, TEST_PASSWORD);
    expect((await app.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('logout revokes the session’s refresh token', async () => {
    const s = await app.userWithRole(Role.COUNTY);
    expect((await app.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken })).status).toBe(204);
    expect((await app.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
  });

  it('locks the account after repeated failures, even for the right password, until the bureau unlocks it', async () => {
    const s = await app.userWithRole(Role.ENTERPRISE);
    for (let i = 0; i < 3; i++) {
      expect((await app.http.post('/api/v1/auth/login').send({ email: s.user.email, password: 'Wrong#Password1' })).status).toBe(401);
    }
    // Locked: the right password is refused too, with the answer an unknown account gets (issue 13).
    const locked = await app.http.post('/api/v1/auth/login').send({ email: s.user.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(401);
    expect(locked.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const [{ locked_until }] = await app.dataSource.query('SELECT locked_until FROM users WHERE id = $1', [s.user.id]);
    expect(new Date(locked_until).getTime()).toBeGreaterThan(Date.now());

    const admin = await app.admin();
    expect((await app.http.post(`/api/v1/users/${s.user.id}/unlock`).set(admin.auth)).status).toBe(200);
    expect((await app.http.post('/api/v1/auth/login').send({ email: s.user.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('a password change ends every session: old access and refresh tokens stop working', async () => {
    const s = await app.userWithRole(Role.DEPARTMENT);
    const weak = await app.http.post('/api/v1/me/password').set(s.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('AUTH_WEAK_PASSWORD');
    const wrongCurrent = await app.http.post('/api/v1/me/password').set(s.auth).send({ currentPassword: 'Nope#12345678', newPassword: 'New#Password2027' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.code).toBe('AUTH_WRONG_CURRENT_PASSWORD');

    expect((await app.http.post('/api/v1/me/password').set(s.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'New#Password2027' })).status).toBe(204);
    expect((await app.http.get('/api/v1/me').set(s.auth)).status).toBe(401);
    expect((await app.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
    expect((await app.http.post('/api/v1/auth/login').send({ email: s.user.email, password: TEST_PASSWORD })).status).toBe(401);
    const again = await app.login(s.user.email, 'New#Password2027');
    expect(again.user.mustChangePassword).toBe(false);
  });

  it('a disabled user cannot sign in and loses current sessions', async () => {
    const s = await app.userWithRole(Role.BANK);
    const admin = await app.admin();
    expect((await app.http.patch(`/api/v1/users/${s.user.id}`).set(admin.auth).send({ status: 'DISABLED' })).status).toBe(200);
    expect((await app.http.get('/api/v1/me').set(s.auth)).status).toBe(401);
    const res = await app.http.post('/api/v1/auth/login').send({ email: s.user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  it('enterprises register themselves with a valid credit code; a duplicate is a conflict', async () => {
    const body = { email: uniqueEmail('ent'), password: 'Green#Future2026', displayName: '李会计', enterpriseName: '测试注册企业有限公司', creditCode: creditCodeFactory('440882'), divisionCode: '440882' };
    const res = await app.http.post('/api/v1/auth/register-enterprise').send(body);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ role: 'ENTERPRISE', organization: { name: '测试注册企业有限公司', type: 'ENTERPRISE' } });
    const dup = await app.http.post('/api/v1/auth/register-enterprise').send({ ...body, email: uniqueEmail('ent2') });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('AUTH_CREDIT_CODE_TAKEN');
    const bad = await app.http.post('/api/v1/auth/register-enterprise').send({ ...body, email: uniqueEmail('ent3'), creditCode: body.creditCode.slice(0, 17) + (body.creditCode[17] === '1' ? '2' : '1') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'creditCode', messages: ['统一社会信用代码校验位不正确'] }]);
  });
});

describe('auth: login rate limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5', LOGIN_MAX_FAILURES: '100' } });
  });
  afterAll(() => app.close());

  it('answers 429 after too many attempts for one account from one address', async () => {
    const statuses: number[] = [];
    const target = uniqueEmail('target');
    for (let i = 0; i < 7; i++) {
      statuses.push((await app.http.post('/api/v1/auth/login').send({ email: target, password: 'Wrong#Password1' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const other = await app.http.post('/api/v1/auth/login').send({ email: uniqueEmail('other'), password: 'Wrong#Password1' });
    expect(other.status).toBe(401);
  });
});
