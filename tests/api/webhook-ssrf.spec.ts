import { Role } from '@zj/shared';
import dns from 'node:dns';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { AddressInfo } from 'node:net';
import { waitFor } from '../support/notifications-helpers';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Defect 3 of issue 13: any signed-in user could register a webhook (or 企业微信 robot) to loopback,
 * link-local or private addresses and the platform posted to them (SSRF). The address is resolved and
 * checked at registration and again at each delivery; only what WEBHOOK_ALLOWED_HOSTS names may be
 * internal; redirects are not followed; time-outs are short.
 *
 * No traffic ever leaves loopback here: host names under `.zj-ssrf.test` are answered by a fake
 * resolver with loopback addresses, and every socket connect of this process is watched — one to any
 * other address is recorded and blocked before it is made.
 */

const FAKE_ZONE = '.zj-ssrf.test';
/** What the fake resolver answers per name: a list of answers used in turn (the last one repeats). */
const fakeDns = new Map<string, string[][]>();
const lookups: string[] = [];

function fakeAnswer(host: string): string[] | null {
  const answers = fakeDns.get(host.toLowerCase());
  if (!answers?.length) return null;
  return answers.length > 1 ? answers.shift()! : answers[0];
}

/** Every socket connect this process attempts (host or path), and those blocked as non-loopback. */
const connects: string[] = [];
const blocked: string[] = [];

function connectTarget(args: unknown[]): { host?: string; port?: number; path?: string } {
  let a = args[0];
  if (Array.isArray(a)) a = a[0];
  if (a && typeof a === 'object') return a as { host?: string; port?: number; path?: string };
  if (typeof a === 'number' || (typeof a === 'string' && /^\d+$/.test(a))) return { port: Number(a), host: typeof args[1] === 'string' ? args[1] : undefined };
  if (typeof a === 'string') return { path: a };
  return {};
}

const isLoopbackTarget = (host: string | undefined) =>
  !host || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '::ffff:127.0.0.1' || host.toLowerCase().endsWith(FAKE_ZONE);

/** A local HTTP server on a loopback address of our choice that records what it receives. */
async function hookServer(host: string, respond: (req: IncomingMessage, res: ServerResponse) => void = (_q, s) => s.writeHead(204).end()) {
  const received: { path: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
      respond(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${host}:${port}`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('webhooks cannot reach internal addresses (SSRF)', () => {
  let app: TestApp;
  let admin: Session;
  /** Allowed by configuration (WEBHOOK_ALLOWED_HOSTS names 127.0.0.3/32). */
  let allowed: Awaited<ReturnType<typeof hookServer>>;
  /** Loopback but not allowed: whatever reaches it is an SSRF that got through. */
  let forbidden: Awaited<ReturnType<typeof hookServer>>;
  let hanging: Awaited<ReturnType<typeof hookServer>>;
  let redirecting: Awaited<ReturnType<typeof hookServer>>;

  beforeAll(async () => {
    const realLookup = dns.lookup.bind(dns);
    jest.spyOn(dns, 'lookup').mockImplementation(((host: string, options: unknown, callback?: unknown) => {
      const cb = (typeof options === 'function' ? options : callback) as (...a: unknown[]) => void;
      const opts = (typeof options === 'object' && options) || (typeof options === 'number' ? { family: options } : {});
      if (!host.toLowerCase().endsWith(FAKE_ZONE)) return (realLookup as (...a: unknown[]) => void)(host, options, callback);
      lookups.push(host);
      const answer = fakeAnswer(host);
      process.nextTick(() => {
        if (!answer) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host }));
        const all = answer.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
        if ((opts as { all?: boolean }).all) cb(null, all);
        else cb(null, all[0].address, all[0].family);
      });
    }) as unknown as typeof dns.lookup);
    const realPromiseLookup = dns.promises.lookup.bind(dns.promises);
    jest.spyOn(dns.promises, 'lookup').mockImplementation(((host: string, options?: unknown) => {
      if (!host.toLowerCase().endsWith(FAKE_ZONE)) return (realPromiseLookup as (...a: unknown[]) => unknown)(host, options);
      return new Promise((resolve, reject) =>
        (dns.lookup as (...a: unknown[]) => void)(host, options ?? {}, (err: Error | null, address: unknown, family?: number) => (err ? reject(err) : resolve(Array.isArray(address) ? address : { address, family }))),
      );
    }) as unknown as typeof dns.promises.lookup);
    const realConnect = net.Socket.prototype.connect;
    jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      const t = connectTarget(args);
      const where = t.path ?? `${t.host ?? 'localhost'}:${t.port}`;
      connects.push(where);
      if (!t.path && !isLoopbackTarget(t.host)) {
        blocked.push(where);
        process.nextTick(() => this.destroy(new Error(`blocked by the test: no traffic to ${where}`)));
        return this;
      }
      return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect);

    allowed = await hookServer('127.0.0.3');
    forbidden = await hookServer('127.0.0.2');
    hanging = await hookServer('127.0.0.3', () => undefined); // takes the request, never answers
    redirecting = await hookServer('127.0.0.3', (_q, s) => s.writeHead(302, { Location: `${forbidden.url}/redirected` }).end());
    fakeDns.set(`named${FAKE_ZONE}`, [['127.0.0.4']]);
    app = await startTestApp({
      worker: true,
      env: {
        WEBHOOK_ALLOWED_HOSTS: `127.0.0.3/32,named${FAKE_ZONE}`,
        WEBHOOK_CONNECT_TIMEOUT_MS: '500',
        WEBHOOK_TIMEOUT_MS: '1000',
        NOTIFY_RELAY_INTERVAL_MS: '100',
        NOTIFY_MAX_ATTEMPTS: '2',
        NOTIFY_BACKOFF_MS: '100',
      },
    });
    admin = await app.admin();
  });
  afterAll(async () => {
    await app?.close();
    jest.restoreAllMocks();
    for (const s of [allowed, forbidden, hanging, redirecting]) await s?.close();
  });

  const register = (s: Session, url: string, channel: 'WEBHOOK' | 'WECOM' = 'WEBHOOK') => app.http.post('/api/v1/notifications/endpoints').set(s.auth).send({ channel, name: '回调', url });
  const rename = (orgId: string) => app.http.patch(`/api/v1/organizations/${orgId}`).set(admin.auth).send({ name: `防护测试银行${Date.now()}${Math.random().toString(36).slice(2, 6)}分行` }).expect(200);
  const deliveriesOf = (endpointId: string) => app.dataSource.query(`SELECT status, attempts, last_error FROM notification_deliveries WHERE endpoint_id = $1`, [endpointId]);
  const finished = (endpointId: string) =>
    waitFor(async () => {
      const rows = await deliveriesOf(endpointId);
      return rows.length && rows.every((r: { status: string }) => r.status === 'SENT' || r.status === 'DEAD') ? rows : null;
    }, 20_000, `deliveries of ${endpointId} finished`);

  it('registration refuses loopback, link-local, private, multicast and unspecified addresses, in any spelling, naming the field', async () => {
    const bank = await app.userWithRole(Role.BANK);
    fakeDns.set(`intranet${FAKE_ZONE}`, [['10.1.2.3']]);
    fakeDns.set(`mixed${FAKE_ZONE}`, [['127.0.0.3', '192.168.10.10']]);
    const before = connects.length;
    const urls = [
      `${forbidden.url}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://10.0.0.1/',
      `http://localhost:${forbidden.port}/`,
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      'http://[fe80::1]/',
      'http://[fc00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://2130706433/',
      'http://0x7f.1/',
      `http://intranet${FAKE_ZONE}/hook`,
      `http://mixed${FAKE_ZONE}/hook`,
    ];
    for (const url of urls) {
      const res = await register(bank, url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('url');
    }
    // The 企业微信 robot's address is checked the same way.
    const robot = await register(bank, 'http://169.254.169.254/cgi-bin/webhook/send?key=x', 'WECOM');
    expect(robot.status).toBe(400);
    expect(robot.body.error.details.map((d: { field: string }) => d.field)).toContain('url');
    // So is a changed address.
    const ok = await register(bank, `${allowed.url}/bank`).expect(201);
    const moved = await app.http.patch(`/api/v1/notifications/endpoints/${ok.body.id}`).set(bank.auth).send({ version: 1, url: 'http://[::1]:8080/' });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.map((d: { field: string }) => d.field)).toContain('url');
    expect(await app.dataSource.query(`SELECT url FROM notification_endpoints WHERE organization_id = $1`, [bank.organizationId])).toEqual([{ url: `${allowed.url}/bank` }]);
    // Nothing was connected to while checking (addresses are only resolved), least of all outside loopback.
    expect(blocked).toEqual([]);
    const refusedHosts = ['127.0.0.2', '169.254.169.254', '::1', '10.0.0.1', 'localhost', '172.16.5.4', '192.168.1.1', '0.0.0.0', '224.0.0.1', 'fe80::1', 'fc00::1', `intranet${FAKE_ZONE}`, `mixed${FAKE_ZONE}`];
    expect(connects.slice(before).filter((c) => refusedHosts.some((h) => c.startsWith(`${h}:`)) || c.includes('ffff'))).toEqual([]);
  });

  it('what the configuration allows (an address range, a host name) is registered and delivered to', async () => {
    const named = await hookServer('127.0.0.4');
    try {
      const bank = await app.userWithRole(Role.BANK);
      const byRange = await register(bank, `${allowed.url}/range/${bank.organizationId}`).expect(201);
      const byName = await register(bank, `http://named${FAKE_ZONE}:${named.port}/name/${bank.organizationId}`).expect(201);
      await rename(bank.organizationId);
      await finished(byRange.body.id);
      await finished(byName.body.id);
      expect(await deliveriesOf(byRange.body.id)).toEqual([expect.objectContaining({ status: 'SENT' })]);
      expect(await deliveriesOf(byName.body.id)).toEqual([expect.objectContaining({ status: 'SENT' })]);
      expect(allowed.received.filter((r) => r.path === `/range/${bank.organizationId}`)).toHaveLength(1);
      expect(named.received.filter((r) => r.path === `/name/${bank.organizationId}`)).toHaveLength(1);
    } finally {
      await named.close();
    }
  });

  it('a delivery to a name that now resolves to a forbidden address is refused: dead-lettered with the reason, nothing sent', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const host = `rebind${FAKE_ZONE}`;
    fakeDns.set(host, [['127.0.0.3']]); // allowed when registered …
    const ep = await register(bank, `http://${host}:${forbidden.port}/rebind/${bank.organizationId}`).expect(201);
    fakeDns.set(host, [['127.0.0.2']]); // … and then the name is pointed at a forbidden address.
    await rename(bank.organizationId);
    const [d] = await finished(ep.body.id);
    expect(d.status).toBe('DEAD');
    expect(d.attempts).toBe(1); // refused for good, not retried
    expect(d.last_error).toContain('127.0.0.2');
    expect(d.last_error).toMatch(/不允许|拒绝/);
    expect(forbidden.received).toEqual([]);
  });

  it('addresses stored before the check (10.x, 169.254.169.254) are refused at delivery before any connection', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const rows = await app.dataSource.query(
      `INSERT INTO notification_endpoints (organization_id, channel, name, url, secret)
       VALUES ($1, 'WEBHOOK', '旧地址一', 'http://10.0.0.1:8080/hook', 's'), ($1, 'WECOM', '旧地址二', 'http://169.254.169.254/latest/meta-data/', NULL) RETURNING id`,
      [bank.organizationId],
    );
    await rename(bank.organizationId);
    for (const { id } of rows) {
      const [d] = await finished(id);
      expect(d.status).toBe('DEAD');
      expect(d.last_error).toMatch(/10\.0\.0\.1|169\.254\.169\.254/);
    }
    expect(connects.filter((c) => c.startsWith('10.') || c.startsWith('169.254.'))).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('the address checked is the address connected to: a name resolved again between check and connect cannot slip through', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const host = `flip${FAKE_ZONE}`;
    fakeDns.set(host, [['127.0.0.3']]);
    const ep = await register(bank, `http://${host}:${allowed.port}/flip/${bank.organizationId}`).expect(201);
    // At delivery the first answer is allowed, every later one forbidden (a DNS rebinding attack).
    fakeDns.set(host, [['127.0.0.3'], ['127.0.0.2']]);
    await rename(bank.organizationId);
    expect(await finished(ep.body.id)).toEqual([expect.objectContaining({ status: 'SENT' })]);
    expect(allowed.received.filter((r) => r.path === `/flip/${bank.organizationId}`)).toHaveLength(1);
    expect(forbidden.received).toEqual([]);
  });

  it('redirects are not followed', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const ep = await register(bank, `${redirecting.url}/redirect/${bank.organizationId}`).expect(201);
    await rename(bank.organizationId);
    const [d] = await finished(ep.body.id);
    expect(d.status).toBe('DEAD');
    expect(d.last_error).toMatch(/302/);
    expect(redirecting.received.filter((r) => r.path === `/redirect/${bank.organizationId}`).length).toBeGreaterThan(0);
    expect(forbidden.received).toEqual([]);
  });

  it('a receiver that never answers costs a short time-out, not a minute', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const ep = await register(bank, `${hanging.url}/hang/${bank.organizationId}`).expect(201);
    await rename(bank.organizationId);
    // WEBHOOK_TIMEOUT_MS is 1 s here (the old sender waited 10 s per attempt): the attempt ends on that
    // configured time-out, as its error says.
    const row = await waitFor(async () => (await deliveriesOf(ep.body.id)).find((r: { last_error: string | null }) => r.last_error), 30_000, 'a timed-out attempt');
    expect(row.last_error).toMatch(/请求超时：1000 ms 内未完成/);
  });
});
