import { OrgType, Role } from '@zj/shared';
import * as net from 'node:net';
import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable } from '../../apps/api/src/common/errors/all-exceptions.filter';
import { orgFactory } from '../support/factories';
import { needBody, uniq } from '../support/library-factories';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

/**
 * A database outage (issue 13, defect 8) answers 503 in the error shape, not 500, and the platform
 * recovers by itself. The app under test reaches the worker's own database through a small TCP proxy
 * started here; stopping the proxy (and cutting its open connections) is the outage. The shared
 * server is never touched.
 */

/** A TCP proxy to the database that can be stopped (refusing and cutting connections) and started again on its port. */
class DbProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /** Armed: the next COMMIT reaches the server, and its connection is cut before the answer reaches the app. */
  cutAfterNextCommit = false;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      let doomed = false;
      client.on('data', (buf: Buffer) => {
        // a simple-protocol Query message ('Q') for COMMIT
        if (this.cutAfterNextCommit && buf[0] === 0x51 && buf.includes('COMMIT')) {
          this.cutAfterNextCommit = false;
          doomed = true;
        }
        upstream.write(buf);
      });
      upstream.on('data', (buf: Buffer) => {
        if (!doomed) client.write(buf);
        else {
          client.destroy();
          upstream.destroy();
        }
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** New connections are refused and open ones are cut, as when the server goes away. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('a database outage answers 503 and the platform recovers (issue 13, defect 8)', () => {
  let proxy: DbProxy;
  let app: TestApp;

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    proxy = new DbProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    app = await startTestApp({ env: { DATABASE_URL: url.toString() } });
  });
  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await app?.close();
    await proxy.stop();
  });

  it('while the database is unreachable: 503 SERVICE_UNAVAILABLE with a Chinese message and the request id; afterwards: served again', async () => {
    const admin = await app.admin();
    expect((await app.http.get('/api/v1/organizations').set(admin.auth)).status).toBe(200);

    await proxy.stop();
    const expectUnavailable = (res: { status: number; body: { error?: Record<string, unknown> }; headers: Record<string, string> }) => {
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/[\u4e00-\u9fff]/), requestId: res.headers['x-request-id'] });
      expect(res.headers['retry-after']).toBeDefined();
    };
    // connections cut under the pool, then refused: reads, writes and the anonymous login alike
    expectUnavailable(await app.http.get('/api/v1/organizations').set(admin.auth));
    expectUnavailable(await app.http.get('/api/v1/organizations').set(admin.auth));
    expectUnavailable(await app.http.post('/api/v1/organizations').set(admin.auth).send(orgFactory(OrgType.ENTERPRISE)));
    expectUnavailable(await app.http.post('/api/v1/auth/login').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }));

    await proxy.start();
    let res = await app.http.get('/api/v1/organizations').set(admin.auth);
    for (let i = 0; i < 20 && res.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await app.http.get('/api/v1/organizations').set(admin.auth);
    }
    expect(res.status).toBe(200);
    const created = await app.http.post('/api/v1/organizations').set(admin.auth).send(orgFactory(OrgType.ENTERPRISE));
    expect(created.status).toBe(201);
    expect((await app.http.post('/api/v1/auth/login').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password })).status).toBe(200);
  });

  it('a write that committed while its answer failed (503) is not done again when retried with its Idempotency-Key', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const post = (body: Record<string, unknown>, key?: string) => {
      const req = app.http.post('/api/v1/financing-needs').set(ent.auth);
      if (key) req.set('Idempotency-Key', key);
      return req.send(body);
    };
    const count = async (purpose: unknown) => {
      const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM financing_needs WHERE purpose = $1', [purpose]);
      return n as number;
    };

    // Without a key: the transaction commits, the connection is cut before the app hears it: 503, yet the need exists;
    // the client's retry makes a second one (the hazard).
    const bare = needBody({ purpose: `断连测试${uniq()}` });
    proxy.cutAfterNextCommit = true;
    const lost = await post(bare);
    expect(lost.status).toBe(503);
    expect(await count(bare.purpose)).toBe(1);
    expect((await post(bare)).status).toBe(201);
    expect(await count(bare.purpose)).toBe(2);

    // With a key: the same loss, then the retry is told it was done, and does nothing.
    const keyed = needBody({ purpose: `断连幂等测试${uniq()}` });
    const key = randomUUID();
    proxy.cutAfterNextCommit = true;
    const lostToo = await post(keyed, key);
    expect(lostToo.status).toBe(503);
    expect(await count(keyed.purpose)).toBe(1);
    const retry = await post(keyed, key);
    expect(retry.status).toBe(409);
    expect(retry.body.error).toMatchObject({ code: 'IDEMPOTENCY_RESULT_UNAVAILABLE', message: expect.stringContaining('已处理成功') });
    expect(await count(keyed.purpose)).toBe(1);
  });

  it('knows the errors of an unreachable database from those of a bad query', () => {
    const net = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
    expect(isDatabaseUnavailable(net('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: Object.assign(new Error('x'), { code: '08006' }) })).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([net('ECONNREFUSED'), net('ECONNREFUSED')], 'connect failed'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});
