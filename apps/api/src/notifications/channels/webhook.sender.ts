import { Inject, Injectable } from '@nestjs/common';
import { ChannelSender, OutgoingMessage } from './channel-sender';
import { OutboundHttp } from './outbound-http';
import { webhookSignature } from './signing';

/**
 * An organisation's own system (e.g. a bank's): POST JSON signed with HMAC-SHA256 (see signing.ts).
 * X-Zj-Delivery is the idempotency key: a receiver that sees the same id again has seen the notice.
 * The address is checked again at every delivery (see OutboundHttp): one that now resolves to an
 * internal address is refused for good and becomes a dead letter.
 */
@Injectable()
export class WebhookSender implements ChannelSender {
  readonly available = true;

  constructor(@Inject(OutboundHttp) private readonly http: OutboundHttp) {}

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
    await this.http.postJson(msg.address, body, {
      'X-Zj-Delivery': msg.deliveryId,
      'X-Zj-Event': msg.type,
      'X-Zj-Timestamp': timestamp,
      'X-Zj-Signature': webhookSignature(msg.secret ?? '', timestamp, body),
      'User-Agent': 'zjgf-notifications/1',
    });
  }
}
