import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config';
import type { Actor } from './actor';

/** What the database said about an access token's user and session. */
export interface SessionState {
  actor: Actor;
  active: boolean;
  tokenVersion: number;
  /** The refresh-token family (session) of the token has a token that is not revoked: not logged out. */
  sessionLive: boolean;
  passwordChangeRequired: boolean;
}

const MAX_ENTRIES = 10_000;
/** The PostgreSQL channel on which API processes tell each other of ended sessions. */
const CHANNEL = 'zj_sessions_ended';
const RECONNECT_MS = 1000;

/**
 * A short-lived, in-process memory of session checks (AUTH_SESSION_CACHE_MS), so that an access token
 * used for many requests costs one database query per interval instead of one per request.
 *
 * Every change that ends or restricts sessions (logout, refresh-token reuse, password change, disable)
 * forgets the entries it concerns at once in this process, and tells the other API processes on a
 * PostgreSQL channel (NOTIFY), which forget them as the notice arrives (milliseconds). A process that
 * lost its channel forgets everything when it listens again; while it is away, an entry lives at most
 * AUTH_SESSION_CACHE_MS. With the embedded engine there is one process and no channel. 0 switches the
 * memory off.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, { state: SessionState; until: number }>();
  /** Bumped by every invalidation: a lookup that started before one must not store what it read. */
  private epoch = 0;
  private listener?: Client;
  private reconnect?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get shared() {
    return this.config.AUTH_SESSION_CACHE_MS > 0 && !this.config.usesEmbeddedDatabase;
  }

  onApplicationBootstrap() {
    if (this.shared) void this.listen();
  }

  async onModuleDestroy() {
    this.closed = true;
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => undefined);
  }

  /** Listens for other processes' invalidations; on any loss, forgets everything and listens again. */
  private async listen() {
    if (this.closed) return;
    const client = new Client({ connectionString: (this.dataSource.options as { url?: string }).url });
    const retry = (e?: Error) => {
      if (e) this.logger.warn(`session channel lost (${e.message}); entries expire after ${this.config.AUTH_SESSION_CACHE_MS} ms meanwhile`);
      if (this.listener === client) this.listener = undefined;
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (!this.closed) this.reconnect = setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    };
    client.on('error', retry);
    client.on('notification', (n) => {
      const [kind, id] = (n.payload ?? '').split(':');
      if (kind === 'u') this.dropUser(id);
      else if (kind === 's') this.dropSession(id);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      // Whatever was said while nobody listened is unknown: start afresh.
      this.epoch++;
      this.entries.clear();
    } catch (e) {
      retry(e as Error);
    }
  }

  /** Tells the other API processes (they drop the entries when the notice arrives). */
  private async broadcast(kind: 'u' | 's', id: string) {
    if (!this.shared) return;
    await this.dataSource.query('SELECT pg_notify($1, $2)', [CHANNEL, `${kind}:${id}`]).catch((e: Error) => this.logger.warn(`session notice not sent: ${e.message}`));
  }

  private key(userId: string, sessionId: string) {
    return `${userId}|${sessionId}`;
  }

  /** The epoch to hand back to `set` after reading the database. */
  begin(): number {
    return this.epoch;
  }

  get(userId: string, sessionId: string): SessionState | undefined {
    const k = this.key(userId, sessionId);
    const hit = this.entries.get(k);
    if (!hit) return undefined;
    if (hit.until <= Date.now()) {
      this.entries.delete(k);
      return undefined;
    }
    return hit.state;
  }

  set(userId: string, sessionId: string, state: SessionState, epoch: number): void {
    const ttl = this.config.AUTH_SESSION_CACHE_MS;
    if (ttl <= 0 || epoch !== this.epoch) return;
    const k = this.key(userId, sessionId);
    this.entries.delete(k);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(k, { state, until: Date.now() + ttl });
  }

  /** After a password change, a disable or any change of the user's row: here and in every API process. */
  forgetUser(userId: string): Promise<void> {
    this.dropUser(userId);
    return this.broadcast('u', userId);
  }

  /** After a logout or the revocation of one session (refresh-token family): here and in every API process. */
  forgetSession(sessionId: string): Promise<void> {
    this.dropSession(sessionId);
    return this.broadcast('s', sessionId);
  }

  private dropUser(userId: string): void {
    this.epoch++;
    const prefix = `${userId}|`;
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  private dropSession(sessionId: string): void {
    this.epoch++;
    const suffix = `|${sessionId}`;
    for (const k of this.entries.keys()) if (k.endsWith(suffix)) this.entries.delete(k);
  }
}
