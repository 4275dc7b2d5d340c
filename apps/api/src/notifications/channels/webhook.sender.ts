import { Injectable } from '@nestjs/common';
import { ChannelSender, OutgoingMessage, postJson } from './channel-sender';
import { webhookSignature } from './signing';

/**
 * An organisation's own system (e.g. a bank's): POST JSON signed with HMAC-SHA256 (see signing.ts).
 * X-Zj-Delivery is the idempotency key: a receiver that sees the same id again has seen the notice.
 */
@Injectable()
export class WebhookSender implements ChannelSender {
  readonly available = true;

  async send(msg: OutgoingMessage): Promise<void> {
    const body = JSON.stringify({
      id: msg.deliveryId,
      notificationId: msg.intentId,
      type: msg.type,
      title: msg.subject,
      body: msg.text,
      url: msg.url,
      data: msg.vars,
      sentAt: new Date().toISOString(),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    await postJson(msg.address, body, {
      'X-Zj-Delivery': msg.deliveryId,
      'X-Zj-Event': msg.type,
      'X-Zj-Timestamp': timestamp,
      'X-Zj-Signature': webhookSignature(msg.secret ?? '', timestamp, body),
      'User-Agent': 'zjgf-notifications/1',
    });
  }
}
