import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config';
import { typeDef } from '../notification-types';
import { ChannelSender, OutgoingMessage, PermanentDeliveryError, postJson } from './channel-sender';
import { smsSignature } from './signing';

/** What an SMS provider gets: a template of the provider's, its parameters, and our idempotency key. */
export interface SmsRequest {
  mobile: string;
  templateId: string;
  params: Record<string, string>;
  signName: string;
  outId: string;
}

/** A provider of SMS; the platform ships one HTTP provider, others implement this. */
export interface SmsProvider {
  readonly available: boolean;
  sendTemplate(req: SmsRequest): Promise<void>;
}

/**
 * A generic HTTP SMS gateway: POST SMS_HTTP_URL with JSON { appKey, mobile, signName, templateId,
 * params, outId }, signed with X-Zj-Timestamp, X-Zj-Nonce and X-Zj-Signature (HMAC-SHA256 of
 * `timestamp\nnonce\nbody` with SMS_HTTP_SECRET). A 2xx answer whose JSON `code` is absent, 0 or
 * "OK" counts as accepted.
 */
@Injectable()
export class HttpSmsProvider implements SmsProvider {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get available() {
    return !!this.config.SMS_HTTP_URL;
  }

  async sendTemplate(req: SmsRequest): Promise<void> {
    const body = JSON.stringify({ appKey: this.config.SMS_HTTP_APP_KEY, ...req });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    const res = await postJson(this.config.SMS_HTTP_URL, body, {
      'X-Zj-Timestamp': timestamp,
      'X-Zj-Nonce': nonce,
      'X-Zj-Signature': smsSignature(this.config.SMS_HTTP_SECRET, timestamp, nonce, body),
    });
    let code: unknown;
    try {
      code = (JSON.parse(res.text) as { code?: unknown }).code;
    } catch {
      code = undefined;
    }
    if (code !== undefined && code !== 0 && code !== 'OK') throw new Error(`SMS provider refused: ${res.text.slice(0, 200)}`);
  }
}

/** The SMS channel: a type's SMS template id and parameters, through the configured provider. */
@Injectable()
export class SmsSender implements ChannelSender {
  constructor(@Inject(HttpSmsProvider) private readonly provider: SmsProvider, @Inject(AppConfig) private readonly config: AppConfig) {}

  get available() {
    return this.provider.available;
  }

  async send(msg: OutgoingMessage): Promise<void> {
    const sms = typeDef(msg.type).sms;
    if (!sms) throw new PermanentDeliveryError(`${msg.type} has no SMS template`);
    const params = Object.fromEntries(sms.params.map((p) => [p, msg.vars[p] ?? '']));
    await this.provider.sendTemplate({ mobile: msg.address, templateId: sms.templateId, params, signName: this.config.SMS_SIGN_NAME, outId: msg.deliveryId });
  }
}
