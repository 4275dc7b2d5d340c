import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InboxItem, InboxPage } from '@zj/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { pageBounds } from '../common/http/pagination';
import { InboxQuery } from './dto/notifications.dto';
import { NotificationSignals } from './notification-signals';
import { NotificationErrorCode } from './notifications.errors';

function toItem(r: Record<string, unknown>): InboxItem {
  return {
    id: r.id as string,
    type: r.type as InboxItem['type'],
    title: r.title as string,
    body: r.body as string,
    link: (r.link as string | null) ?? null,
    createdAt: (r.created_at as Date).toISOString(),
    readAt: r.read_at ? (r.read_at as Date).toISOString() : null,
  };
}

/**
 * A user's own inbox: only ever the caller's rows (another user's item answers 404). Marking read
 * is the reader's own view state, not a change to the platform's records, so it is not audited.
 */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NotificationSignals) private readonly signals: NotificationSignals,
  ) {}

  async list(actor: Actor, query: InboxQuery): Promise<InboxPage> {
    if (query.sort && !['createdAt', '-createdAt'].includes(query.sort)) {
      throw AppException.badRequest(`不支持的排序字段：${query.sort.replace(/^-/, '')}`, undefined, [{ field: 'sort', messages: ['可选：createdAt'] }]);
    }
    const { page, pageSize, offset } = pageBounds(query);
    const dir = query.sort === 'createdAt' ? 'ASC' : 'DESC';
    const where = `user_id = $1${query.unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const rows = await this.dataSource.query(
      `SELECT id, type, title, body, link, created_at, read_at FROM notification_inbox WHERE ${where} ORDER BY created_at ${dir}, id ${dir} LIMIT $2 OFFSET $3`,
      [actor.userId, pageSize, offset],
    );
    const [{ total, unread }] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE ${query.unreadOnly ? 'read_at IS NULL' : 'true'})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notification_inbox WHERE user_id = $1`,
      [actor.userId],
    );
    return { items: rows.map(toItem), total, page, pageSize, unread };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM notification_inbox WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return n;
  }

  async markRead(actor: Actor, id: string): Promise<InboxItem> {
    const [rows] = await this.dataSource.query(
      `UPDATE notification_inbox SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id, type, title, body, link, created_at, read_at`,
      [id, actor.userId],
    );
    if (!rows.length) throw AppException.notFound('通知', NotificationErrorCode.INBOX_ITEM_NOT_FOUND);
    this.signals.inboxChanged([actor.userId]);
    return toItem(rows[0]);
  }

  async markAllRead(actor: Actor): Promise<{ updated: number }> {
    const [, updated] = await this.dataSource.query(`UPDATE notification_inbox SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [actor.userId]);
    this.signals.inboxChanged([actor.userId]);
    return { updated };
  }
}
