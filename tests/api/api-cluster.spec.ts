import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import request from 'supertest';
import { freePort, waitFor } from '../support/notifications-helpers';
import { TEST_ADMIN } from '../support/test-app';

const skipReason = process.env.ZJ_TEST_ENGINE === 'server' ? undefined : 'several API processes need a PostgreSQL server (DATABASE_URL): the embedded engine serves one process';
if (skipReason) console.warn(`api-cluster skipped: ${skipReason}`);
const describeWithServer = skipReason ? describe.skip : describe;

/**
 * Issue 16: `npm start` with API_PROCESSES=2 runs the migrations and the worker in the first process
 * and two API processes on one port; one that dies is started again; SIGTERM stops them all.
 */
describeWithServer('npm start with API_PROCESSES=2', () => {
  let primary: ChildProcess | undefined;
  let output = '';
  afterAll(() => {
    if (primary && primary.exitCode === null) primary.kill('SIGKILL');
  });

  /** The API processes: the first process's children running this entry. */
  const apiProcesses = () =>
    execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(primary!.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('cluster-main'))
      .map((l) => Number(l.trim().split(/\s+/)[0]));

  it('serves on one port from two API processes, replaces one that dies, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    primary = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/cluster-main.ts')], {
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(__dirname, '../../apps/api/tsconfig.json'),
        NODE_ENV: 'test',
        API_PROCESSES: '2',
        PORT: String(port),
        DATABASE_URL: process.env.DATABASE_URL,
        REDIS_URL: process.env.REDIS_URL ?? '',
        QUEUE_PREFIX: `c${randomUUID().replace(/-/g, '').slice(0, 12)}`,
        JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
        ADMIN_EMAIL: TEST_ADMIN.email,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        DEMO_DATA: 'false',
        // Login attempts are counted in the database, where every test file of this worker signs the
        // administrator in: the tests' generous limits, as startTestApp sets them.
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        LOGIN_IP_MAX_FAILURES: '100000',
        WEB_DIST_DIR: '',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    primary.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => primary!.once('exit', (code) => r(code)));

    // The banner comes once both API processes listen.
    await waitFor(async () => output.includes('API 进程：2 个'), 120_000, `the cluster's banner (output so far: ${output.slice(-500)})`);
    const first = apiProcesses();
    expect(first).toHaveLength(2);
    const http = request(`http://127.0.0.1:${port}`);
    expect((await http.get('/api/v1/health')).status).toBe(200);
    const login = await http.post('/api/v1/auth/login').send(TEST_ADMIN);
    expect(login.status).toBe(200);

    // One API process dies: another takes its place, and the platform goes on answering.
    process.kill(first[0], 'SIGKILL');
    const replaced = await waitFor(async () => {
      const now = apiProcesses();
      return now.length === 2 && !now.includes(first[0]) ? now : null;
    }, 60_000, 'a new API process in place of the killed one');
    expect(replaced).toContain(first[1]);
    await waitFor(async () => (await http.get('/api/v1/health').then((r) => r.status, () => 0)) === 200, 60_000, 'health after the restart');
    expect((await http.get('/api/v1/me').set({ Authorization: `Bearer ${login.body.accessToken}` })).status).toBe(200);

    // SIGTERM: the API processes and the worker stop, the first process exits with 0.
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
  }, 300_000);
});
