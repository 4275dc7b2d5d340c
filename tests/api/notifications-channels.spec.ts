import { NotificationChannel, NotificationType, Role } from '@zj/shared';
import { smsSignature, verifyWebhookSignature } from '../../apps/api/src/notifications/channels/signing';
import { DeliveryProcessor } from '../../apps/api/src/notifications/delivery.processor';
import { NotificationsWorker } from '../../apps/api/src/notifications/notifications.worker';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { freePort, startRecordingServer, startSmtp, waitFor } from '../support/notifications-helpers';
import { Session, startTestApp, TestApp, TEST_PASSWORD } from '../support/test-app';

/** E-mail (a real SMTP server), SMS, 企业微信 robots and signed webhooks (HTTP servers started here), dead letters, digest, batches. */
describe('notifications: channels, retries and dead letters', () => {
  let app: TestApp;
  let admin: Session;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startRecordingServer>>;
  let hooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let failHooks = 0;

  beforeAll(async () => {
    smtp = await startSmtp(await freePort());
    sms = await startRecordingServer(() => ({ status: 200, body: { code: 'OK' } }));
    hooks = await startRecordingServer((r) => {
      if (r.path.startsWith('/wecom')) return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
      if (failHooks > 0) {
        failHooks--;
        return { status: 503, body: { error: 'maintenance' } };
      }
      return { status: 204 };
    });
    app = await startTestApp({
      worker: true,
      env: {
        NOTIFY_RELAY_INTERVAL_MS: '100',
        NOTIFY_MAX_ATTEMPTS: '3',
        NOTIFY_BACKOFF_MS: '200',
        SMTP_URL: smtp.url,
        SMS_HTTP_URL: `${sms.url}/sms/send`,
        SMS_HTTP_APP_KEY: 'zj-test-app',
        SMS_HTTP_SECRET: 'sms-secret-for-tests',
        PUBLIC_URL: 'https://zjgf.example.gov.cn',
        // The webhook and robot receivers here listen on loopback, which is refused unless allowed.
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      },
    });
    admin = await app.admin();
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
    await sms?.close();
    await hooks?.close();
  });

  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const rename = (orgId: string, name: string) => app.http.patch(`/api/v1/organizations/${orgId}`).set(admin.auth).send({ name }).expect(200);

  it('a new account gets a Chinese e-mail with text and HTML parts, once', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const [mail] = await waitFor(async () => (mailsTo(bank.user.email).length ? mailsTo(bank.user.email) : null), 20_000, 'account e-mail');
    expect(mail.subject).toBe('您的平台账号已开通');
    expect(mail.text).toContain(`${bank.user.organization.name}开通湛江绿色金融对接平台账号（金融机构用户）`);
    expect(mail.text).toContain('查看详情：https://zjgf.example.gov.cn/profile');
    expect(mail.html).toContain('<a href="https://zjgf.example.gov.cn/login">');
    expect(mail.headers['x-zj-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    const d = await waitFor(async () => {
      const [row] = await app.dataSource.query(`SELECT status, attempts FROM notification_deliveries WHERE id = $1`, [mail.headers['x-zj-delivery']]);
      return row?.status === 'SENT' ? row : null;
    }, 10_000, 'SENT');
    expect(d).toEqual({ status: 'SENT', attempts: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(mailsTo(bank.user.email)).toHaveLength(1);
  });

  it('SMTP down: retries with backoff, then a dead letter; the bureau retries it and it arrives', async () => {
    await smtp.stop();
    let bank: Session;
    try {
      bank = await app.userWithRole(Role.BANK);
      const dead = await waitFor(
        async () => {
          const res = await app.http.get('/api/v1/notifications/admin/dead-letters?channel=EMAIL').set(admin.auth).expect(200);
          return res.body.items.find((d: { address: string }) => d.address === bank.user.email);
        },
        30_000,
        'dead letter',
      );
      expect(dead).toMatchObject({ type: NotificationType.ACCOUNT_CREATED, channel: NotificationChannel.EMAIL, attempts: 3, retries: 0 });
      expect(dead.lastError).toMatch(/ECONNREFUSED|connect/i);
      const stats = (await app.http.get('/api/v1/notifications/admin/stats').set(admin.auth).expect(200)).body;
      expect(stats.deliveries.DEAD).toBeGreaterThanOrEqual(1);
      const bankUser = await app.userWithRole(Role.BANK);
      await app.http.get('/api/v1/notifications/admin/dead-letters').set(bankUser.auth).expect(403);

      await smtp.start();
      await app.http.post(`/api/v1/notifications/admin/dead-letters/${dead.id}/retry`).set(admin.auth).expect(202);
      await app.http.post(`/api/v1/notifications/admin/dead-letters/${dead.id}/retry`).set(admin.auth).expect(404); // no longer dead
      const [mail] = await waitFor(async () => (mailsTo(bank.user.email).length ? mailsTo(bank.user.email) : null), 20_000, 'retried e-mail');
      expect(mail.subject).toBe('您的平台账号已开通');
      // The SMTP server has it before the worker records the outcome: wait for the row to say so.
      const row = await waitFor(async () => {
        const [r] = await app.dataSource.query(`SELECT status, retries FROM notification_deliveries WHERE id = $1`, [dead.id]);
        return r?.status === 'SENT' ? r : null;
      }, 10_000, 'retried delivery marked SENT');
      expect(row).toEqual({ status: 'SENT', retries: 1 });
      const audit = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [dead.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['notification.dead_letter_retry']);
      await new Promise((r) => setTimeout(r, 1000));
      expect(mailsTo(bank.user.email)).toHaveLength(1);
    } finally {
      await smtp.start().catch(() => undefined);
    }
  });

  it('a bank’s webhook gets the notice signed with HMAC, retried through its outage, delivered once', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const ep = await app.http
      .post('/api/v1/notifications/endpoints')
      .set(bank.auth)
      .send({ channel: 'WEBHOOK', name: '本行信贷系统', url: `${hooks.url}/bank/${bank.organizationId}` })
      .expect(201);
    failHooks = 2; // two 503s, then 204 (3 attempts × 1.5 for webhooks = 5 allowed)
    await rename(bank.organizationId, `回调测试银行${Date.now()}湛江分行`);
    const got = await waitFor(
      async () => {
        const ok = hooks.received.filter((r) => r.path === `/bank/${bank.organizationId}`);
        return ok.length >= 3 ? ok : null;
      },
      30_000,
      'webhook deliveries',
    );
    const last = got[got.length - 1];
    expect(last.json).toMatchObject({ type: NotificationType.ORGANIZATION_RENAMED, title: '机构名称已变更', data: { oldName: bank.user.organization.name } });
    expect(verifyWebhookSignature(ep.body.secret, String(last.headers['x-zj-timestamp']), last.body, String(last.headers['x-zj-signature']))).toBe(true);
    expect(verifyWebhookSignature('wrong-secret', String(last.headers['x-zj-timestamp']), last.body, String(last.headers['x-zj-signature']))).toBe(false);
    // Same delivery id on every attempt (the receiver's idempotency key), one SENT row.
    expect(new Set(got.map((r) => r.headers['x-zj-delivery'])).size).toBe(1);
    // The receiver answers before the worker records the outcome: wait for the row to say so.
    const row = await waitFor(async () => {
      const [r] = await app.dataSource.query(`SELECT status, attempts FROM notification_deliveries WHERE id = $1`, [last.headers['x-zj-delivery']]);
      return r?.status === 'SENT' ? r : null;
    }, 10_000, 'delivery marked SENT');
    expect(row).toEqual({ status: 'SENT', attempts: 3 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(hooks.received.filter((r) => r.path === `/bank/${bank.organizationId}`)).toHaveLength(3);
  });

  it('a delivery is sent exclusively: attempts running at once claim it first, only one sends; a SENT one sends nothing; an expired claim is taken over', async () => {
    const path = `/claim/${Date.now()}`;
    // An intent and a webhook delivery of a namespace no relay serves: only the calls below touch it.
    const [intent] = await app.dataSource.query(
      `INSERT INTO notification_outbox (kind, type, payload, status, relayed_at, dispatched_at, queue_ns)
       VALUES ('NOTIFY', 'ORGANIZATION_RENAMED', $1, 'RELAYED', now(), now(), 'claimtest') RETURNING id`,
      [JSON.stringify({ to: { organizations: [admin.organizationId] }, vars: { oldName: '旧名称', newName: '新名称' }, link: null, onlyChannels: null })],
    );
    const [ep] = await app.dataSource.query(`INSERT INTO notification_endpoints (organization_id, channel, name, url, secret) VALUES ($1, 'WEBHOOK', '认领测试', $2, 'claim-secret') RETURNING id`, [
      admin.organizationId,
      `${hooks.url}${path}`,
    ]);
    const [d] = await app.dataSource.query(
      `INSERT INTO notification_deliveries (intent_id, type, channel, recipient_key, endpoint_id, address, status) VALUES ($1, 'ORGANIZATION_RENAMED', 'WEBHOOK', $2, $3, $4, 'PENDING') RETURNING id`,
      [intent.id, `endpoint:${ep.id}`, ep.id, `${hooks.url}${path}`],
    );
    const processor = app.platform.app.get(DeliveryProcessor);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => processor.deliver(d.id, { made: 0, max: 3 })));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'sent').every((o) => o === 'claimed-elsewhere' || o === 'skipped')).toBe(true);
    expect(await processor.deliver(d.id, { made: 0, max: 3 })).toBe('skipped');
    expect(hooks.received.filter((r) => r.path === path)).toHaveLength(1);
    // An attempt that died while holding the claim (SENDING, lease run out): the next one takes over.
    await app.dataSource.query(`UPDATE notification_deliveries SET status = 'SENDING', claimed_until = now() - interval '1 second' WHERE id = $1`, [d.id]);
    expect(await processor.deliver(d.id, { made: 0, max: 3 })).toBe('sent');
    // A live claim is respected.
    await app.dataSource.query(`UPDATE notification_deliveries SET status = 'SENDING', claimed_until = now() + interval '1 minute' WHERE id = $1`, [d.id]);
    expect(await processor.deliver(d.id, { made: 0, max: 3 })).toBe('claimed-elsewhere');
    expect(hooks.received.filter((r) => r.path === path)).toHaveLength(2);
    expect(new Set(hooks.received.filter((r) => r.path === path).map((r) => r.headers['x-zj-delivery']))).toEqual(new Set([d.id]));
  });

  it('a government office’s 企业微信 robot gets a markdown message', async () => {
    const dept = await app.userWithRole(Role.DEPARTMENT);
    await app.http.post('/api/v1/notifications/endpoints').set(dept.auth).send({ channel: 'WECOM', name: '办公室群', url: `${hooks.url}/wecom/send?key=${dept.organizationId}` }).expect(201);
    const newName = `测试生态环境局${Date.now()}`;
    await rename(dept.organizationId, newName);
    const [msg] = await waitFor(async () => {
      const r = hooks.received.filter((x) => x.path === `/wecom/send?key=${dept.organizationId}`);
      return r.length ? r : null;
    }, 20_000, 'robot message');
    expect(msg.json).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**机构名称已变更**') } });
    expect((msg.json.markdown as { content: string }).content).toContain(`已更名为“${newName}”`);
  });

  it('SMS through the HTTP provider: template id, parameters, signature', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    await app.http
      .put('/api/v1/notifications/preferences')
      .set(ent.auth)
      .send({ mobile: '13912345678', items: [{ type: NotificationType.ACCOUNT_LOCKED, channels: ['INBOX', 'EMAIL', 'SMS'], digest: false }] })
      .expect(200);
    for (let i = 0; i < 5; i++) await app.http.post('/api/v1/auth/login').send({ email: ent.user.email, password: 'Wrong#Password1' });
    const [req] = await waitFor(async () => {
      const r = sms.received.filter((x) => x.json.mobile === '13912345678');
      return r.length ? r : null;
    }, 20_000, 'SMS');
    expect(req.json).toMatchObject({ appKey: 'zj-test-app', templateId: 'ZJ_ACCOUNT_LOCKED', signName: '湛江绿色金融', params: { lockedUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) } });
    const h = req.headers;
    expect(h['x-zj-signature']).toBe(smsSignature('sms-secret-for-tests', String(h['x-zj-timestamp']), String(h['x-zj-nonce']), req.body));
    await app.http.post('/api/v1/auth/login').send({ email: ent.user.email, password: TEST_PASSWORD }).expect(401); // locked: answered as an unknown account would be (no enumeration); the owner is told
  });

  it('daily digest: low-priority e-mails wait and go out as one e-mail listing them', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    await app.http
      .put('/api/v1/notifications/preferences')
      .set(ent.auth)
      .send({ items: [{ type: NotificationType.ORGANIZATION_RENAMED, channels: ['INBOX', 'EMAIL'], digest: true }] })
      .expect(200);
    const first = `汇总测试企业甲${Date.now()}有限公司`;
    const second = `汇总测试企业乙${Date.now()}有限公司`;
    await rename(ent.organizationId, first);
    await rename(ent.organizationId, second);
    await waitFor(
      async () => (await app.dataSource.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE user_id = $1 AND status = 'DIGEST'`, [ent.user.id]))[0].n === 2,
      20_000,
      'two digest rows',
    );
    await waitFor(async () => mailsTo(ent.user.email).length === 1, 20_000, 'account e-mail'); // only the account e-mail so far
    const worker = app.platform.app.get(NotificationsWorker);
    expect(await worker.schedules.runDigest()).toBeGreaterThanOrEqual(1);
    const digest = await waitFor(async () => mailsTo(ent.user.email).find((m) => m.subject.startsWith('平台每日汇总')), 20_000, 'digest e-mail');
    expect(digest.subject).toMatch(/^平台每日汇总（\d{4}-\d{2}-\d{2}）：2 条通知$/);
    expect(digest.text.match(/\[机构更名\]/g)).toHaveLength(2);
    // Running the digest again sends nothing more.
    await worker.schedules.runDigest();
    await new Promise((r) => setTimeout(r, 2000));
    expect(mailsTo(ent.user.email).filter((m) => m.subject.startsWith('平台每日汇总'))).toHaveLength(1);
  });

  it('matching notices are batched: several fitting needs make ONE notice to the bank', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const notifications = app.platform.app.get(NotificationsService);
    const key = `matching.bank.${bank.organizationId}`;
    for (const line of ['雷州红树林生态修复项目（演示）· 800.00 万元', '徐闻海上风电配套项目（演示）· 5000.00 万元', '麻章园区屋顶光伏项目（演示）· 1200.00 万元']) {
      await app.dataSource.transaction((m) => notifications.addToBatch(m, { batchKey: key, type: NotificationType.MATCHING_NEEDS, to: { organizations: [bank.organizationId] }, line, windowMs: 2000 }));
    }
    const rows = await waitFor(async () => {
      const r = await app.dataSource.query(`SELECT title, body FROM notification_inbox WHERE user_id = $1 AND type = 'MATCHING_NEEDS'`, [bank.user.id]);
      return r.length ? r : null;
    }, 20_000, 'batched notice');
    await new Promise((r) => setTimeout(r, 2500));
    const all = await app.dataSource.query(`SELECT title, body FROM notification_inbox WHERE user_id = $1 AND type = 'MATCHING_NEEDS'`, [bank.user.id]);
    expect(all).toHaveLength(1);
    expect(rows[0].title).toBe('有 3 条新的融资需求符合贵行产品');
    expect(rows[0].body).toContain('1. 雷州红树林生态修复项目（演示）');
    expect(rows[0].body).toContain('3. 麻章园区屋顶光伏项目（演示）');
  });
});
