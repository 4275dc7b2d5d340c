import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Role } from '@zj/shared';
import type { NextFunction, Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { resolveJwtSecret, AppConfig } from '../config';
import type { Actor } from '../common/auth/actor';
import { QUEUE_NAMES, QueueBackend } from '../queue';
import { NotificationDirectory } from './directory';
import { NotificationQueues } from './notification-queues';
import { escapeHtml } from './template-render';

export const DASHBOARD_PATH = '/api/v1/admin/queues';
/** The web app's page the dashboard is opened from (通知管理). */
export const NOTIFICATIONS_ADMIN_PAGE = '/notifications/admin';
const COOKIE = 'zj_queue_dashboard';
const TICKET_TTL_MS = 60_000;
const SESSION_TTL_MS = 15 * 60_000;

/**
 * The dashboard's page without anything from another host: bull-board's page links Google Fonts
 * (IBM Plex), which a government intranet cannot reach and which would tell a third party who opens
 * the dashboard. Such `<link>`/`<script>` tags are dropped; the page falls back to the system fonts.
 */
export function withoutExternalAssets(html: string): string {
  return html
    .replace(/<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^>]*>/gi, '')
    .replace(/<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\/[^>]*>\s*<\/script>/gi, '');
}

type ViewEngine = (path: string, options: object, callback: (e: Error | null, html?: string) => void) => void;

/** bull-board's Express adapter, rendering its page through withoutExternalAssets. */
class LocalOnlyExpressAdapter extends ExpressAdapter {
  override setViewsPath(viewPath: string): this {
    super.setViewsPath(viewPath);
    const app = this.getRouter() as unknown as { engines: Record<string, ViewEngine>; engine(ext: string, fn: ViewEngine): void };
    const render = app.engines['.ejs'];
    app.engine('ejs', (path, options, callback) => render(path, options, (e, html) => callback(e, html === undefined ? html : withoutExternalAssets(html))));
    return this;
  }
}

interface Claims {
  /** ticket or session */
  k: 't' | 's';
  u: string;
  tv: number;
  exp: number;
  n: string;
}

/**
 * The BullMQ dashboard (bull-board) for the bureau's administrators, at /api/v1/admin/queues.
 *
 * A browser navigating to a page sends no bearer token, so: the signed-in web app POSTs
 * /notifications/admin/dashboard-ticket (bearer, BUREAU) and gets a one-time ticket valid for one
 * minute; opening the dashboard with `?ticket=` exchanges it for an HttpOnly, SameSite=Strict cookie
 * scoped to the dashboard's path, valid 15 minutes. Every dashboard request re-checks that the user
 * is still an active BUREAU user with the same token version (a password change or a disable ends
 * the dashboard session too). Tokens are HMAC-signed with a key derived from the JWT secret.
 */
@Injectable()
export class QueueDashboard {
  private readonly logger = new Logger(QueueDashboard.name);
  private readonly key: Buffer;
  private readonly usedTickets = new Map<string, number>();
  private router?: ReturnType<ExpressAdapter['getRouter']>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NotificationDirectory) private readonly directory: NotificationDirectory,
    @Inject(NotificationQueues) private readonly queues: NotificationQueues,
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(QueueBackend) private readonly backend: QueueBackend,
  ) {
    this.key = createHmac('sha256', resolveJwtSecret(config)).update('zj-queue-dashboard').digest();
  }

  mount() {
    const adapter = this.host.httpAdapter;
    if (!adapter || adapter.getType() !== 'express') return;
    adapter.use(DASHBOARD_PATH, (req: Request, res: Response, next: NextFunction) => void this.guard(req, res, next));
  }

  /** Built on first use, so an API process whose dashboard nobody opens holds no queue connections for it. */
  private board(): ReturnType<ExpressAdapter['getRouter']> {
    if (!this.router) {
      const serverAdapter = new LocalOnlyExpressAdapter();
      serverAdapter.setBasePath(DASHBOARD_PATH);
      // Every queue of the job map: notifications' own, and the others' (sweeps, the schedule solver).
      const own = this.queues.all();
      const others = QUEUE_NAMES.filter((n) => !own.some((q) => q.name === n)).map((n) => this.backend.createQueue(n));
      createBullBoard({ queues: [...own, ...others].map((q) => new BullMQAdapter(q)), serverAdapter: serverAdapter as never, options: { uiConfig: { boardTitle: '湛江绿色金融 · 队列' } } });
      this.router = serverAdapter.getRouter();
    }
    return this.router;
  }

  private sign(c: Claims): string {
    const body = Buffer.from(JSON.stringify(c)).toString('base64url');
    return `${body}.${createHmac('sha256', this.key).update(body).digest('base64url')}`;
  }

  private verify(token: string | undefined, kind: Claims['k']): Claims | null {
    if (!token) return null;
    const [body, sig] = token.split('.');
    if (!body || !sig) return null;
    const expected = Buffer.from(createHmac('sha256', this.key).update(body).digest('base64url'));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const c = JSON.parse(Buffer.from(body, 'base64url').toString()) as Claims;
      return c.k === kind && c.exp > Date.now() ? c : null;
    } catch {
      return null;
    }
  }

  /** For the bearer-authenticated ticket route. */
  async issueTicket(actor: Actor): Promise<{ url: string; expiresAt: string }> {
    const u = await this.directory.users.session(this.dataSource.manager, actor.userId);
    const exp = Date.now() + TICKET_TTL_MS;
    const ticket = this.sign({ k: 't', u: actor.userId, tv: u!.tokenVersion, exp, n: randomBytes(12).toString('base64url') });
    return { url: `${DASHBOARD_PATH}?ticket=${encodeURIComponent(ticket)}`, expiresAt: new Date(exp).toISOString() };
  }

  private async stillAdmin(c: Claims): Promise<boolean> {
    const u = await this.directory.users.session(this.dataSource.manager, c.u);
    return !!u && u.role === Role.BUREAU && u.status === 'ACTIVE' && u.tokenVersion === c.tv;
  }

  /** A refusal page; `reopen` adds the link to the web app's 通知管理 page, where the dashboard is opened. */
  private refuse(res: Response, status: number, message: string, reopen = false) {
    res.status(status).setHeader('Cache-Control', 'no-store');
    const link = reopen ? ` <a href="${escapeHtml(new URL(NOTIFICATIONS_ADMIN_PAGE, this.config.PUBLIC_URL).toString())}">前往通知管理</a>` : '';
    res.type('html').send(`<!doctype html><meta charset="utf-8"><title>队列看板</title><p style="font-family:sans-serif">${message}${link}</p>`);
  }

  private async guard(req: Request, res: Response, next: NextFunction) {
    try {
      const ticketParam = typeof req.query.ticket === 'string' ? req.query.ticket : undefined;
      if (ticketParam) {
        const t = this.verify(ticketParam, 't');
        const now = Date.now();
        for (const [n, exp] of this.usedTickets) if (exp < now) this.usedTickets.delete(n);
        if (!t || this.usedTickets.has(t.n) || !(await this.stillAdmin(t))) return this.refuse(res, 401, '链接已失效，请从平台的“通知管理”页面重新打开队列看板。', true);
        this.usedTickets.set(t.n, t.exp);
        const session = this.sign({ k: 's', u: t.u, tv: t.tv, exp: now + SESSION_TTL_MS, n: randomBytes(12).toString('base64url') });
        const secure = req.secure ? '; Secure' : '';
        res.setHeader('Set-Cookie', `${COOKIE}=${session}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure}`);
        return res.redirect(303, `${DASHBOARD_PATH}/`);
      }
      const cookie = (req.headers.cookie ?? '')
        .split(';')
        .map((p) => p.trim().split('='))
        .find(([k]) => k === COOKIE)?.[1];
      const s = this.verify(cookie, 's');
      if (!s || !(await this.stillAdmin(s))) return this.refuse(res, 401, '请以市金融工作局管理员身份登录平台后，从“通知管理”页面打开队列看板。', true);
      res.setHeader('Cache-Control', 'no-store');
      await this.queues.init();
      this.board()(req, res, next);
    } catch (e) {
      this.logger.error({ msg: 'queue dashboard guard failed', error: (e as Error).message });
      this.refuse(res, 500, '队列看板暂不可用');
    }
  }
}
