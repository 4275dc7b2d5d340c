import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { OrgType, Role } from '@zj/shared';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bodyLimitFor, DEFAULT_BODY_LIMIT, LARGE_BODY_ROUTES } from '../../apps/api/src/common/http/body-limits';
import { orgFactory } from '../support/factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Hostile input (issue 13, defects 1 and 6, and the property-based suite): deep nesting, big bodies,
 * NUL bytes, lone surrogates and huge numbers answer 4xx in the one error shape, never 5xx, and store
 * nothing. The suite walks the OpenAPI document the app serves, so a new route is covered by itself.
 */

const API = '/api/v1';
/** Fixed, so a run is repeatable; HOSTILE_SEED and HOSTILE_RUNS (a multiplier) explore further by hand. */
const SEED = Number(process.env.HOSTILE_SEED ?? 1313);
const RUNS = Math.max(1, Number(process.env.HOSTILE_RUNS ?? 1));

// ---------------------------------------------------------------------------------------------------
// Helpers: the error shape, raw bodies, tolerant URL encoding, trace counting.

function expectErrorShape(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }));
}

/** Problems with a response to hostile input; empty when it is acceptable. */
function shapeProblems(res: Response): string[] {
  if (res.status >= 500) return [`answered ${res.status}`];
  if (res.status < 400) return [];
  const e = (res.body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | undefined)?.error;
  if (!/application\/json/.test(String(res.headers['content-type']))) return [`${res.status} not in JSON (${res.headers['content-type']})`];
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || typeof e.requestId !== 'string') return [`${res.status} not in the error shape`];
  return [];
}

/** A value serialised by hand (deep nesting), spliced into a JSON body in place of a marker. */
class Raw {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}
}

function nested(kind: 'array' | 'object', depth: number): Raw {
  const text = kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return new Raw(text, `<${kind} nested ${depth} deep>`);
}

/** JSON text of a value that may contain Raw parts (JSON.stringify escapes lone surrogates as \udxxx). */
function toJson(value: unknown): string {
  const raws: Raw[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Raw) {
      raws.push(v);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)].text);
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Raw ? v.label : typeof v === 'string' && v.length > 60 ? `<string of ${v.length}>` : v));
  return (text ?? String(value)).slice(0, 300);
}

/** Percent-encodes UTF-8 bytes; `%XX` sequences already in a "raw:" value are sent as they are. */
function encodeQueryValue(v: string): string {
  if (v.startsWith('raw:')) return v.slice(4);
  return [...Buffer.from(v, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

// ---------------------------------------------------------------------------------------------------
// The OpenAPI document: write routes, list queries, plausible bodies.

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  minimum?: number;
}

interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-roles'?: string[];
}

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  roles: string[];
  query: string[];
  pathParams: string[];
  bodySchema?: Schema;
  multipart: boolean;
}

function routesOf(doc: { paths: Record<string, Record<string, Operation>> }): Route[] {
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method as Route['method'],
        path,
        roles: op['x-roles'] ?? [],
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        bodySchema: content['application/json']?.schema,
        multipart: !!content['multipart/form-data'],
      });
    }
  }
  return out;
}

/** Path parameters: random uuids, except the few that are not ids (kept far from other tests' data). */
function fillPath(route: Route, uuid: string): string {
  const special: Record<string, string> = { date: '2099-12-31', month: '2099-12', version: 'GIC-2019' };
  return API + route.path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(special[name] ?? uuid));
}

const FIXED_UUID = '5b0c8a52-3c3e-4a43-9d1e-6f2f3b7a9c10';

function plausible(doc: { components: { schemas: Record<string, Schema> } }, schema: Schema | undefined, name: string, depth = 0): unknown {
  if (!schema || depth > 5) return 'x';
  if (schema.$ref) return plausible(doc, doc.components.schemas[schema.$ref.split('/').pop()!], name, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => plausible(doc, s, name, depth + 1)));
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, plausible(doc, s, k, depth + 1)]));
  }
  switch (schema.type) {
    case 'array':
      return [plausible(doc, schema.items, name, depth + 1)];
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid' || /Ids?$/.test(name)) return FIXED_UUID;
      if (/email/i.test(name)) return 'fuzz@test.zjgf.local';
      if (/(At|On|Date|deadline|From|Until)$/.test(name)) return '2099-06-01T02:00:00.000Z';
      return '湛江测试';
  }
}

/** Every path to a value inside a plausible body: ['name'], ['items', 0, 'text'], … */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => leafPaths(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
  return [prefix];
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

// ---------------------------------------------------------------------------------------------------
// Hostile values.

const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 6 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 6 }))
  .map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`);
const withNul = fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}\u0000${b}`);
const longString = fc.constantFrom(300, 2_001, 10_001, 30_000).map((n) => '绿'.repeat(n));
const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 63, Number('12345678901234567890'), Number.MAX_SAFE_INTEGER + 2, -0, 1e-300, 0.5, -1, 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const numericString = fc.constantFrom('1e308', '99999999999999999999', '-1', '1.5', 'NaN', 'Infinity', '0x1f', '', ' ', '9'.repeat(400));
const oddDate = fc.constantFrom('9999-12-31T23:59:59Z', '0000-00-00', '2024-02-30', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '1970-01-01', '2026-13-01');
const oddUuid = fc.oneof(fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'), fc.uuid());
const wrongType = fc.oneof(fc.constantFrom<unknown>(null, true, false, {}, [], [null], { a: 1 }, ''), fc.jsonValue({ maxDepth: 3 }));
const deep = fc
  .tuple(fc.constantFrom<'array' | 'object'>('array', 'object'), fc.oneof(fc.constantFrom(33, 2_000, 5_000, 20_000), fc.integer({ min: 33, max: 3_000 })))
  .map(([k, d]) => nested(k, d));

/** Each kind of hostile value; every route meets each kind at least once (then mixed ones). */
const LEAF_KINDS: Record<string, fc.Arbitrary<unknown>> = {
  nul: withNul,
  'lone surrogate': loneSurrogate,
  'deep nesting': deep,
  'huge number': hugeNumber,
  'numeric string': numericString,
  'long string': longString,
  'odd date': oddDate,
  'odd uuid': oddUuid,
  'wrong type': wrongType,
  'NUL in a list': fc.array(withNul, { minLength: 1, maxLength: 3 }),
};
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(...Object.values(LEAF_KINDS));
const unknownKey = fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'a\u0000b', '\ud800', 'isAdmin'));
const wholeBody: fc.Arbitrary<unknown> = fc.oneof(
  deep,
  wrongType,
  withNul,
  hugeNumber,
  fc.constant(new Raw(`[${'0,'.repeat(20_000)}0]`, '<array of 20,001 numbers>')),
  fc.constant(new Raw(`{${Array.from({ length: 3_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`, '<object with 3,000 unknown fields>')),
);

type Case = { body: unknown; what: string };

/** Arbitraries of hostile bodies built on a plausible one, by kind (plus 'mixed'). */
function hostileBodies(base: unknown): Record<string, fc.Arbitrary<Case>> {
  const paths = leafPaths(base);
  const replace = (leaf: fc.Arbitrary<unknown>) => fc.tuple(fc.constantFrom(...paths), leaf).map(([p, v]) => ({ body: setAt(base, p, v), what: `${p.join('.') || '(body)'} = ${describeValue(v)}` }));
  const out: Record<string, fc.Arbitrary<Case>> = {};
  for (const [kind, leaf] of Object.entries(LEAF_KINDS)) out[kind] = replace(leaf);
  out['unknown field'] = fc.tuple(unknownKey, hostileLeaf).map(([k, v]) => {
    const text = toJson(base);
    const obj = base && typeof base === 'object' && !Array.isArray(base) ? text.slice(0, -1) + (text.length > 2 ? ',' : '') : '{';
    return { body: new Raw(`${obj}${JSON.stringify(k)}:${toJson(v)}}`, 'unknown field'), what: `unknown field ${JSON.stringify(k)} = ${describeValue(v)}` };
  });
  out['whole body'] = wholeBody.map((v) => ({ body: v, what: `body = ${describeValue(v)}` }));
  out.mixed = fc.oneof(...Object.values(out));
  return out;
}

const hostileQueryValue = fc.oneof(
  withNul,
  fc.constantFrom('raw:%00', 'raw:a%00b', 'raw:%ED%A0%80', 'raw:%C0%80', 'raw:%FF%FE', 'raw:%E4%B8', 'raw:%', 'raw:%zz'),
  numericString,
  oddDate,
  oddUuid,
  fc.constantFrom('x'.repeat(5_000), '-createdAt', '--x', 'a;DROP TABLE users', "'", '[]', '{}', 'null', 'true'),
  fc.string({ maxLength: 12 }),
);

// ---------------------------------------------------------------------------------------------------
// The largest valid body of a DTO, estimated from its validation rules (3 bytes a character).

type Cls = new (...args: unknown[]) => unknown;

function largestValidBody(cls: Cls, seen: Cls[] = []): number {
  if (seen.includes(cls)) return 0;
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, typeof metas>();
  for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  let total = 2;
  for (const [property, ms] of byProperty) {
    const named = (n: string) => ms.find((m) => m.name === n);
    let item = 24; // a number, a boolean, a date, a short code
    if (ms.some((m) => m.type === 'nestedValidation')) {
      // The nested class, as class-transformer makes it from a plain object (its @Type).
      const made = (plainToInstance(cls, { [property]: {} }) as Record<string, unknown>)[property];
      const inner = made && typeof made === 'object' && made.constructor !== Object ? (made.constructor as Cls) : undefined;
      item = inner ? largestValidBody(inner, [...seen, cls]) : 0;
    } else if (named('maxLength') || named('isLength')) {
      const m = (named('maxLength') ?? named('isLength'))!;
      item = 3 * Number(m.name === 'maxLength' ? m.constraints[0] : m.constraints[1]) + 2;
    } else if (named('isUuid')) item = 38;
    else if (named('isEnum') || named('isIn')) {
      const values = named('isEnum') ? Object.values(named('isEnum')!.constraints[0] as object) : (named('isIn')!.constraints[0] as unknown[]);
      item = Math.max(...values.map((v) => JSON.stringify(v).length));
    }
    const arrayMax = named('arrayMaxSize');
    if (arrayMax) item = item * Number(arrayMax.constraints[0]) + Number(arrayMax.constraints[0]);
    total += property.length + 4 + item;
  }
  return total;
}

/** Every route with a JSON body DTO, from Nest's metadata: `POST /api/v1/events` → CreateEventDto. */
function bodyRoutes(app: TestApp): { method: string; path: string; dto: Cls }[] {
  const out: { method: string; path: string; dto: Cls }[] = [];
  const scanner = new MetadataScanner();
  for (const wrapper of [...app.platform.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()])) {
    const instance = wrapper.instance as Record<string, object> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prefix = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string;
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const sub = Reflect.getMetadata(PATH_METADATA, instance[name]) as string | undefined;
      if (sub === undefined) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, wrapper.metatype, name) ?? {}) as Record<string, { index: number; data?: unknown }>;
      const types = (Reflect.getMetadata('design:paramtypes', Object.getPrototypeOf(instance), name) ?? []) as Cls[];
      for (const [key, arg] of Object.entries(args)) {
        if (key.split(':')[0] !== String(RouteParamtypes.BODY) || arg.data !== undefined || typeof types[arg.index] !== 'function') continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, instance[name]) as number];
        out.push({ method, path: `/${API}/${prefix}/${sub}`.replace(/\/+/g, '/').replace(/\/$/, ''), dto: types[arg.index] });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

describe('hostile input: bodies, nesting, NUL, lone surrogates, huge numbers (issue 13)', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  const auditCount = async () => Number((await app.dataSource.query('SELECT count(*)::int AS n FROM audit_log'))[0].n);

  describe('defect 1: nesting depth and body size', () => {
    it('a body nested 2,000 levels deep answers 400 in the error shape: anonymously on login, as the bureau on a write route', async () => {
      const deepJson = `{"email":"a@b.cn","password":${'['.repeat(2000)}1${']'.repeat(2000)}}`;
      const login = await app.http.post(`${API}/auth/login`).set('Content-Type', 'application/json').send(deepJson);
      expectErrorShape(login, 400);
      expect(login.body.error.details).toEqual([expect.objectContaining({ field: 'password' })]);

      const body = `{"type":"GOVERNMENT_UNIT","name":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`;
      const before = await auditCount();
      const org = await app.http.post(`${API}/organizations`).set(bureau.auth).set('Content-Type', 'application/json').send(body);
      expectErrorShape(org, 400);
      expect(org.body.error.details).toEqual([expect.objectContaining({ field: 'name' })]);
      expect(await auditCount()).toBe(before);
    });

    it('a whole body nested 100,000 levels deep (within the size limit of a large route) answers 400, not a stack overflow', async () => {
      const res = await app.http.post(`${API}/plan/work-lists`).set(bureau.auth).set('Content-Type', 'application/json').send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      expectErrorShape(res, 400);
    });

    it('an anonymous login body of ~1 MB is refused with 413 in the error shape, and so is one just over 64 KB', async () => {
      const big = await app.http.post(`${API}/auth/login`).send({ email: 'a@b.cn', password: 'p'.repeat(1_000_000) });
      expectErrorShape(big, 413);
      expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      const justOver = await app.http.post(`${API}/auth/login`).send({ email: 'a@b.cn', password: 'p'.repeat(64 * 1024) });
      expectErrorShape(justOver, 413);
      // A normal login body is not affected.
      const ok = await app.http.post(`${API}/auth/login`).send({ email: 'nobody@test.zjgf.local', password: 'wrong' });
      expect(ok.status).toBe(401);
    });

    it('routes that legitimately take big JSON (2,000 invited organisations) accept it from a signed-in caller, but not anonymously', async () => {
      const invited = Array.from({ length: 2000 }, () => randomUUID());
      const body = { type: 'AWARENESS', title: '大报文测试', startsAt: '2099-05-20T01:30:00.000Z', venue: '湛江市民大厦', description: '说'.repeat(5000), invitedOrganizationIds: invited };
      expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
      const signedIn = await app.http.post(`${API}/events`).set(bureau.auth).send(body);
      expect(signedIn.status).not.toBe(413);
      expect(signedIn.status).toBeLessThan(500);
      const anonymous = await app.http.post(`${API}/events`).send(body);
      expectErrorShape(anonymous, 413);
      // A body beyond even the large limit is refused for the bureau too.
      const tooBig = await app.http.post(`${API}/events`).set(bureau.auth).send({ ...body, description: 'x'.repeat(3_000_000) });
      expectErrorShape(tooBig, 413);
    });

    it('body-parser refusals (unsupported charset, bad encoding) answer in the error shape', async () => {
      const charset = await app.http.post(`${API}/auth/login`).set('Content-Type', 'application/json; charset=klingon').send('{"email":"a@b.cn","password":"x"}');
      expect(charset.status).toBeGreaterThanOrEqual(400);
      expect(charset.status).toBeLessThan(500);
      expectErrorShape(charset, charset.status);
      const encoding = await app.http.post(`${API}/auth/login`).set('Content-Type', 'application/json').set('Content-Encoding', 'compress-me').send('{"email":"a@b.cn","password":"x"}');
      expect(encoding.status).toBeLessThan(500);
      expectErrorShape(encoding, encoding.status);
    });
    it('every JSON route admits its largest valid body (estimated from its DTO), and only routes that need it have a large limit', () => {
      const routes = bodyRoutes(app);
      expect(routes.length).toBeGreaterThan(60);
      const tooSmall = routes.map((r) => ({ ...r, largest: largestValidBody(r.dto), limit: bodyLimitFor(r.method, r.path) })).filter((r) => r.largest > r.limit);
      expect(tooSmall.map((r) => `${r.method} ${r.path} (${r.dto.name}): up to ${r.largest} bytes, limit ${r.limit} (list it in LARGE_BODY_ROUTES, common/http/body-limits.ts)`)).toEqual([]);
      for (const rule of LARGE_BODY_ROUTES) {
        const route = routes.find((r) => r.method === rule.method && bodyLimitFor(r.method, r.path, [rule]) === rule.limit);
        expect(route && `${rule.method} ${rule.path}: ${largestValidBody(route.dto)}`).toMatch(/: \d+$/);
        expect(largestValidBody(route!.dto)).toBeGreaterThan(DEFAULT_BODY_LIMIT);
      }
    });

    it('a signed-in body of 200,000 items on a large route answers 400 naming the field, not a 500 after seconds of validation', async () => {
      const body = `{"year":2099,"items":[${Array.from({ length: 200_000 }, () => '{}').join(',')}]}`;
      const res = await app.http.post(`${API}/plan/work-lists`).set(bureau.auth).set('Content-Type', 'application/json').send(body);
      expectErrorShape(res, 400);
      expect(res.body.error.details).toEqual([{ field: 'items', messages: [expect.stringMatching(/数据项过多/)] }]);
      // Thousands of wrong fields within the limits answer a bounded error, not one entry each.
      const many = await app.http.post(`${API}/plan/work-lists`).set(bureau.auth).send({ year: 2099, items: Array.from({ length: 3_000 }, () => ({ keyWorkId: 1, text: 2 })) });
      expectErrorShape(many, 400);
      expect(many.body.error.details.length).toBeLessThanOrEqual(50);
    });
  });

  describe('defect 6: NUL bytes, lone surrogates, huge page numbers', () => {
    it.each([
      ['a NUL byte', 'a\u0000b'],
      ['a lone surrogate', 'a\ud800b'],
    ])('%s in the anonymous login answers 400 naming the field', async (_what, value) => {
      for (const body of [
        { email: value, password: 'x' },
        { email: 'nobody@test.zjgf.local', password: value },
      ]) {
        const res = await app.http.post(`${API}/auth/login`).set('Content-Type', 'application/json').send(JSON.stringify(body));
        expectErrorShape(res, 400);
        const field = body.password === value ? 'password' : 'email';
        expect(res.body.error.details).toEqual([expect.objectContaining({ field })]);
      }
    });

    it.each([
      ['a NUL byte', 'a\u0000b'],
      ['a lone surrogate', 'a\udc00b'],
    ])('%s in a nested write field answers 400 naming it, and stores nothing', async (_what, value) => {
      const org = orgFactory(OrgType.GOVERNMENT_UNIT);
      const before = await auditCount();
      const res = await app.http.post(`${API}/organizations`).set(bureau.auth).set('Content-Type', 'application/json').send(JSON.stringify({ ...org, name: `测试${value}` }));
      expectErrorShape(res, 400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'name' })]);
      const list = await app.http.post(`${API}/plan/work-lists`).set(bureau.auth).set('Content-Type', 'application/json').send(JSON.stringify({ year: 2099, items: [{ keyWorkId: FIXED_UUID, text: '正常' }, { keyWorkId: FIXED_UUID, text: value }] }));
      expectErrorShape(list, 400);
      expect(list.body.error.details).toEqual([expect.objectContaining({ field: 'items[1].text' })]);
      expect(await auditCount()).toBe(before);
    });

    it('a NUL byte in a query value or a path parameter answers 400 naming it', async () => {
      const q = await app.http.get(`${API}/organizations?q=a%00b`).set(bureau.auth);
      expectErrorShape(q, 400);
      expect(q.body.error.details).toEqual([expect.objectContaining({ field: 'q' })]);
      const products = await app.http.get(`${API}/products?q=%00`);
      expectErrorShape(products, 400);
      const param = await app.http.get(`${API}/reference/taxonomies/GIC%002019/categories`);
      expectErrorShape(param, 400);
      expect(param.body.error.details).toEqual([expect.objectContaining({ field: 'version' })]);
    });

    it('a NUL byte in a multipart text field (parsed inside the route) answers 400 naming it', async () => {
      const res = await app.http
        .post(`${API}/reference/taxonomies`)
        .set(bureau.auth)
        .field('version', 'GFC-2099')
        .field('name', '目录\u0000版本')
        .attach('file', Buffer.from('code,name\n1,节能环保产业\n'), 'taxonomy.csv');
      expectErrorShape(res, 400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'name' })]);
    });

    it('an unknown field named __proto__ is refused and named like any other, not dropped silently', async () => {
      const res = await app.http.patch(`${API}/me`).set(bureau.auth).set('Content-Type', 'application/json').send('{"displayName":"原型测试","__proto__":{"role":"BUREAU"}}');
      expectErrorShape(res, 400);
      expect(res.body.error.details).toEqual([{ field: '__proto__', messages: ['不允许的字段'] }]);
    });

    it('huge, negative and fractional page numbers answer 400 naming the field on every list route', async () => {
      const doc = (await app.http.get('/api/docs-json')).body;
      const lists = routesOf(doc).filter((r) => r.method === 'get' && r.query.includes('page'));
      expect(lists.length).toBeGreaterThan(10);
      const failures: string[] = [];
      const sessions = await sessionsFor(lists);
      for (const route of lists) {
        for (const [field, value] of [
          ['page', '1e308'],
          ['page', '12345678901234567890'],
          ['page', '-1'],
          ['page', '1.5'],
          ['page', '100001'],
          ['pageSize', '1e308'],
          ['pageSize', '99999999999999999999'],
        ]) {
          const res = await app.http.get(`${fillPath(route, FIXED_UUID)}?${field}=${value}`).set(sessions(route)?.auth ?? {});
          const fields = ((res.body?.error?.details ?? []) as { field: string }[]).map((d) => d.field);
          if (res.status !== 400 || !fields.includes(field)) failures.push(`GET ${route.path}?${field}=${value} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('a page within bounds still works', async () => {
      const res = await app.http.get(`${API}/organizations?page=100000&pageSize=100`).set(bureau.auth);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    });
  });

  /** A signed-in session allowed by each route (the bureau where it may, else the first role it names). */
  async function sessionsFor(routes: Route[], asBureau = bureau) {
    const byRole = new Map<string, Session>([['BUREAU', asBureau]]);
    for (const r of routes) {
      const role = pickRole(r);
      if (role && !byRole.has(role)) byRole.set(role, await app.userWithRole(role as Role));
    }
    return (r: Route) => {
      const role = pickRole(r);
      return role ? byRole.get(role) : undefined;
    };
  }

  function pickRole(r: Route): string | undefined {
    if (r.roles.includes('PUBLIC') || r.roles.includes('ANY_AUTHENTICATED') || r.roles.includes('BUREAU')) return 'BUREAU';
    return r.roles[0];
  }

  describe('property-based hostile input (fast-check) over the OpenAPI document', () => {
    const KIND_RUNS = RUNS;
    const MIXED_RUNS = 4 * RUNS;
    const ANON_RUNS = 3 * RUNS;
    const LIST_RUNS = 8 * RUNS;

    it('every write route and every list query: never a 5xx, always the error shape, a 4xx stores nothing', async () => {
      const started = Date.now();
      const doc = (await app.http.get('/api/docs-json')).body;
      const routes = routesOf(doc);
      const writes = routes.filter((r) => ['post', 'put', 'patch'].includes(r.method) || (r.method === 'delete' && r.bodySchema));
      const lists = routes.filter((r) => r.method === 'get' && r.query.length);
      expect(writes.length).toBeGreaterThan(60);
      expect(lists.length).toBeGreaterThan(30);
      // A bureau user of its own, so what a valid-looking case changes (its own name) is nobody else's.
      const sessions = await sessionsFor([...writes, ...lists], await app.userWithRole(Role.BUREAU));

      const failures: string[] = [];
      const accepted = new Map<string, number>();
      let cases = 0;

      // What a 4xx must not leave behind: audit rows (every state change writes one) and rows of the
      // main tables, counted in one round trip after each case (nothing else writes meanwhile).
      const traces = async () =>
        JSON.stringify(
          (
            await app.dataSource.query(
              `SELECT (SELECT count(*) FROM audit_log) a, (SELECT count(*) FROM organizations) o, (SELECT count(*) FROM users) u,
                      (SELECT count(*) FROM projects) p, (SELECT count(*) FROM financing_needs) n, (SELECT count(*) FROM products) pr,
                      (SELECT count(*) FROM events) e, (SELECT count(*) FROM matchmaking_cases) c, (SELECT count(*) FROM work_calendar_days) w`,
            )
          )[0],
        );
      let known = await traces();
      let traceMs = 0;
      const acceptedWrites: string[] = [];
      const check = async (label: string, send: () => Promise<Response>, what: string) => {
        cases++;
        let res: Response;
        try {
          res = await send();
        } catch (e) {
          return `${label} ${what}: no answer (${(e as Error).message})`;
        }
        const problems = shapeProblems(res);
        const t0 = Date.now();
        const now = await traces();
        traceMs += Date.now() - t0;
        if (res.status >= 400 && now !== known) problems.push(`answered ${res.status} but stored something (${known} → ${now})`);
        known = now;
        if (res.status < 300) {
          accepted.set(label, (accepted.get(label) ?? 0) + 1);
          if (!label.startsWith('GET')) acceptedWrites.push(`${label} ${what} → ${res.status}`);
        }
        return problems.length ? `${label} ${what}: ${problems.join('; ')} — ${JSON.stringify(res.body).slice(0, 300)}` : null;
      };

      for (const route of writes) {
        const bodies = hostileBodies(route.bodySchema ? plausible(doc, route.bodySchema, 'body') : {});
        const kinds = Object.keys(bodies).filter((k) => k !== 'mixed');
        const isPublic = route.roles.includes('PUBLIC');
        // Anonymous callers of a non-public route are stopped by the guard: only what reaches the
        // body parsers and the input check before it matters there.
        const anonymousKinds = isPublic ? kinds : ['deep nesting', 'nul', 'lone surrogate', 'whole body'];
        const plans: [string, Session | undefined, [string, number][]][] = [
          [`as ${pickRole(route)}`, sessions(route), [...kinds.map((k): [string, number] => [k, KIND_RUNS]), ['mixed', MIXED_RUNS]]],
          ['anonymous', undefined, anonymousKinds.map((k): [string, number] => [k, KIND_RUNS])],
        ];
        for (const [who, session, runs] of plans) {
          const label = `${route.method.toUpperCase()} ${route.path} ${who}`;
          for (const [kind, numRuns] of runs) {
            let failure: string | null = null;
            const details = await fc.check(
              fc.asyncProperty(fc.uuid(), bodies[kind], async (uuid, { body, what }) => {
                const req = app.http[route.method](fillPath(route, uuid)).timeout(10_000).set('Content-Type', 'application/json');
                if (session) req.set(session.auth);
                failure = await check(label, () => req.send(toJson(body)), `[${kind}] ${what}`);
                return failure === null;
              }),
              { seed: SEED, numRuns, endOnFailure: true },
            );
            if (details.failed) {
              failures.push(failure ?? `${label} [${kind}]: ${String(details.errorInstance)}`);
              break;
            }
          }
        }
      }

      for (const route of lists) {
        const params = fc.uniqueArray(fc.constantFrom(...route.query, 'unknownParam'), { minLength: 1, maxLength: 3 });
        const query = params.chain((names) => fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), fc.array(hostileQueryValue, { minLength: 1, maxLength: 2 })))));
        for (const [who, session, numRuns] of [
          ['as ' + pickRole(route), sessions(route), LIST_RUNS],
          ['anonymous', undefined, ANON_RUNS],
        ] as [string, Session | undefined, number][]) {
          const label = `GET ${route.path} ${who}`;
          let failure: string | null = null;
          const details = await fc.check(
            fc.asyncProperty(fc.uuid(), query, async (uuid, pairs) => {
              const qs = pairs.flatMap(([n, vs]) => vs.map((v) => `${n}=${encodeQueryValue(v)}`)).join('&');
              const req = app.http.get(`${fillPath(route, uuid)}?${qs}`).timeout(10_000);
              if (session) req.set(session.auth);
              failure = await check(label, () => req, `?${qs.slice(0, 200)}`);
              return failure === null;
            }),
            { seed: SEED, numRuns, endOnFailure: true },
          );
          if (details.failed) failures.push(failure ?? `${label}: ${String(details.errorInstance)}`);
        }
      }

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `\nhostile input: ${writes.length} write routes and ${lists.length} list queries, ${cases} cases (seed ${SEED}) in ${seconds} s (traces ${traceMs} ms); ` +
          `${[...accepted.values()].reduce((a, b) => a + b, 0)} accepted (2xx) on ${accepted.size} route/actor pairs; writes accepted:\n  ${acceptedWrites.join('\n  ') || 'none'}\n`,
      );
      expect(failures).toEqual([]);
    }, 90_000 * RUNS);
  });
});
