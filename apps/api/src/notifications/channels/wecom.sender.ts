import { Inject, Injectable } from '@nestjs/common';
import { ChannelSender, OutgoingMessage } from './channel-sender';
import { OutboundHttp } from './outbound-http';

/**
 * 企业微信 group robot (群机器人) webhooks, which government offices use: a markdown message to the
 * robot's URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); `errcode` 0 means accepted.
 * A URL any user registers: checked like a webhook's (OutboundHttp).
 */
@Injectable()
export class WeComSender implements ChannelSender {
  readonly available = true;

  constructor(@Inject(OutboundHttp) private readonly http: OutboundHttp) {}

  async send(msg: OutgoingMessage): Promise<void> {
    const lines = [`**${msg.subject}**`, ...msg.text.split('\n').map((l) => `> ${l}`)];
    const res = await this.http.postJson(msg.address, JSON.stringify({ msgtype: 'markdown', markdown: { content: lines.join('\n') } }), {});
    let errcode: unknown;
    try {
      errcode = (JSON.parse(res.text) as { errcode?: unknown }).errcode ?? 0;
    } catch {
      errcode = 0;
    }
    if (errcode !== 0) throw new Error(`企业微信机器人拒收：${res.text.slice(0, 200)}`);
  }
}
