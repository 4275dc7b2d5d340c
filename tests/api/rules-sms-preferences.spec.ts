import { NotificationType, Role } from '@zj/shared';
import { NOTIFICATION_TYPES } from '../../apps/api/src/notifications/notification-types';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 14: a preference the platform cannot honour is refused, and not offered. SMS goes out only for
 * notice types with an SMS text (a provider template); choosing SMS for any other type is a 400 naming
 * the field, and the preferences page is told which channels each type can use.
 */
describe('rules: SMS only for notice types that have an SMS text', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('refuses SMS for a type without an SMS text (400 naming the field), accepts it where there is one, and offers it only there', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    expect(NOTIFICATION_TYPES[NotificationType.CASE_STATUS_CHANGED].sms).toBeUndefined();
    expect(NOTIFICATION_TYPES[NotificationType.ACCOUNT_LOCKED].sms).toBeDefined();
    const put = (items: object[]) => app.http.put('/api/v1/notifications/preferences').set(ent.auth).send({ mobile: '13912345678', items });

    const refused = await put([
      { type: NotificationType.ACCOUNT_LOCKED, channels: ['INBOX', 'EMAIL', 'SMS'], digest: false },
      { type: NotificationType.CASE_STATUS_CHANGED, channels: ['INBOX', 'SMS'], digest: false },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('NOTIFICATION_CHANNEL_NOT_ALLOWED');
    expect(refused.body.error.details).toEqual([{ field: 'items.1.channels', messages: ['此类通知没有短信版本，不能选择短信'] }]);
    const unchanged = await app.http.get('/api/v1/notifications/preferences').set(ent.auth);
    expect(unchanged.body.mobile).toBeNull();

    const ok = await put([{ type: NotificationType.ACCOUNT_LOCKED, channels: ['INBOX', 'EMAIL', 'SMS'], digest: false }]);
    expect(ok.status).toBe(200);
    const item = (type: NotificationType) => ok.body.items.find((i: { type: NotificationType }) => i.type === type);
    expect(item(NotificationType.ACCOUNT_LOCKED)).toMatchObject({ channels: expect.arrayContaining(['SMS']), allowedChannels: ['INBOX', 'EMAIL', 'SMS'] });
    expect(item(NotificationType.CASE_STATUS_CHANGED).allowedChannels).toEqual(['INBOX', 'EMAIL']);
    // Every type offered to the enterprise: SMS exactly where there is an SMS text.
    for (const i of ok.body.items as { type: NotificationType; allowedChannels: string[]; channels: string[] }[]) {
      expect({ type: i.type, sms: i.allowedChannels.includes('SMS') }).toEqual({ type: i.type, sms: Boolean(NOTIFICATION_TYPES[i.type].sms) });
      expect(i.channels.every((c) => i.allowedChannels.includes(c))).toBe(true);
    }
  });

  it('a choice saved before the rule (SMS for a type without text) is not shown as chosen', async () => {
    const bank = await app.userWithRole(Role.BANK);
    await app.dataSource.query(`INSERT INTO notification_preferences (user_id, type, channels, digest) VALUES ($1, $2, $3, false)`, [bank.user.id, NotificationType.CASE_STATUS_CHANGED, ['INBOX', 'SMS']]);
    const res = await app.http.get('/api/v1/notifications/preferences').set(bank.auth);
    expect(res.body.items.find((i: { type: NotificationType }) => i.type === NotificationType.CASE_STATUS_CHANGED).channels).toEqual(['INBOX']);
  });
});
