import { Role } from '@zj/shared';
import { startTestApp, TestApp } from '../support/test-app';
import { creditCodeFactory, orgFactory } from '../support/factories';
import { OrgType } from '@zj/shared';

describe('foundation: errors, reference data, audit, docs, health', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('the error shape', () => {
    it('rejects unknown fields, naming each one', async () => {
      const res = await app.http.post('/api/v1/auth/login').send({ email: 'a@b.cn', password: 'x', isAdmin: true, role: 'BUREAU' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.requestId).toEqual(expect.any(String));
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([
          { field: 'isAdmin', messages: ['不允许的字段'] },
          { field: 'role', messages: ['不允许的字段'] },
        ]),
      );
    });

    it('names every invalid field', async () => {
      const admin = await app.admin();
      const res = await app.http.post('/api/v1/organizations').set(admin.auth).send({ type: 'SPACESHIP', name: 'x', creditCode: '123', divisionCode: '999999' });
      expect(res.status).toBe(400);
      const fields = (res.body.error.details as { field: string }[]).map((d) => d.field).sort();
      expect(fields).toEqual(['creditCode', 'divisionCode', 'name', 'type']);
    });

    it('answers malformed JSON with MALFORMED_JSON, not a 500', async () => {
      const res = await app.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.cn", "password": ');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('MALFORMED_JSON');
    });

    it('answers unknown API routes with 404 in the same shape, echoing the request id', async () => {
      const res = await app.http.get('/api/v1/no-such-thing').set('X-Request-Id', 'trace-12345678');
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'trace-12345678' });
      expect(res.headers['x-request-id']).toBe('trace-12345678');
    });

    it('answers 401 without a token and 403 for a role without access', async () => {
      expect((await app.http.get('/api/v1/users')).status).toBe(401);
      const bank = await app.userWithRole(Role.BANK);
      const res = await app.http.get('/api/v1/users').set(bank.auth);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });

    it('caps page size', async () => {
      const admin = await app.admin();
      const res = await app.http.get('/api/v1/organizations?pageSize=1000').set(admin.auth);
      expect(res.status).toBe(400);
      const ok = await app.http.get('/api/v1/organizations?page=1&pageSize=5&sort=-createdAt').set(admin.auth);
      expect(ok.status).toBe(200);
      expect(ok.body.items.length).toBeLessThanOrEqual(5);
      expect(ok.body.total).toBeGreaterThanOrEqual(ok.body.items.length);
    });
  });

  describe('organisations', () => {
    it('a renamed government unit keeps its id and lists its former name', async () => {
      const admin = await app.admin();
      const created = await app.http.post('/api/v1/organizations').set(admin.auth).send(orgFactory(OrgType.GOVERNMENT_UNIT, { name: '湛江测试监管支局' }));
      expect(created.status).toBe(201);
      const renamed = await app.http.patch(`/api/v1/organizations/${created.body.id}`).set(admin.auth).send({ name: '湛江测试监管分局' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.id).toBe(created.body.id);
      expect(renamed.body.name).toBe('湛江测试监管分局');
      expect(renamed.body.formerNames.map((f: { name: string }) => f.name)).toEqual(['湛江测试监管支局']);
      const found = await app.http.get('/api/v1/organizations?q=测试监管支局').set(admin.auth);
      expect(found.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
    });

    it('the plan’s renamed units are seeded with their former names', async () => {
      const admin = await app.admin();
      const res = await app.http.get('/api/v1/organizations?type=GOVERNMENT_UNIT&q=人民银行湛江市中心支行').set(admin.auth);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].name).toBe('中国人民银行湛江市分行');
    });

    it('another organisation’s record answers 404 to a non-bureau user', async () => {
      const a = await app.userWithRole(Role.ENTERPRISE);
      const b = await app.userWithRole(Role.ENTERPRISE);
      expect((await app.http.get(`/api/v1/organizations/${a.organizationId}`).set(a.auth)).status).toBe(200);
      expect((await app.http.get(`/api/v1/organizations/${a.organizationId}`).set(b.auth)).status).toBe(404);
    });

    it('refuses a duplicate credit code with 409', async () => {
      const admin = await app.admin();
      const body = { ...orgFactory(OrgType.ENTERPRISE), creditCode: creditCodeFactory('440803'), divisionCode: '440803' };
      expect((await app.http.post('/api/v1/organizations').set(admin.auth).send(body)).status).toBe(201);
      const dup = await app.http.post('/api/v1/organizations').set(admin.auth).send({ ...body, name: '另一家公司' });
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe('ORGANIZATION_CREDIT_CODE_TAKEN');
    });
  });

  describe('reference data', () => {
    it('lists Zhanjiang’s nine county-level divisions and three zones', async () => {
      const res = await app.http.get('/api/v1/reference/divisions');
      expect(res.status).toBe(200);
      const names = res.body.map((d: { name: string }) => d.name);
      for (const n of ['赤坎区', '霞山区', '坡头区', '麻章区', '遂溪县', '徐闻县', '廉江市', '雷州市', '吴川市', '湛江经济技术开发区', '湛江奋勇高新技术产业开发区', '南三岛滨海旅游示范区']) {
        expect(names).toContain(n);
      }
    });

    it('serves the 2019 catalogue: 6 / 30 / 211, as a tree and flat with parent codes', async () => {
      const list = await app.http.get('/api/v1/reference/taxonomies');
      const gic = list.body.find((t: { version: string }) => t.version === 'GIC-2019');
      expect(gic.categoryCounts).toEqual({ 1: 6, 2: 30, 3: 211 });
      const tree = await app.http.get('/api/v1/reference/taxonomies/GIC-2019/categories?format=tree');
      expect(tree.body).toHaveLength(6);
      expect(tree.body[0]).toMatchObject({ code: '1', name: '节能环保产业' });
      expect(tree.body[0].children[0]).toMatchObject({ code: '1.1', name: '高效节能装备制造' });
      const flat = await app.http.get('/api/v1/reference/taxonomies/GIC-2019/categories');
      expect(flat.body.find((c: { code: string }) => c.code === '1.1.1')).toMatchObject({ name: '节能锅炉制造', parentCode: '1.1', level: 3 });
      expect((await app.http.get('/api/v1/reference/taxonomies/NOPE/categories')).status).toBe(404);
    });

    it('the bureau imports another catalogue version from CSV; a bad file loads nothing and names each bad line', async () => {
      const admin = await app.admin();
      const header = 'level1_code,level1_name,level2_code,level2_name,level3_code,level3_name,description,standards';
      const version = `GFC-T${Date.now().toString(36).toUpperCase()}`;
      const bad = [header, '1,节能降碳产业,1.1,工业节能降碳,1.1.1,节能锅炉,说明,', '1,节能降碳产业,1.1,工业节能降碳,2.1.2,错位的代码,说明,'].join('\n');
      const rejected = await app.http.post('/api/v1/reference/taxonomies').set(admin.auth).field('version', version).field('name', '测试目录').attach('file', Buffer.from(bad), 'bad.csv');
      expect(rejected.status).toBe(400);
      expect(rejected.body.error.code).toBe('REFERENCE_TAXONOMY_CSV_INVALID');
      expect(rejected.body.error.details).toEqual([expect.objectContaining({ line: 3 })]);
      expect((await app.http.get(`/api/v1/reference/taxonomies/${version}/categories`)).status).toBe(404);

      const good = [header, '1,节能降碳产业,1.1,工业节能降碳,1.1.1,节能锅炉,说明,', '9,绿色消费,9.1,绿色产品消费,9.1.1,新能源汽车消费,"说明，含逗号",《标准A》&《标准B》'].join('\n');
      const res = await app.http.post('/api/v1/reference/taxonomies').set(admin.auth).field('version', version).field('name', '绿色金融支持项目目录（测试）').field('effectiveFrom', '2025-10-01').attach('file', Buffer.from(good), 'good.csv');
      expect(res.status).toBe(201);
      expect(res.body.categoryCounts).toEqual({ 1: 2, 2: 2, 3: 2 });
      const cats = await app.http.get(`/api/v1/reference/taxonomies/${version}/categories`);
      expect(cats.body.find((c: { code: string }) => c.code === '9.1.1')).toMatchObject({ parentCode: '9.1', description: '说明，含逗号', standards: ['《标准A》', '《标准B》'] });
      const again = await app.http.post('/api/v1/reference/taxonomies').set(admin.auth).field('version', version).field('name', '重复版本').attach('file', Buffer.from(good), 'good.csv');
      expect(again.status).toBe(409);

      const bank = await app.userWithRole(Role.BANK);
      expect((await app.http.post('/api/v1/reference/taxonomies').set(bank.auth).field('version', 'X-1').field('name', 'x').attach('file', Buffer.from(good), 'good.csv')).status).toBe(403);
    });
  });

  describe('audit log', () => {
    it('records state changes with who, what, before and after', async () => {
      const admin = await app.admin();
      const created = await app.http.post('/api/v1/organizations').set(admin.auth).set('X-Request-Id', 'audit-trace-0001').send(orgFactory(OrgType.FINANCIAL_INSTITUTION));
      const log = await app.http.get(`/api/v1/audit-log?entityType=organization&entityId=${created.body.id}`).set(admin.auth);
      expect(log.status).toBe(200);
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({ action: 'organization.create', actorEmail: admin.user.email, requestId: 'audit-trace-0001', after: expect.objectContaining({ name: created.body.name }) });
    });

    it('verifies the hash chain, and detects a row changed behind the application’s back', async () => {
      const admin = await app.admin();
      const org = await app.http.post('/api/v1/organizations').set(admin.auth).send(orgFactory(OrgType.FINANCIAL_INSTITUTION)).expect(201);
      const ok = await app.http.get('/api/v1/audit-log/verify').set(admin.auth);
      expect(ok.body).toMatchObject({ valid: true, brokenAt: null });
      expect(ok.body.checked).toBeGreaterThan(1);

      // The table refuses updates outright…
      await expect(app.dataSource.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      // …so a tamperer must first switch the guard off. The chain still tells, at the altered row.
      const [{ seq, after }] = await app.dataSource.query(`SELECT seq::text AS seq, after FROM audit_log WHERE entity_id = $1 AND action = 'organization.create'`, [org.body.id]);
      const rewrite = (value: unknown) =>
        app.dataSource.transaction(async (m) => {
          await m.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
          await m.query(`UPDATE audit_log SET after = $2::jsonb WHERE seq = $1`, [seq, JSON.stringify(value)]);
          await m.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
        });
      await rewrite({ ...after, name: '篡改' });
      try {
        const broken = await app.http.get('/api/v1/audit-log/verify').set(admin.auth);
        expect(broken.body).toMatchObject({ valid: false, brokenAt: seq });
      } finally {
        // Put the row back as it was: the chain verifies again (other tests in this database rely on it).
        await rewrite(after);
      }
      const restored = await app.http.get('/api/v1/audit-log/verify').set(admin.auth);
      expect(restored.body).toMatchObject({ valid: true, brokenAt: null });
    });

    it('is readable by the bureau only', async () => {
      const reg = await app.userWithRole(Role.REGULATOR);
      expect((await app.http.get('/api/v1/audit-log').set(reg.auth)).status).toBe(403);
    });
  });

  it('serves the OpenAPI document with each route’s roles and the error shape', async () => {
    const res = await app.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const login = res.body.paths['/api/v1/auth/login'].post;
    expect(login['x-roles']).toEqual(['PUBLIC']);
    expect(res.body.paths['/api/v1/users'].get['x-roles']).toEqual(['BUREAU']);
    expect(login.responses['401'].content['application/json'].schema.$ref).toContain('ApiErrorResponse');
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, { 'x-roles'?: string[] }>>)) {
      for (const [method, op] of Object.entries(ops)) expect({ route: `${method} ${path}`, roles: op['x-roles'] }).toEqual({ route: `${method} ${path}`, roles: expect.any(Array) });
    }
    expect((await app.http.get('/api/docs')).status).toBe(200);
  });

  it('health reports the database and the queue', async () => {
    const res = await app.http.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, queue: { status: 'up', backend: process.env.REDIS_URL ? 'redis' : 'postgres' } });
  });
});
