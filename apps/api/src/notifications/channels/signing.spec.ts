import { smsSignature, verifyWebhookSignature, webhookSignature } from './signing';

describe('webhook and SMS signatures', () => {
  const now = Date.UTC(2026, 0, 5, 8, 0, 0);
  const ts = String(Math.floor(now / 1000));

  it('a receiver accepts the signature of the exact body and refuses a changed one', () => {
    const body = JSON.stringify({ id: 'd1', type: 'ORGANIZATION_RENAMED' });
    const sig = webhookSignature('s3cret', ts, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('s3cret', ts, body, sig, { now })).toBe(true);
    expect(verifyWebhookSignature('s3cret', ts, body.replace('d1', 'd2'), sig, { now })).toBe(false);
    expect(verifyWebhookSignature('other', ts, body, sig, { now })).toBe(false);
  });

  it('refuses an old timestamp (a replay)', () => {
    const body = '{}';
    const old = String(Math.floor(now / 1000) - 3600);
    expect(verifyWebhookSignature('s3cret', old, body, webhookSignature('s3cret', old, body), { now })).toBe(false);
  });

  it('SMS signatures depend on timestamp, nonce and body', () => {
    const a = smsSignature('k', '1', 'n', '{}');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(smsSignature('k', '1', 'm', '{}')).not.toBe(a);
    expect(smsSignature('k', '2', 'n', '{}')).not.toBe(a);
  });
});
