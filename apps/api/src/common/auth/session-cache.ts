import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
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

/**
 * A short-lived, in-process memory of session checks (AUTH_SESSION_CACHE_MS), so that an access token
 * used for many requests costs one database query per interval instead of one per request.
 *
 * Every change that ends or restricts sessions in this process (logout, refresh-token reuse, password
 * change, disable) forgets the entries it concerns at once. Another API process learns of such a change
 * when its own entry runs out, at most AUTH_SESSION_CACHE_MS later; 0 switches the memory off.
 */
@Injectable()
export class SessionCache {
  private readonly entries = new Map<string, { state: SessionState; until: number }>();
  /** Bumped by every invalidation: a lookup that started before one must not store what it read. */
  private epoch = 0;

  constructor(private readonly config: AppConfig) {}

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

  /** After a password change, a disable or any change of the user's row. */
  forgetUser(userId: string): void {
    this.epoch++;
    const prefix = `${userId}|`;
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  /** After a logout or the revocation of one session (refresh-token family). */
  forgetSession(sessionId: string): void {
    this.epoch++;
    const suffix = `|${sessionId}`;
    for (const k of this.entries.keys()) if (k.endsWith(suffix)) this.entries.delete(k);
  }
}
