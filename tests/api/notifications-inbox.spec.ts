import { InboxPage, InboxStreamEvent, NotificationChannel, NotificationType, Role } from '@zj/shared';
import { get } from 'node:http';
import { waitFor } from '../support/notifications-helpers';
import { Session, startTestApp, TestApp, TEST_PASSWORD } from '../support/test-app';
import { QUEUE_NAMES } from '../../apps/api/src/queue/jobs';

describe('notifications: inbox, live stream, preferences, templates, endpoints', () => {
  let app: TestApp;
  let admin: Session;
  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { NOTIFY_RELAY_INTERVAL_MS: '100' } });
    admin = await app.admin();
  });
  afterAll(() => app?.close());

  const inbox = async (s: Session, query = ''): Promise<InboxPage> => (await app.http.get(`/api/v1/notifications/inbox${query}`).set(s.auth).expect(200)).body;
  const waitInbox = (s: Session, pred: (p: InboxPage) => boolean, what: string) =>
    waitFor(async () => {
      const p = await inbox(s);
      return pred(p) ? p : null;
    }, 20_000, what);
  const rename = (orgId: string, name: string) => app.http.patch(`/api/v1/organizations/${orgId}`).set(admin.auth).send({ name }).expect(200);

  it('a user created by the bureau finds the account notice in the inbox', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const page = await waitInbox(bank, (p) => p.total > 0, 'account notice');
    expect(page.unread).toBe(1);
    expect(page.items[0]).toMatchObject({ type: NotificationType.ACCOUNT_CREATED, title: '您的平台账号已开通', readAt: null, link: '/profile' });
    expect(page.items[0].body).toContain(bank.user.organization.name);
  });

  it('a rename tells every user of the organisation once, nobody else; read, read-all and 404 for others', async () => {
    const a1 = await app.userWithRole(Role.BANK);
    const a2 = await app.userWithRole(Role.BANK, { organizationId: a1.organizationId });
    const other = await app.userWithRole(Role.BANK);
    const newName = `更名后测试银行${Date.now()}湛江分行`;
    await rename(a1.organizationId, newName);
    for (const s of [a1, a2]) {
      const p = await waitInbox(s, (x) => x.items.some((i) => i.type === NotificationType.ORGANIZATION_RENAMED), 'rename notice');
      const notice = p.items.filter((i) => i.type === NotificationType.ORGANIZATION_RENAMED);
      expect(notice).toHaveLength(1);
      expect(notice[0].body).toContain(`“${a1.user.organization.name}”已更名为“${newName}”`);
    }
    // The other bank got its own account notice only.
    await waitInbox(other, (x) => x.total === 1, 'other account notice');
    expect((await inbox(other)).items.map((i) => i.type)).toEqual([NotificationType.ACCOUNT_CREATED]);

    const p = await waitInbox(a1, (x) => x.total === 2, 'account and rename notices');
    expect(p.unread).toBe(2);
    const item = p.items.find((i) => i.type === NotificationType.ORGANIZATION_RENAMED)!;
    // Another user's item is not found, and stays unread.
    await app.http.post(`/api/v1/notifications/inbox/${item.id}/read`).set(other.auth).expect(404);
    const read = await app.http.post(`/api/v1/notifications/inbox/${item.id}/read`).set(a1.auth).expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await app.http.get('/api/v1/notifications/inbox/unread-count').set(a1.auth).expect(200)).body).toEqual({ unread: 1 });
    expect((await inbox(a1, '?unreadOnly=true')).items.map((i) => i.type)).toEqual([NotificationType.ACCOUNT_CREATED]);
    expect((await app.http.post('/api/v1/notifications/inbox/read-all').set(a1.auth).expect(200)).body).toEqual({ updated: 1 });
    expect((await inbox(a1)).unread).toBe(0);
    expect((await waitInbox(a2, (x) => x.total === 2, 'a2 notices')).unread).toBe(2);
    await app.http.get('/api/v1/notifications/inbox?sort=title').set(a1.auth).expect(400);
    await app.http.get('/api/v1/notifications/inbox?unknown=1').set(a1.auth).expect(400);
    await app.http.get('/api/v1/notifications/inbox').expect(401);
  });

  it('repeated wrong passwords lock the account and the user is told why', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    for (let i = 0; i < 5; i++) await app.http.post('/api/v1/auth/login').send({ email: ent.user.email, password: 'Wrong#Password1' });
    await app.http.post('/api/v1/auth/login').send({ email: ent.user.email, password: TEST_PASSWORD }).expect(401); // locked: the same answer as a wrong password (no enumeration); the owner is told below
    const [row] = await app.dataSource.query(`SELECT title, body FROM notification_inbox WHERE user_id = $1 AND type = 'ACCOUNT_LOCKED'`, [ent.user.id]).then(async (r) =>
      r.length ? r : waitFor(() => app.dataSource.query(`SELECT title, body FROM notification_inbox WHERE user_id = $1 AND type = 'ACCOUNT_LOCKED'`, [ent.user.id]).then((x) => (x.length ? x : null)), 20_000, 'lock notice'),
    );
    expect(row.title).toBe('账号因多次登录失败已被临时锁定');
    expect(row.body).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} 后可再次登录/);
  });

  it('the live stream pushes the new unread count when another user’s action notifies the reader', async () => {
    const reader = await app.userWithRole(Role.BANK);
    await waitInbox(reader, (p) => p.total === 1, 'account notice');
    const base = await app.listen().catch(() => undefined);
    const address = app.platform.app.getHttpServer().address() as { port: number };
    const url = base ?? `http://127.0.0.1:${address.port}`;
    const events: InboxStreamEvent[] = [];
    const req = get(`${url}/api/v1/notifications/stream`, { headers: reader.auth }, (res) => {
      expect(res.headers['content-type']).toContain('text/event-stream');
      let buf = '';
      res.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: unread') && data) events.push(JSON.parse(data.slice(6)));
        }
      });
    });
    try {
      await waitFor(async () => events.length >= 1, 10_000, 'first event');
      expect(events[0].unread).toBe(1);
      await rename(reader.organizationId, `直播测试银行${Date.now()}湛江分行`);
      await waitFor(async () => events.some((e) => e.unread === 2), 20_000, 'pushed count');
    } finally {
      req.destroy();
    }
  });

  it('preferences: a user turns the inbox off for a type; mandatory channels and digest rules are enforced', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const prefs = (await app.http.get('/api/v1/notifications/preferences').set(bank.auth).expect(200)).body;
    expect(prefs.locale).toBe('zh-CN');
    const types = prefs.items.map((i: { type: string }) => i.type);
    expect(types).toEqual(expect.arrayContaining([NotificationType.MATCHING_NEEDS, NotificationType.ORGANIZATION_RENAMED]));
    expect(types).not.toContain(NotificationType.PLAN_REPORT_DUE); // a bank does not report on the plan
    expect(prefs.items.find((i: { type: string }) => i.type === NotificationType.ORGANIZATION_RENAMED)).toMatchObject({ channels: [NotificationChannel.INBOX], digestAllowed: true });

    const bad = await app.http
      .put('/api/v1/notifications/preferences')
      .set(bank.auth)
      .send({ items: [{ type: NotificationType.ACCOUNT_LOCKED, channels: [NotificationChannel.INBOX], digest: false }] })
      .expect(400);
    expect(bad.body.error.code).toBe('NOTIFICATION_CHANNEL_NOT_ALLOWED');
    expect(bad.body.error.details[0]).toMatchObject({ field: 'items.0.channels' });
    const digest = await app.http
      .put('/api/v1/notifications/preferences')
      .set(bank.auth)
      .send({ items: [{ type: NotificationType.MATCHING_NEEDS, channels: [NotificationChannel.INBOX], digest: true }] })
      .expect(400);
    expect(digest.body.error.code).toBe('NOTIFICATION_DIGEST_NOT_ALLOWED');
    const notForRole = await app.http
      .put('/api/v1/notifications/preferences')
      .set(bank.auth)
      .send({ items: [{ type: NotificationType.PLAN_REPORT_DUE, channels: [], digest: false }] })
      .expect(400);
    expect(notForRole.body.error.code).toBe('NOTIFICATION_TYPE_NOT_FOR_ROLE');
    await app.http.put('/api/v1/notifications/preferences').set(bank.auth).send({ mobile: '12345' }).expect(400);
    await app.http.put('/api/v1/notifications/preferences').set(bank.auth).send({ colour: 'red' }).expect(400);

    const saved = await app.http
      .put('/api/v1/notifications/preferences')
      .set(bank.auth)
      .send({ locale: 'en', mobile: '13800138000', items: [{ type: NotificationType.ORGANIZATION_RENAMED, channels: [], digest: false }] })
      .expect(200);
    expect(saved.body).toMatchObject({ locale: 'en', mobile: '13800138000' });
    expect(saved.body.items.find((i: { type: string }) => i.type === NotificationType.ORGANIZATION_RENAMED).channels).toEqual([]);

    await waitInbox(bank, (p) => p.total === 1, 'account notice');
    await rename(bank.organizationId, `静默测试银行${Date.now()}湛江分行`);
    // The intent is dispatched (to nobody's inbox): wait for that, then check nothing arrived.
    await waitFor(
      async () => (await app.dataSource.query(`SELECT 1 FROM notification_outbox WHERE type = 'ORGANIZATION_RENAMED' AND payload->'to'->'organizations' ? $1 AND dispatched_at IS NOT NULL`, [bank.organizationId])).length,
      20_000,
      'rename dispatched',
    );
    expect((await inbox(bank)).items.map((i) => i.type)).toEqual([NotificationType.ACCOUNT_CREATED]);
  });

  it('templates: the bureau edits one; unknown variables are refused when saved; the next notice uses it', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    await app.http.put('/api/v1/notifications/admin/templates/ORGANIZATION_RENAMED/zh-CN').set(ent.auth).send({ subject: 'x', body: 'y' }).expect(403);
    const bad = await app.http
      .put('/api/v1/notifications/admin/templates/ORGANIZATION_RENAMED/zh-CN')
      .set(admin.auth)
      .send({ subject: '{{orgName}} 更名', body: '{{oldName}} → {{newName' })
      .expect(400);
    expect(bad.body.error.code).toBe('NOTIFICATION_TEMPLATE_INVALID');
    expect(bad.body.error.details).toEqual([
      { field: 'subject', messages: [expect.stringContaining('{{orgName}}')] },
      { field: 'body', messages: ['占位符格式有误，应为 {{变量名}}'] },
    ]);
    await app.http.put('/api/v1/notifications/admin/templates/NO_SUCH_TYPE/zh-CN').set(admin.auth).send({ subject: 'a', body: 'b' }).expect(400);
    try {
      await app.http
        .put('/api/v1/notifications/admin/templates/ORGANIZATION_RENAMED/zh-CN')
        .set(admin.auth)
        .send({ subject: '更名：{{newName}}', body: '原名 {{oldName}}，现名 {{newName}}。' })
        .expect(200);
      const list = (await app.http.get('/api/v1/notifications/admin/templates').set(admin.auth).expect(200)).body;
      expect(list.find((t: { type: string; locale: string }) => t.type === 'ORGANIZATION_RENAMED' && t.locale === 'zh-CN')).toMatchObject({ custom: true, variables: ['oldName', 'newName'] });
      await waitInbox(ent, (p) => p.total === 1, 'account notice');
      const newName = `模板测试企业${Date.now()}有限公司`;
      await rename(ent.organizationId, newName);
      const p = await waitInbox(ent, (x) => x.total === 2, 'rename notice');
      expect(p.items[0]).toMatchObject({ title: `更名：${newName}`, body: `原名 ${ent.user.organization.name}，现名 ${newName}。` });
    } finally {
      await app.http.delete('/api/v1/notifications/admin/templates/ORGANIZATION_RENAMED/zh-CN').set(admin.auth).expect(204);
    }
  });

  it('endpoints belong to the organisation: secret shown once, others get 404, stale versions 409', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const other = await app.userWithRole(Role.BANK);
    const created = await app.http
      .post('/api/v1/notifications/endpoints')
      .set(bank.auth)
      .send({ channel: 'WEBHOOK', name: '信贷系统', url: 'https://credit.bank.example/zj-hook', types: [NotificationType.MATCHING_NEEDS] })
      .expect(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = (await app.http.get('/api/v1/notifications/endpoints').set(bank.auth).expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: created.body.id, hasSecret: true, version: 1 })]);
    expect(listed[0].secret).toBeUndefined();
    expect((await app.http.get('/api/v1/notifications/endpoints').set(other.auth).expect(200)).body).toEqual([]);
    await app.http.patch(`/api/v1/notifications/endpoints/${created.body.id}`).set(other.auth).send({ version: 1, enabled: false }).expect(404);
    await app.http.delete(`/api/v1/notifications/endpoints/${created.body.id}`).set(other.auth).expect(404);
    await app.http.patch(`/api/v1/notifications/endpoints/${created.body.id}`).set(bank.auth).send({ version: 1, enabled: false }).expect(200);
    const stale = await app.http.patch(`/api/v1/notifications/endpoints/${created.body.id}`).set(bank.auth).send({ version: 1, name: '改名' }).expect(409);
    expect(stale.body.error.code).toBe('NOTIFICATION_ENDPOINT_VERSION_CONFLICT');
    const bad = await app.http.post('/api/v1/notifications/endpoints').set(bank.auth).send({ channel: 'WEBHOOK', name: 'x', url: 'ftp://x', types: [NotificationType.ACCOUNT_LOCKED] }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('url');
    const typeBad = await app.http.post('/api/v1/notifications/endpoints').set(bank.auth).send({ channel: 'WEBHOOK', name: 'x', url: 'https://x.example', types: [NotificationType.ACCOUNT_LOCKED] }).expect(400);
    expect(typeBad.body.error.code).toBe('NOTIFICATION_ENDPOINT_TYPE_NOT_ALLOWED');
    await app.http.delete(`/api/v1/notifications/endpoints/${created.body.id}`).set(bank.auth).expect(204);
    const audit = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['notification.endpoint_create', 'notification.endpoint_update', 'notification.endpoint_delete']);
  });

  it('the queue dashboard opens for the bureau through a one-time ticket, never with a bearer token alone', async () => {
    const bank = await app.userWithRole(Role.BANK);
    await app.http.post('/api/v1/notifications/admin/dashboard-ticket').set(bank.auth).expect(403);
    await app.http.get('/api/v1/admin/queues/').set(admin.auth).expect(401);
    const { url } = (await app.http.post('/api/v1/notifications/admin/dashboard-ticket').set(admin.auth).expect(200)).body;
    const open = await app.http.get(url).expect(303);
    const cookie = open.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(cookie).toContain('Path=/api/v1/admin/queues');
    const page = await app.http.get('/api/v1/admin/queues/').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(page.text).toContain('<div id="root">');
    const queues = await app.http.get('/api/v1/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    // Every queue of the job map: the notification queues, the sweeps and the schedule solver.
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    expect(QUEUE_NAMES).toEqual(expect.arrayContaining(['notify-deliver', 'notify-dispatch', 'notify-schedule', 'event-schedule', 'case-sweeps', 'need-sweeps']));
    // The ticket works once.
    await app.http.get(url).expect(401);
  });
});
