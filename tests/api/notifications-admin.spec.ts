import { NotificationType, OrgType, Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { orgFactory } from '../support/factories';
import { startRecordingServer, waitFor } from '../support/notifications-helpers';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * The bureau's 通知管理 (issue 15): dead letters with why and for whom, their retry and what came of
 * it; the template preview and its checks; every organisation's endpoints; the queue dashboard
 * loading nothing from another host.
 */
describe('notifications administration for the bureau', () => {
  let app: TestApp;
  let admin: Session;
  let hooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let failing = true;

  beforeAll(async () => {
    hooks = await startRecordingServer(() => (failing ? { status: 503, body: { error: 'maintenance' } } : { status: 204 }));
    app = await startTestApp({
      worker: true,
      env: { NOTIFY_RELAY_INTERVAL_MS: '100', NOTIFY_MAX_ATTEMPTS: '1', NOTIFY_BACKOFF_MS: '100', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', PUBLIC_URL: 'https://zjgf.example.gov.cn' },
    });
    admin = await app.admin();
  });
  afterAll(async () => {
    await app?.close();
    await hooks?.close();
  });

  it('the bureau manages an organisation’s webhook: added with the address checks, listed with the organisation, changed and removed, audited; others cannot', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const other = await app.userWithRole(Role.BANK);
    const base = `/api/v1/notifications/admin/organizations/${bank.organizationId}/endpoints`;
    await app.http.post(base).set(bank.auth).send({ channel: 'WEBHOOK', name: '信贷系统', url: 'https://credit.bank.example/hook' }).expect(403);

    const internal = await app.http.post(base).set(admin.auth).send({ channel: 'WEBHOOK', name: '内网', url: 'http://10.0.0.8/hook' }).expect(400);
    expect(internal.body.error).toMatchObject({ code: 'NOTIFICATION_ENDPOINT_ADDRESS_FORBIDDEN', details: [{ field: 'url', messages: [expect.any(String)] }] });
    const missing = await app.http.post(base).set(admin.auth).send({ name: '' }).expect(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['channel', 'name', 'url']);
    await app.http
      .post('/api/v1/notifications/admin/organizations/00000000-0000-4000-8000-000000000000/endpoints')
      .set(admin.auth)
      .send({ channel: 'WECOM', name: '群机器人', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' })
      .expect(404);

    const created = await app.http.post(base).set(admin.auth).send({ channel: 'WEBHOOK', name: '信贷系统', url: 'https://credit.bank.example/hook' }).expect(201);
    expect(created.body).toMatchObject({ organizationId: bank.organizationId, organizationName: bank.user.organization.name, hasSecret: true, secret: expect.stringMatching(/^whsec_/) });
    // The bank sees it among its own; another bank does not.
    expect((await app.http.get('/api/v1/notifications/endpoints').set(bank.auth).expect(200)).body.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
    expect((await app.http.get('/api/v1/notifications/endpoints').set(other.auth).expect(200)).body).toEqual([]);

    const listed = (await app.http.get(`/api/v1/notifications/admin/endpoints?organizationId=${bank.organizationId}`).set(admin.auth).expect(200)).body;
    expect(listed).toMatchObject({ total: 1, items: [{ id: created.body.id, organizationName: bank.user.organization.name }] });
    expect(listed.items[0].secret).toBeUndefined();
    const found = (await app.http.get('/api/v1/notifications/admin/endpoints').query({ q: bank.user.organization.name }).set(admin.auth).expect(200)).body;
    expect(found.items.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
    await app.http.get('/api/v1/notifications/admin/endpoints').set(bank.auth).expect(403);

    const updated = await app.http.patch(`/api/v1/notifications/admin/endpoints/${created.body.id}`).set(admin.auth).send({ version: 1, enabled: false, rotateSecret: true }).expect(200);
    expect(updated.body).toMatchObject({ enabled: false, version: 2, secret: expect.stringMatching(/^whsec_/), organizationName: bank.user.organization.name });
    await app.http.patch(`/api/v1/notifications/admin/endpoints/${created.body.id}`).set(admin.auth).send({ version: 1, name: '过期' }).expect(409);
    // The bank's own route still refuses another organisation's endpoint.
    await app.http.delete(`/api/v1/notifications/endpoints/${created.body.id}`).set(other.auth).expect(404);
    await app.http.delete(`/api/v1/notifications/admin/endpoints/${created.body.id}`).set(admin.auth).expect(204);
    await app.http.delete(`/api/v1/notifications/admin/endpoints/${created.body.id}`).set(admin.auth).expect(404);
    const audit = await app.dataSource.query(`SELECT action, actor_user_id FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audit).toEqual([
      { action: 'notification.endpoint_create', actor_user_id: admin.user.id },
      { action: 'notification.endpoint_update', actor_user_id: admin.user.id },
      { action: 'notification.endpoint_delete', actor_user_id: admin.user.id },
    ]);
  });

  it('every organisation’s endpoints are listed by organisation name (then oldest first), page by page, found by the organisation’s name', async () => {
    const tag = randomUUID().slice(0, 8);
    const org = async (name: string) =>
      (await app.http.post('/api/v1/organizations').set(admin.auth).send(orgFactory(OrgType.FINANCIAL_INSTITUTION, { name })).expect(201)).body.id as string;
    const later = await org(`排序银行B${tag}湛江分行`);
    const first = await org(`排序银行A${tag}湛江分行`);
    const add = async (organizationId: string, name: string) =>
      (await app.http.post(`/api/v1/notifications/admin/organizations/${organizationId}/endpoints`).set(admin.auth).send({ channel: 'WECOM', name, url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${name}` }).expect(201)).body.id as string;
    const b1 = await add(later, 'b1');
    const b2 = await add(later, 'b2');
    const a1 = await add(first, 'a1');

    const page = async (n: number) => (await app.http.get('/api/v1/notifications/admin/endpoints').query({ q: tag, page: n, pageSize: 2 }).set(admin.auth).expect(200)).body;
    const one = await page(1);
    expect(one.total).toBe(3);
    expect(one.items.map((e: { id: string; organizationName: string }) => [e.id, e.organizationName])).toEqual([
      [a1, `排序银行A${tag}湛江分行`],
      [b1, `排序银行B${tag}湛江分行`],
    ]);
    expect((await page(2)).items.map((e: { id: string }) => e.id)).toEqual([b2]);
  });

  it('a dead letter says why, on which channel and for which organisation; its retry shows what happened next', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const path = `/bank/${bank.organizationId}`;
    await app.http
      .post(`/api/v1/notifications/admin/organizations/${bank.organizationId}/endpoints`)
      .set(admin.auth)
      .send({ channel: 'WEBHOOK', name: '本行信贷系统', url: `${hooks.url}${path}` })
      .expect(201);
    failing = true;
    await app.http.patch(`/api/v1/organizations/${bank.organizationId}`).set(admin.auth).send({ name: `死信测试银行${Date.now()}湛江分行` }).expect(200);
    const dead = await waitFor(
      async () => {
        const res = await app.http.get('/api/v1/notifications/admin/dead-letters?channel=WEBHOOK').set(admin.auth).expect(200);
        return res.body.items.find((d: { address: string }) => d.address === `${hooks.url}${path}`);
      },
      30_000,
      'dead letter',
    );
    expect(dead).toMatchObject({
      type: NotificationType.ORGANIZATION_RENAMED,
      status: 'DEAD',
      organizationId: bank.organizationId,
      recipientName: '本行信贷系统',
      retries: 0,
      lastError: expect.stringContaining('503'),
    });
    expect(dead.organizationName).toMatch(/^死信测试银行/);

    failing = false;
    await app.http.post(`/api/v1/notifications/admin/dead-letters/${dead.id}/retry`).set(admin.auth).expect(202);
    const after = await waitFor(
      async () => {
        const res = await app.http.get('/api/v1/notifications/admin/retried').set(admin.auth).expect(200);
        const row = res.body.items.find((d: { id: string }) => d.id === dead.id);
        return row?.status === 'SENT' ? row : null;
      },
      30_000,
      'retried delivery sent',
    );
    expect(after).toMatchObject({ retries: 1, lastError: null, sentAt: expect.any(String), organizationId: bank.organizationId });
    const res = await app.http.get('/api/v1/notifications/admin/dead-letters').set(admin.auth).expect(200);
    expect(res.body.items.map((d: { id: string }) => d.id)).not.toContain(dead.id);
    await app.http.get('/api/v1/notifications/admin/retried').set(bank.auth).expect(403);
  });

  it('the template preview renders with sample data and names what saving would refuse; saving refuses the same with the field named', async () => {
    const url = '/api/v1/notifications/admin/templates/ORGANIZATION_RENAMED/zh-CN';
    const good = (await app.http.post(`${url}/preview`).set(admin.auth).send({ subject: '更名：{{newName}}', body: '原名 {{oldName}}。' }).expect(200)).body;
    expect(good).toMatchObject({ subject: '更名：示例银行湛江分行', body: '原名 示例银行湛江支行。', problems: [] });
    expect(good.text).toContain('查看详情：https://zjgf.example.gov.cn/notifications');
    expect(good.sample).toEqual({ oldName: '示例银行湛江支行', newName: '示例银行湛江分行' });

    const bad = (await app.http.post(`${url}/preview`).set(admin.auth).send({ subject: '更名', body: '{{orgName}} 已更名' }).expect(200)).body;
    expect(bad.problems).toEqual([{ field: 'body', messages: [expect.stringContaining('未知的变量：{{orgName}}')] }]);
    const refused = await app.http.put(url).set(admin.auth).send({ subject: '更名', body: '{{orgName}} 已更名' }).expect(400);
    expect(refused.body.error.code).toBe('NOTIFICATION_TEMPLATE_INVALID');
    expect(refused.body.error.message).toContain('正文');
    expect(refused.body.error.message).toContain('{{orgName}}');
    // Nothing was stored by the preview or the refusal.
    const list = (await app.http.get('/api/v1/notifications/admin/templates').set(admin.auth).expect(200)).body;
    expect(list.find((t: { type: string; locale: string }) => t.type === 'ORGANIZATION_RENAMED' && t.locale === 'zh-CN').custom).toBe(false);

    const bank = await app.userWithRole(Role.BANK);
    await app.http.post(`${url}/preview`).set(bank.auth).send({ subject: 'a', body: 'b' }).expect(403);
    const invalid = await app.http.post(`${url}/preview`).set(admin.auth).send({}).expect(400);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body', 'subject']);
  });

  it('the queue dashboard references no other host (no web fonts), and its refusal points to 通知管理', async () => {
    const refused = await app.http.get('/api/v1/admin/queues/').expect(401);
    expect(refused.text).toContain('href="https://zjgf.example.gov.cn/notifications/admin"');
    const { url } = (await app.http.post('/api/v1/notifications/admin/dashboard-ticket').set(admin.auth).expect(200)).body;
    const open = await app.http.get(url).expect(303);
    const cookie = (open.headers['set-cookie'][0] as string).split(';')[0];
    const page = await app.http.get('/api/v1/admin/queues/').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('<div id="root">');
    const external = /(?:href|src)\s*=\s*["']?(?:https?:)?\/\//i;
    expect(page.text).not.toMatch(external);
    expect(page.text).not.toMatch(/fonts\.googleapis|fonts\.gstatic/);
    // Its style sheets load nothing from elsewhere either.
    const sheets = [...page.text.matchAll(/<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1]);
    expect(sheets.length).toBeGreaterThan(0);
    for (const sheet of sheets) {
      const css = await app.http.get(`/api/v1/admin/queues/${sheet}`).set('Cookie', cookie).expect(200);
      expect(css.text).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
      expect(css.text).not.toMatch(/@import\s+(?:url\()?["']?(?:https?:)?\/\//i);
    }
  });
});
