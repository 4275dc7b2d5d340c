import type { NotificationChannel, NotificationLocale, NotificationType } from '@zj/shared';

/** One delivery, ready to send. `deliveryId` is the idempotency key every channel passes on. */
export interface OutgoingMessage {
  deliveryId: string;
  intentId: string;
  type: NotificationType;
  channel: NotificationChannel;
  address: string;
  locale: NotificationLocale;
  subject: string;
  text: string;
  html: string;
  url: string | null;
  vars: Record<string, string>;
  /** Webhook endpoints: the signing secret. */
  secret?: string | null;
}

/** Sends over one channel; throws on any failure (the job is then retried with backoff). */
export interface ChannelSender {
  readonly available: boolean;
  send(msg: OutgoingMessage): Promise<void>;
}

export class PermanentDeliveryError extends Error {}

/** POSTs JSON with a timeout; a non-2xx answer is an error carrying status and (a little of) the body. */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  return { status: res.status, text };
}
