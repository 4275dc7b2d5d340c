import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationChannel, NotificationLocale, NotificationType } from '@zj/shared';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { ChannelSender, PermanentDeliveryError } from './channels/channel-sender';
import { EmailSender } from './channels/email.sender';
import { SmsSender } from './channels/sms.provider';
import { WebhookSender } from './channels/webhook.sender';
import { WeComSender } from './channels/wecom.sender';
import { TemplateStore } from './templates.store';

/** `claimed-elsewhere`: another attempt holds a live claim on the row (it sends, or its lease runs out first). */
export type DeliveryOutcome = 'sent' | 'skipped' | 'claimed-elsewhere';

/** Longest one send may take; a send still running then counts as failed (and is retried). */
export const DELIVERY_SEND_TIMEOUT_MS = 60_000;
/** How long a claim holds. Longer than a send can take, so a live attempt never loses its claim. */
export const DELIVERY_LEASE_MS = 2 * DELIVERY_SEND_TIMEOUT_MS;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`send timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Sends one delivery, exclusively. Before sending, the attempt CLAIMS the row in a short statement of
 * its own: status SENDING, a fresh attempt token and a lease. Only a row that is PENDING, or SENDING
 * with a lease that ran out (its attempt died), can be claimed; a row SENT, DEAD or held by a live
 * attempt is left alone. So two jobs for the same delivery — a job re-enqueued by the reconciler
 * after the queue backend lost it, a stalled job taken up again while its first run still sends, a
 * second relay — never both send. The outcome is written only by the attempt holding the token.
 * On failure the row records the error; after the job's last attempt it becomes a dead letter, which
 * the bureau can retry.
 *
 * The remaining window for a duplicate is a crash between the remote system accepting the message
 * and the row being marked SENT (the next attempt comes only after the lease); every channel
 * therefore carries the delivery id as an idempotency key (Message-ID, X-Zj-Delivery, the SMS outId)
 * so that the receiver can drop the repeat.
 */
@Injectable()
export class DeliveryProcessor {
  private readonly senders: Record<string, ChannelSender>;
  private readonly logger = new Logger(DeliveryProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(EmailSender) email: EmailSender,
    @Inject(SmsSender) sms: SmsSender,
    @Inject(WeComSender) wecom: WeComSender,
    @Inject(WebhookSender) webhook: WebhookSender,
  ) {
    this.senders = { [NotificationChannel.EMAIL]: email, [NotificationChannel.SMS]: sms, [NotificationChannel.WECOM]: wecom, [NotificationChannel.WEBHOOK]: webhook };
  }

  async deliver(deliveryId: string, attempt: { made: number; max: number }): Promise<DeliveryOutcome> {
    const [row] = await this.dataSource.query(
      `SELECT d.id, d.intent_id, d.channel, d.address, d.locale, d.status, d.endpoint_id, o.type, o.payload, e.secret
         FROM notification_deliveries d
         JOIN notification_outbox o ON o.id = d.intent_id
         LEFT JOIN notification_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row || (row.status !== 'PENDING' && row.status !== 'SENDING')) return 'skipped';
    const token = randomUUID();
    const [claimed] = await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'SENDING', attempts = attempts + 1, claim_token = $2, claimed_until = now() + $3::interval, updated_at = now()
        WHERE id = $1 AND (status = 'PENDING' OR (status = 'SENDING' AND (claimed_until IS NULL OR claimed_until < now())))
        RETURNING id`,
      [deliveryId, token, `${DELIVERY_LEASE_MS} milliseconds`],
    );
    if (!claimed?.length) {
      const [now] = await this.dataSource.query(`SELECT status FROM notification_deliveries WHERE id = $1`, [deliveryId]);
      return now?.status === 'SENDING' ? 'claimed-elsewhere' : 'skipped';
    }
    const type = row.type as NotificationType;
    const vars = (row.payload.vars ?? {}) as Record<string, string>;
    try {
      const rendered = this.templates.render(await this.templates.load(type), row.locale as NotificationLocale, vars, row.payload.link ?? null);
      await withTimeout(this.senders[row.channel].send({
        deliveryId,
        intentId: row.intent_id,
        type,
        channel: row.channel,
        address: row.address,
        locale: row.locale,
        ...rendered,
        vars,
        secret: row.secret,
      }), DELIVERY_SEND_TIMEOUT_MS);
    } catch (e) {
      const permanent = e instanceof PermanentDeliveryError;
      const last = permanent || attempt.made + 1 >= attempt.max;
      await this.dataSource.query(
        `UPDATE notification_deliveries SET status = $2, last_error = $3, dead_at = CASE WHEN $4 THEN now() ELSE NULL END, claim_token = NULL, claimed_until = NULL, updated_at = now()
          WHERE id = $1 AND claim_token = $5`,
        [deliveryId, last ? 'DEAD' : 'PENDING', String((e as Error).message ?? e).slice(0, 1000), last, token],
      );
      throw permanent ? new UnrecoverableError((e as Error).message) : e;
    }
    const [marked] = await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'SENT', sent_at = now(), last_error = NULL, claim_token = NULL, claimed_until = NULL, updated_at = now()
        WHERE id = $1 AND claim_token = $2 RETURNING id`,
      [deliveryId, token],
    );
    if (!marked?.length) this.logger.warn({ msg: 'delivery sent after its claim ran out (the process stalled longer than the lease)', deliveryId });
    return 'sent';
  }
}
