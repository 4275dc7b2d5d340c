import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommonErrorCode } from '@zj/shared';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { AppConfig } from '../config';

const WINDOW_MS = 60_000;

/**
 * Seconds until a key may try again, given the instants (ms, oldest first) of its newest counted
 * attempts: 0 while fewer than `max` fall in the window, else until the oldest counted leaves it.
 */
export function retryAfterSeconds(times: number[], now: number, max: number, windowMs: number): number {
  const recent = times.filter((t) => now - t < windowMs);
  if (recent.length < max) return 0;
  const oldestCounted = recent[recent.length - max];
  return Math.max(1, Math.ceil((oldestCounted + windowMs - now) / 1000));
}

/**
 * Attempts counted per key in the database, so that every API process counts the same attempts (a
 * limit of N per window is N however many processes serve the logins) and a restart forgets nothing.
 * Two attempts at the very same moment on two processes may both pass the last free place: a limit
 * holds to within the concurrency of one client, which is what a throttle needs.
 */
@Injectable()
export class AttemptCounter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The instants (ms, oldest first) of the newest `max` attempts of the key within the window. */
  async recent(kind: AttemptKind, key: string, windowMs: number, max: number): Promise<number[]> {
    const rows: { at: Date }[] = await this.dataSource.query(
      `SELECT at FROM auth_attempts WHERE kind = $1 AND key = $2 AND at > now() - make_interval(secs => $3) ORDER BY at DESC LIMIT $4`,
      [kind, key, windowMs / 1000, max],
    );
    return rows.map((r) => new Date(r.at).getTime()).reverse();
  }

  /** Counts an attempt; now and then forgets attempts older than any window (ATTEMPTS_KEPT_MS). */
  async record(kind: AttemptKind, key: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO auth_attempts (kind, key) VALUES ($1, $2)`, [kind, key]);
    if (Math.random() < 0.01) {
      await this.dataSource.query(`DELETE FROM auth_attempts WHERE at < now() - make_interval(secs => $1)`, [ATTEMPTS_KEPT_MS / 1000]);
    }
  }
}

type AttemptKind = 'login' | 'address-failure';
/** Longer than any window an attempt counts in (a minute per account, LOGIN_IP_WINDOW_MINUTES ≤ 24 h per address). */
const ATTEMPTS_KEPT_MS = 25 * 3600_000;

/**
 * Limits login-type requests per (client address, account) to LOGIN_RATE_LIMIT_PER_MINUTE in a
 * sliding minute, counted across all API processes (AttemptCounter).
 */
@Injectable()
export class LoginRateLimiter implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly attempts: AttemptCounter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    const key = `${addressKey(req.ip)}|${email}`;
    const max = this.config.LOGIN_RATE_LIMIT_PER_MINUTE;
    const times = await this.attempts.recent('login', key, WINDOW_MS, max);
    if (retryAfterSeconds(times, Date.now(), max, WINDOW_MS) > 0) {
      throw new AppException(CommonErrorCode.RATE_LIMITED, '尝试次数过多，请一分钟后再试', HttpStatus.TOO_MANY_REQUESTS);
    }
    await this.attempts.record('login', key);
    return true;
  }
}

/**
 * Failed logins per client address across accounts (password spraying): after LOGIN_IP_MAX_FAILURES
 * failures within LOGIN_IP_WINDOW_MINUTES, every login from that address answers 429 until the oldest
 * failure leaves the window. Counted across all API processes (AttemptCounter). The address is
 * Express's `req.ip` (the proxy's X-Forwarded-For is trusted from loopback only); an IPv6 address
 * counts by its /64 network.
 */
@Injectable()
export class LoginAddressThrottle {
  constructor(
    private readonly config: AppConfig,
    private readonly attempts: AttemptCounter,
  ) {}

  private get windowMs() {
    return this.config.LOGIN_IP_WINDOW_MINUTES * 60_000;
  }

  /** Seconds until this address may try again; 0 when it may now. */
  async retryAfterSeconds(ip: string | undefined): Promise<number> {
    const max = this.config.LOGIN_IP_MAX_FAILURES;
    const times = await this.attempts.recent('address-failure', addressKey(ip), this.windowMs, max);
    return retryAfterSeconds(times, Date.now(), max, this.windowMs);
  }

  recordFailure(ip: string | undefined): Promise<void> {
    return this.attempts.record('address-failure', addressKey(ip));
  }
}

/** Refuses logins from an address that failed too often (LoginAddressThrottle), with Retry-After. */
@Injectable()
export class LoginAddressLimiter implements CanActivate {
  constructor(private readonly throttle: LoginAddressThrottle) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const wait = await this.throttle.retryAfterSeconds(req.ip);
    if (wait > 0) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
      throw new AppException(CommonErrorCode.RATE_LIMITED, `登录失败次数过多，请${Math.ceil(wait / 60)}分钟后再试`, HttpStatus.TOO_MANY_REQUESTS, {
        retryAfterSeconds: wait,
      });
    }
    return true;
  }
}

/** The key an address counts under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 network. */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const bare = ip.split('%')[0].toLowerCase();
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
