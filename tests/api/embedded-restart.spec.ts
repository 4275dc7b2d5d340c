import { OrgType } from '@zj/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createPlatform } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app.config';
import { orgFactory } from '../support/factories';

/** `npm start` with no servers: embedded PostgreSQL on disk under DATA_DIR, BullMQ on its PostgreSQL backend. */
describe('embedded mode keeps data across a restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zj-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = () =>
    createPlatform(
      loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ADMIN_EMAIL: 'admin@embedded.zjgf.local', ADMIN_PASSWORD: 'Embedded#Admin2026', DEMO_DATA: 'true', WEB_DIST_DIR: '', LOG_LEVEL: 'error' }),
      { api: true, worker: true, logLevel: 'error' },
    );

  // Two whole starts of the embedded engine (WebAssembly, one thread), the first with every migration
  // and the demo data: about 11 s alone, over a minute measured while the rest of the suite loads both
  // cores. The limit is for a hang, not a speed target.
  it('first start migrates and loads reference and demo data; the second start finds everything', async () => {
    const first = await start();
    expect(first.infra.embedded).toBe(true);
    expect(first.infra.queue.kind).toBe('postgres');
    expect(first.setup.demoLogins.length).toBeGreaterThan(20);
    await first.app.init();
    const http1 = request(first.app.getHttpServer());
    expect((await http1.get('/api/v1/health')).body).toMatchObject({ status: 'ok', queue: { backend: 'postgres', status: 'up' } });
    const login = await http1.post('/api/v1/auth/login').send({ email: 'admin@embedded.zjgf.local', password: 'Embedded#Admin2026' });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const created = await http1.post('/api/v1/organizations').set(auth).send(orgFactory(OrgType.FINANCIAL_INSTITUTION, { name: '重启测试银行湛江分行' }));
    expect(created.status).toBe(201);
    await first.close();

    const second = await start();
    expect(second.setup.demoLogins).toEqual([]); // demo data is loaded once, not again
    await second.app.init();
    const http2 = request(second.app.getHttpServer());
    const again = await http2.post('/api/v1/auth/login').send({ email: 'admin@embedded.zjgf.local', password: 'Embedded#Admin2026' });
    expect(again.status).toBe(200);
    const found = await http2.get(`/api/v1/organizations/${created.body.id}`).set({ Authorization: `Bearer ${again.body.accessToken}` });
    expect(found.body.name).toBe('重启测试银行湛江分行');
    const demo = await http2.post('/api/v1/auth/login').send({ email: 'bank1@demo.zjgf.local', password: 'Demo@Zhanjiang2026' });
    expect(demo.status).toBe(200);
    expect((await http2.get('/api/v1/audit-log/verify').set({ Authorization: `Bearer ${again.body.accessToken}` })).body.valid).toBe(true);
    await second.close();
  }, 240_000);
});
