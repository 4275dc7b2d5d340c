import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { CommonErrorCode } from '@zj/shared';
import type { Request, Response } from 'express';
import { AppException } from '../common/errors/app.exception';
import { AppConfig } from '../config/app.config';

const WINDOW_MS = 60_000;
/** Addresses remembered at most (an attacker rotating addresses cannot grow the map without bound). */
const MAX_ADDRESSES = 100_000;

/**
 * Limits login-type requests per (client address, account) to LOGIN_RATE_LIMIT_PER_MINUTE in a
 * sliding minute. Kept in this process's memory: behind several API instances each counts its own.
 */
@Injectable()
export class LoginRateLimiter implements CanActivate {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = Date.now();

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    const key = `${addressKey(req.ip)}|${email}`;
    const now = Date.now();
    this.sweep(now);
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= this.config.LOGIN_RATE_LIMIT_PER_MINUTE) {
      this.hits.set(key, recent);
      throw new AppException(CommonErrorCode.RATE_LIMITED, '尝试次数过多，请一分钟后再试', HttpStatus.TOO_MANY_REQUESTS);
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  /** Forgets keys idle for a window, so the map does not grow without bound. */
  private sweep(now: number) {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits) if (times.every((t) => now - t >= WINDOW_MS)) this.hits.delete(key);
  }
}

/**
 * Failed logins per client address across accounts (password spraying): after LOGIN_IP_MAX_FAILURES
 * failures within LOGIN_IP_WINDOW_MINUTES, every login from that address answers 429 until the oldest
 * failure leaves the window. Counted in this process's memory: behind several API processes each
 * counts its own (an attacker gets at most N × processes tries per window), and a restart forgets.
 * The address is Express's `req.ip` (the proxy's X-Forwarded-For is trusted from loopback only); an
 * IPv6 address counts by its /64 network.
 */
@Injectable()
export class LoginAddressThrottle {
  private readonly failures = new Map<string, number[]>();
  private lastSweep = Date.now();

  constructor(private readonly config: AppConfig) {}

  private get windowMs() {
    return this.config.LOGIN_IP_WINDOW_MINUTES * 60_000;
  }

  /** Seconds until this address may try again; 0 when it may now. */
  retryAfterSeconds(ip: string | undefined, now = Date.now()): number {
    const times = this.recent(addressKey(ip), now);
    if (times.length < this.config.LOGIN_IP_MAX_FAILURES) return 0;
    const oldestCounted = times[times.length - this.config.LOGIN_IP_MAX_FAILURES];
    return Math.max(1, Math.ceil((oldestCounted + this.windowMs - now) / 1000));
  }

  recordFailure(ip: string | undefined, now = Date.now()): void {
    this.sweep(now);
    const key = addressKey(ip);
    const times = this.recent(key, now);
    times.push(now);
    // Only the newest N matter.
    if (times.length > this.config.LOGIN_IP_MAX_FAILURES) times.splice(0, times.length - this.config.LOGIN_IP_MAX_FAILURES);
    this.failures.delete(key);
    if (this.failures.size >= MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, times);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private sweep(now: number) {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, times] of this.failures) if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(key);
  }
}

/** Refuses logins from an address that failed too often (LoginAddressThrottle), with Retry-After. */
@Injectable()
export class LoginAddressLimiter implements CanActivate {
  constructor(private readonly throttle: LoginAddressThrottle) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const wait = this.throttle.retryAfterSeconds(req.ip);
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
