import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ALL_ROLES, CommonErrorCode, NOTIFICATION_LOCALES, NotificationType, Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * The authorisation matrix (issue 13): every operation of the OpenAPI document the API serves,
 * called anonymously and as one signed-in user of each role. The expectation comes from the
 * operation's `x-roles` (written by @Roles / @AnyRole / @Public), so a new route is checked by
 * itself, and a route without a policy fails (it has no x-roles, and the guard refuses everybody).
 *
 *   anonymous        → 401 UNAUTHENTICATED in the error shape, unless the route is PUBLIC;
 *   a role not named → 403 FORBIDDEN in the error shape;
 *   a role named     → anything but 401/403 (400, 404, 200… are all fine), never a 5xx.
 *
 * Path parameters are random uuids (nothing exists), or a valid-looking value for the few that are
 * not ids; writes get an empty JSON body `{}`, which validation refuses where a body is required,
 * so that the bureau's calls change nothing that matters (see SAFE_SUCCESSES below).
 */

const PUBLIC = 'PUBLIC';
const ANY_AUTHENTICATED = 'ANY_AUTHENTICATED';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Caller = Role | 'anonymous';

/** Requests in flight at once: small batches, the machine has 2 cores shared with others. */
const PARALLEL = 6;
/** A route that does not answer (headers) within this time is a finding, not a hang. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Routes the matrix cannot exercise as described: none today. Streaming answers (the SSE inbox
 * stream) are handled by reading the status and closing the stream; multipart uploads receive
 * `{}` as JSON, which the guard judges before the upload is looked at. A route added here must
 * say why; the test asserts each one still exists so the list cannot rot.
 */
const EXCLUDED: { route: string; reason: string }[] = [];

/**
 * Writes that the bureau (or another allowed caller) may answer with success to `{}` and random
 * ids. Each is harmless: it changes only the caller's own data, or nothing. Any other 2xx write is
 * reported, so that a call that would change shared state is looked at before it is accepted here.
 */
const SAFE_SUCCESSES = new Set<string>([
  'POST /api/v1/notifications/inbox/read-all', // the caller's own inbox: these fresh users' (nothing of anybody else)
  'PUT /api/v1/notifications/preferences', // no field given: the caller's own preferences stay as they are
  'POST /api/v1/notifications/admin/dashboard-ticket', // a one-minute ticket to view the queue board, nothing stored
  // Removes an override of ACCOUNT_CREATED/en if this worker's database has one (a no-op, not even
  // audited, otherwise); test files on a worker run one after another and none relies on another's leftovers.
  'DELETE /api/v1/notifications/admin/templates/{type}/{locale}',
]);

/** Non-id path parameters: a valid-looking value, far from any other test's data. */
const PARAM_VALUES: Record<string, string> = {
  date: '2099-12-31',
  month: '2099-12',
  version: 'GIC-2019',
  type: NotificationType.ACCOUNT_CREATED,
  locale: NOTIFICATION_LOCALES[1],
};

interface ParamSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
}
interface Operation {
  parameters?: { name: string; in: string; schema?: ParamSchema; example?: unknown }[];
  'x-roles'?: unknown;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

interface MatrixRoute {
  method: Method;
  /** As in the document: /api/v1/events/{id}. */
  path: string;
  roles: string[];
  params: Record<string, ParamSchema & { example?: unknown }>;
}

const routeName = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

function routesOf(doc: OpenApi): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: MatrixRoute['params'] = {};
      for (const p of op.parameters ?? []) if (p.in === 'path') params[p.name] = { ...p.schema, example: p.example ?? p.schema?.example };
      out.push({ method: method as Method, path, roles: Array.isArray(op['x-roles']) ? (op['x-roles'] as string[]) : [], params });
    }
  }
  return out;
}

/** A value for a path parameter: from its OpenAPI schema when it says more than "string", else by name, else a random uuid. */
function paramValue(name: string, schema: MatrixRoute['params'][string] | undefined): string {
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.example !== undefined) return String(schema.example);
  if (schema?.format === 'uuid') return randomUUID();
  if (schema?.format === 'date') return PARAM_VALUES.date;
  return PARAM_VALUES[name] ?? randomUUID();
}

/** The policy problems of a route's x-roles (empty when it names one valid policy). */
function policyProblems(roles: string[]): string[] {
  if (!roles.length) return ['no x-roles: the route declares no access policy (@Roles, @AnyRole or @Public)'];
  if ((roles.includes(PUBLIC) || roles.includes(ANY_AUTHENTICATED)) && roles.length > 1) return [`x-roles mixes ${roles.join(', ')}`];
  const unknown = roles.filter((r) => r !== PUBLIC && r !== ANY_AUTHENTICATED && !ALL_ROLES.includes(r as Role));
  return unknown.length ? [`x-roles names unknown roles: ${unknown.join(', ')}`] : [];
}

type Expectation = 'allowed' | 'unauthenticated' | 'forbidden';

function expectationFor(route: MatrixRoute, caller: Caller): Expectation {
  if (route.roles.includes(PUBLIC)) return 'allowed';
  if (caller === 'anonymous') return 'unauthenticated';
  return route.roles.includes(ANY_AUTHENTICATED) || route.roles.includes(caller) ? 'allowed' : 'forbidden';
}

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
}

/** One call; a streaming answer (server-sent events) is judged by its status and then closed. */
async function call(base: string, method: Method, url: string, token: string | undefined): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const write = method !== 'get';
  if (write) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  try {
    const res = await fetch(base + url, { method: method.toUpperCase(), headers, body: write ? '{}' : undefined, signal: controller.signal });
    const contentType = res.headers.get('content-type') ?? '';
    if (contentType.includes('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, contentType, body: '<event stream>' };
    }
    const text = await res.text();
    let body: unknown = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    if (contentType.includes('application/json') && text) body = JSON.parse(text) as unknown;
    return { status: res.status, contentType, body };
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(answer: Answer): string | undefined {
  const e = (answer.body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | null)?.error;
  if (!answer.contentType.includes('application/json') || !e) return undefined;
  return typeof e.code === 'string' && typeof e.message === 'string' && typeof e.requestId === 'string' ? e.code : undefined;
}

/** What is wrong with an answer, or null when it is what x-roles says. */
function judge(route: MatrixRoute, expected: Expectation, answer: Answer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (expected === 'unauthenticated') {
    if (answer.status !== 401) return `anonymous caller answered ${answer.status}, expected 401`;
    if (errorCode(answer) !== CommonErrorCode.UNAUTHENTICATED) return `401 not in the error shape with code ${CommonErrorCode.UNAUTHENTICATED}`;
    return null;
  }
  if (expected === 'forbidden') {
    if (answer.status !== 403) return `role outside x-roles answered ${answer.status}, expected 403`;
    if (errorCode(answer) !== CommonErrorCode.FORBIDDEN) return `403 not in the error shape with code ${CommonErrorCode.FORBIDDEN}`;
    return null;
  }
  if (answer.status === 401 || answer.status === 403) return `caller allowed by x-roles answered ${answer.status}`;
  if (route.method !== 'get' && answer.status < 300 && !SAFE_SUCCESSES.has(routeName(route))) {
    return `write succeeded (${answer.status}) with {} and random ids: may change shared state; look at it, then list it in SAFE_SUCCESSES if harmless`;
  }
  return null;
}

/** Every route the API's controllers serve, as "METHOD /path/{param}" (OpenAPI spelling). */
function servedRoutes(app: TestApp): string[] {
  const modules = app.platform.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const out: string[] = [];
  for (const wrapper of [...modules.values()].flatMap((m) => [...m.controllers.values()])) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prefix = (Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | undefined) ?? '';
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = `/api/v1/${prefix}/${path}`.replace(/\/+/g, '/').replace(/\/$/, '').replace(/:(\w+)/g, '{$1}');
      out.push(`${method} ${full}`);
    }
  }
  return out.sort();
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

describe('authorisation matrix: every route of the OpenAPI document × anonymous and every role', () => {
  let app: TestApp;
  let base: string;
  let routes: MatrixRoute[];
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    app = await startTestApp();
    base = await app.listen();
    const doc = await app.http.get('/api/docs-json');
    expect(doc.status).toBe(200);
    routes = routesOf(doc.body as OpenApi);
    for (const role of ALL_ROLES) sessions.set(role, role === Role.BUREAU ? await app.admin() : await app.userWithRole(role));
  });
  afterAll(() => app?.close());

  it('the document lists every route the API serves, each with one valid policy in x-roles', () => {
    const documented = new Set(routes.map(routeName));
    const served = servedRoutes(app);
    expect(served.length).toBeGreaterThan(100);
    // A route left out of the document (e.g. @ApiExcludeEndpoint) would escape the matrix.
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.includes(r))).toEqual([]);
    const problems = routes.flatMap((r) => policyProblems(r.roles).map((p) => `${routeName(r)}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('each excluded route still exists and says why it is excluded', () => {
    const documented = new Set(routes.map(routeName));
    for (const e of EXCLUDED) expect({ route: e.route, exists: documented.has(e.route), reason: e.reason.length > 10 }).toEqual({ route: e.route, exists: true, reason: true });
    expect(EXCLUDED.length).toBeLessThanOrEqual(3);
    for (const r of SAFE_SUCCESSES) expect({ route: r, exists: documented.has(r) }).toEqual({ route: r, exists: true });
  });

  it('anonymous → 401 unless PUBLIC; a role outside x-roles → 403; a role in x-roles → in, never a 5xx', async () => {
    const excluded = new Set(EXCLUDED.map((e) => e.route));
    const checked = routes.filter((r) => !excluded.has(routeName(r)));
    const callers: Caller[] = ['anonymous', ...ALL_ROLES];
    const checks = checked.flatMap((route) => {
      const url = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(paramValue(name, route.params[name])));
      return callers.map((caller) => ({ route, url, caller }));
    });
    const violations: { route: string; url: string; caller: Caller; expected: Expectation; status: number; problem: string; body: unknown }[] = [];
    const tally: Record<Expectation, number> = { allowed: 0, unauthenticated: 0, forbidden: 0 };
    const started = Date.now();

    await inBatches(checks, PARALLEL, async ({ route, url, caller }) => {
      const expected = expectationFor(route, caller);
      tally[expected]++;
      const token = caller === 'anonymous' ? undefined : sessions.get(caller)!.accessToken;
      let answer: Answer;
      try {
        answer = await call(base, route.method, url, token);
      } catch (e) {
        violations.push({ route: routeName(route), url, caller, expected, status: 0, problem: `request failed: ${(e as Error).message}`, body: null });
        return;
      }
      const problem = judge(route, expected, answer);
      if (problem) violations.push({ route: routeName(route), url, caller, expected, status: answer.status, problem, body: answer.body });
    });

    // The suite's own sessions must still be valid after the matrix (no call ended them).
    for (const [role, s] of sessions) expect({ role, status: (await app.http.get('/api/v1/me').set(s.auth)).status }).toEqual({ role, status: 200 });

    console.log(
      `authorisation matrix: ${checked.length} routes × ${callers.length} callers (anonymous + ${ALL_ROLES.length} roles) = ${checks.length} checks ` +
        `(${tally.allowed} allowed, ${tally.forbidden} refused 403, ${tally.unauthenticated} refused 401) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${violations.length} violations; excluded: ${EXCLUDED.length}`,
    );
    expect(violations.sort((a, b) => a.route.localeCompare(b.route) || a.caller.localeCompare(b.caller))).toEqual([]);
    expect(checked.length + EXCLUDED.length).toBe(routes.length);
  });
});
