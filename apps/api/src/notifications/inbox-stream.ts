import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InboxStreamEvent } from '@zj/shared';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { NotificationSignals } from './notification-signals';

interface Client {
  res: Response;
  last?: string;
}

const POLL_MS = 1000;
const HEARTBEAT_MS = 25_000;

/**
 * Live inbox updates over server-sent events. Each connected user gets `event: unread` with the
 * unread count whenever it (or the newest item) changes. The worker may run in another process, so
 * one query per second for all connected users finds what it delivered; in the same process a
 * signal pushes at once.
 */
@Injectable()
export class InboxStream implements OnModuleDestroy {
  private readonly logger = new Logger(InboxStream.name);
  private readonly clients = new Map<string, Set<Client>>();
  private poller?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private busy = false;
  private readonly off: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NotificationSignals) signals: NotificationSignals,
  ) {
    this.off = signals.onInbox((ids) => void this.check(ids.filter((id) => this.clients.has(id))));
  }

  get connections() {
    let n = 0;
    for (const s of this.clients.values()) n += s.size;
    return n;
  }

  open(userId: string, res: Response) {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const client: Client = { res };
    const set = this.clients.get(userId) ?? new Set<Client>();
    set.add(client);
    this.clients.set(userId, set);
    res.on('close', () => {
      set.delete(client);
      if (!set.size) this.clients.delete(userId);
      if (!this.clients.size) this.stopTimers();
    });
    this.startTimers();
    void this.check([userId]);
  }

  private startTimers() {
    this.poller ??= setInterval(() => void this.check([...this.clients.keys()]), POLL_MS);
    this.heartbeat ??= setInterval(() => {
      for (const set of this.clients.values()) for (const c of set) c.res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
  }

  private stopTimers() {
    clearInterval(this.poller);
    clearInterval(this.heartbeat);
    this.poller = this.heartbeat = undefined;
  }

  private async check(userIds: string[]) {
    if (!userIds.length || this.busy) return;
    this.busy = true;
    try {
      const rows: { user_id: string; unread: number; latest: Date | null }[] = await this.dataSource.query(
        `SELECT u.id AS user_id, count(i.id) FILTER (WHERE i.read_at IS NULL)::int AS unread, max(i.created_at) AS latest
           FROM unnest($1::uuid[]) AS u(id) LEFT JOIN notification_inbox i ON i.user_id = u.id GROUP BY u.id`,
        [userIds],
      );
      for (const r of rows) {
        const event: InboxStreamEvent = { unread: r.unread, latest: r.latest ? new Date(r.latest).toISOString() : null };
        const data = JSON.stringify(event);
        for (const c of this.clients.get(r.user_id) ?? []) {
          if (c.last === data) continue;
          c.last = data;
          c.res.write(`event: unread\ndata: ${data}\n\n`);
        }
      }
    } catch (e) {
      this.logger.warn({ msg: 'inbox stream check failed', error: (e as Error).message });
    } finally {
      this.busy = false;
    }
  }

  onModuleDestroy() {
    this.off();
    this.stopTimers();
    for (const set of this.clients.values()) for (const c of set) c.res.end();
    this.clients.clear();
  }
}
