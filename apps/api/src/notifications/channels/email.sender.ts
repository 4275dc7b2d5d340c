import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../../config';
import { ChannelSender, OutgoingMessage } from './channel-sender';

/** E-mail over SMTP (SMTP_URL; Mailpit on a developer's machine), HTML and text parts. */
@Injectable()
export class EmailSender implements ChannelSender, OnModuleDestroy {
  private transport?: Transporter;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get available() {
    return !!this.config.SMTP_URL;
  }

  async send(msg: OutgoingMessage): Promise<void> {
    if (!this.transport) {
      const u = new URL(this.config.SMTP_URL);
      // Pooled: a fan-out sends over a few kept-open connections instead of one connection per e-mail.
      this.transport = nodemailer.createTransport({
        host: u.hostname,
        port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 25),
        secure: u.protocol === 'smtps:',
        auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
        pool: true,
        maxConnections: 4,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
    }
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: msg.address,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      // The delivery id as Message-ID: a mail system that sees a resend can recognise it.
      messageId: `<${msg.deliveryId}@notifications.zjgf.local>`,
      headers: { 'X-Zj-Delivery': msg.deliveryId, 'X-Zj-Notification-Type': msg.type },
    });
  }

  onModuleDestroy() {
    this.transport?.close();
  }
}
