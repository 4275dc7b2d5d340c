import { ALL_ROLES, Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Each role against each foundation route: who gets in (anything but 401/403) and who is refused.
 * Features keep their own matrices beside their scenarios; this one covers the platform core.
 */
const ANY = 'ANY' as const;
const MATRIX: { method: 'get' | 'post' | 'patch'; path: string; body?: object; allowed: readonly Role[] | typeof ANY }[] = [
  { method: 'get', path: '/api/v1/me', allowed: ANY },
  { method: 'patch', path: '/api/v1/me', body: { displayName: '新名字' }, allowed: ANY },
  { method: 'get', path: '/api/v1/users', allowed: [Role.BUREAU] },
  { method: 'post', path: '/api/v1/users', body: {}, allowed: [Role.BUREAU] },
  { method: 'patch', path: `/api/v1/users/${randomUUID()}`, body: {}, allowed: [Role.BUREAU] },
  { method: 'post', path: `/api/v1/users/${randomUUID()}/unlock`, allowed: [Role.BUREAU] },
  { method: 'get', path: '/api/v1/organizations', allowed: [Role.BUREAU] },
  { method: 'post', path: '/api/v1/organizations', body: {}, allowed: [Role.BUREAU] },
  { method: 'patch', path: `/api/v1/organizations/${randomUUID()}`, body: {}, allowed: [Role.BUREAU] },
  { method: 'get', path: `/api/v1/organizations/${randomUUID()}`, allowed: ANY },
  { method: 'get', path: '/api/v1/audit-log', allowed: [Role.BUREAU] },
  { method: 'get', path: '/api/v1/audit-log/verify', allowed: [Role.BUREAU] },
  { method: 'post', path: '/api/v1/reference/taxonomies', body: {}, allowed: [Role.BUREAU] },
];

describe('each role’s access to each foundation route', () => {
  let app: TestApp;
  const sessions = new Map<Role, Session>();
  beforeAll(async () => {
    app = await startTestApp();
    for (const role of ALL_ROLES) sessions.set(role, role === Role.BUREAU ? await app.admin() : await app.userWithRole(role));
  });
  afterAll(() => app.close());

  for (const route of MATRIX) {
    it(`${route.method.toUpperCase()} ${route.path.replace(/[0-9a-f-]{36}/, ':id')}`, async () => {
      const outcome: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const role of ALL_ROLES) {
        let req = app.http[route.method](route.path).set(sessions.get(role)!.auth);
        if (route.body) req = req.send(route.body);
        const res = await req;
        outcome[role] = res.status === 403 ? 'refused' : res.status === 401 ? 'unauthenticated' : 'allowed';
        expected[role] = route.allowed === ANY || route.allowed.includes(role) ? 'allowed' : 'refused';
      }
      expect(outcome).toEqual(expected);
      const anonymous = await app.http[route.method](route.path).send(route.body ?? {});
      expect(anonymous.status).toBe(401);
    });
  }

  it('public routes answer without a token', async () => {
    for (const path of ['/api/v1/health', '/api/v1/reference/divisions', '/api/v1/reference/taxonomies', '/api/v1/reference/taxonomies/GIC-2019/categories']) {
      expect({ path, status: (await app.http.get(path)).status }).toEqual({ path, status: 200 });
    }
  });
});
