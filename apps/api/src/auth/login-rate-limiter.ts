import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { CommonErrorCode } from '@zj/shared';
import type { Request } from 'express';
import { AppException } from '../common/errors/app.exception';
import { AppConfig } from '../config/app.config';

const WINDOW_MS = 60_000;

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
    const key = `${req.ip}|${email}`;
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
