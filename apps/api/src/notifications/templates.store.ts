import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOTIFICATION_LOCALES, NotificationLocale, NotificationType } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config';
import { TemplateText, typeDef } from './notification-types';
import { renderHtml, renderText } from './template-render';

export interface RenderedMessage {
  subject: string;
  /** The body alone (the inbox shows it with its own link). */
  body: string;
  /** The body with the link, for e-mail and other channels. */
  text: string;
  html: string;
  /** The notice's link made absolute (PUBLIC_URL + path), or null. */
  url: string | null;
}

export type TypeTemplates = Record<NotificationLocale, TemplateText & { custom: boolean }>;

/** The templates in force: the registry's defaults, overridden by what the bureau saved. */
@Injectable()
export class TemplateStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async load(type: NotificationType, m: EntityManager = this.dataSource.manager): Promise<TypeTemplates> {
    const def = typeDef(type);
    const rows: { locale: NotificationLocale; subject: string; body: string }[] = await m.query(`SELECT locale, subject, body FROM notification_templates WHERE type = $1`, [type]);
    const out = {} as TypeTemplates;
    for (const locale of NOTIFICATION_LOCALES) {
      const row = rows.find((r) => r.locale === locale);
      out[locale] = row ? { subject: row.subject, body: row.body, custom: true } : { ...def.templates[locale], custom: false };
    }
    return out;
  }

  render(templates: TypeTemplates, locale: NotificationLocale, vars: Record<string, string>, link: string | null): RenderedMessage {
    const t = templates[locale] ?? templates['zh-CN'];
    const subject = renderText(t.subject, vars);
    const body = renderText(t.body, vars);
    const url = link ? new URL(link, this.config.PUBLIC_URL).toString() : null;
    const text = url ? `${body}\n${locale === 'en' ? 'Open' : '查看详情'}：${url}` : body;
    const footer = locale === 'en' ? 'Zhanjiang Green Finance Platform — change which notices you get under Notification settings.' : '湛江绿色金融对接平台 · 可在“通知设置”中选择接收哪些通知及方式';
    return { subject, body, text, html: renderHtml(subject, text, footer), url };
  }
}
