import { Injectable } from '@nestjs/common';
import { ChannelSender, OutgoingMessage, postJson } from './channel-sender';

/**
 * 企业微信 group robot (群机器人) webhooks, which government offices use: a markdown message to the
 * robot's URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); `errcode` 0 means accepted.
 */
@Injectable()
export class WeComSender implements ChannelSender {
  readonly available = true;

  async send(msg: OutgoingMessage): Promise<void> {
    const lines = [`**${msg.subject}**`, ...msg.text.split('\n').map((l) => `> ${l}`)];
    const res = await postJson(msg.address, JSON.stringify({ msgtype: 'markdown', markdown: { content: lines.join('\n') } }), {});
    let errcode: unknown;
    try {
      errcode = (JSON.parse(res.text) as { errcode?: unknown }).errcode ?? 0;
    } catch {
      errcode = 0;
    }
    if (errcode !== 0) throw new Error(`企业微信机器人拒收：${res.text.slice(0, 200)}`);
  }
}
