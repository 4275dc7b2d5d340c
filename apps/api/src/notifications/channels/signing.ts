import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signature: `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}` with the endpoint's
 * secret, sent as X-Zj-Signature with X-Zj-Timestamp (Unix seconds). A receiver recomputes it and
 * rejects timestamps older than a few minutes (replays).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string, opts: { now?: number; toleranceSeconds?: number } = {}): boolean {
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** SMS provider request signature: hex HMAC-SHA256 of `${timestamp}\n${nonce}\n${body}` with the app secret. */
export function smsSignature(secret: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');
}
