import { LoginResponse, OrgType, Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createPlatform, Platform } from '../../apps/api/src/bootstrap';
import type { LogLevel } from '../../apps/api/src/common/logging/logger';
import { loadConfig } from '../../apps/api/src/config/app.config';
import { countyOrgName } from '../../apps/api/src/setup/reference-seed';
import { orgFactory, uniqueEmail } from './factories';

export const TEST_ADMIN = { email: 'admin@test.zjgf.local', password: 'Admin#Zhanjiang2026' };
export const TEST_PASSWORD = 'Test#Password2026';

export interface Session extends LoginResponse {
  auth: { Authorization: string };
  organizationId: string;
}

export interface TestApp {
  platform: Platform;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  /** Signs in as the bureau administrator. */
  admin(): Promise<Session>;
  /** A new organisation of the role's kind (or `organizationId`) with a new user of the role, signed in. */
  userWithRole(role: Role, opts?: { organizationId?: string; divisionCode?: string }): Promise<Session>;
  login(email: string, password: string): Promise<Session>;
  /** Listens on a free loopback port (for browser tests); answers the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

const ORG_TYPE_FOR_ROLE: Record<Role, OrgType> = {
  [Role.ENTERPRISE]: OrgType.ENTERPRISE,
  [Role.BANK]: OrgType.FINANCIAL_INSTITUTION,
  [Role.DEPARTMENT]: OrgType.GOVERNMENT_UNIT,
  [Role.COUNTY]: OrgType.COUNTY,
  [Role.BUREAU]: OrgType.GOVERNMENT_UNIT,
  [Role.REGULATOR]: OrgType.GOVERNMENT_UNIT,
};

/**
 * Starts the real platform (API, and the worker when asked) on the run's database and queue
 * backend — PostgreSQL and Redis servers when DATABASE_URL / REDIS_URL are set, embedded otherwise.
 */
export async function startTestApp(
  opts: { worker?: boolean; env?: Record<string, string>; log?: { level: LogLevel; to: DestinationStream } } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    QUEUE_DATABASE_URL: process.env.QUEUE_DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'zj-test-')),
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'error',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    // Failed logins per client address (all tests come from one): high, so that no test trips it by accident.
    LOGIN_IP_MAX_FAILURES: '100000',
    QUEUE_PREFIX: `t${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    WEB_DIST_DIR: '',
    ...opts.env,
  });
  // Errors only: a 500 in a test prints its stack with the request id.
  const platform = await createPlatform(config, { api: true, worker: opts.worker ?? false, logLevel: opts.log?.level ?? 'error', logTo: opts.log?.to });
  await platform.app.init();
  const http = request(platform.app.getHttpServer());
  const dataSource = platform.app.get(DataSource);

  const login = async (email: string, password: string): Promise<Session> => {
    const res = await http.post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const body = res.body as LoginResponse;
    return { ...body, auth: { Authorization: `Bearer ${body.accessToken}` }, organizationId: body.user.organization.id };
  };
  const admin = () => login(TEST_ADMIN.email, TEST_ADMIN.password);

  const userWithRole = async (role: Role, o: { organizationId?: string; divisionCode?: string } = {}): Promise<Session> => {
    const a = await admin();
    let organizationId = o.organizationId;
    if (!organizationId) {
      const type = ORG_TYPE_FOR_ROLE[role];
      const body = orgFactory(type, { divisionCode: o.divisionCode });
      if (type === OrgType.COUNTY) body.name = `${countyOrgName(body.divisionCode!)}（测试${randomUUID().slice(0, 6)}）`;
      const res = await http.post('/api/v1/organizations').set(a.auth).send(body);
      if (res.status !== 201) throw new Error(`create org failed: ${res.status} ${JSON.stringify(res.body)}`);
      organizationId = res.body.id as string;
    }
    const email = uniqueEmail(role.toLowerCase());
    const res = await http.post('/api/v1/users').set(a.auth).send({ email, displayName: `测试${role}`, role, organizationId, password: TEST_PASSWORD });
    if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
    return login(email, TEST_PASSWORD);
  };

  return {
    platform,
    http,
    dataSource,
    admin,
    userWithRole,
    login,
    async listen() {
      await platform.app.listen(0, '127.0.0.1');
      const { port } = platform.app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${port}`;
    },
    close: () => platform.close(),
  };
}
