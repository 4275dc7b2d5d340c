import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@zj/shared';
import type { Request } from 'express';
import { AppException } from '../errors/app.exception';
import type { Actor } from './actor';
import { AuthErrorCode } from './auth.errors';
import { ANY_ROLE_KEY, BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './policy.decorators';
import { AccessTokenVerifier } from './access-token-verifier';

/** The policy a route declared, or null when it declared none. */
export function routePolicy(reflector: Reflector, targets: Parameters<Reflector['getAllAndOverride']>[1]) {
  const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
  const anyRole = reflector.getAllAndOverride<boolean>(ANY_ROLE_KEY, targets);
  const roles = reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
  if (isPublic) return { kind: 'public' as const };
  if (anyRole) return { kind: 'any-role' as const };
  if (roles?.length) return { kind: 'roles' as const, roles };
  return null;
}

/**
 * The global guard. Every route must declare @Public, @AnyRole or @Roles; one that declares none is
 * refused to everybody (and a test fails for it). A bearer token is verified where one is sent.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const policy = routePolicy(this.reflector, [context.getHandler(), context.getClass()]);
    if (!policy) {
      this.logger.error({ msg: 'route without a declared access policy', path: req.path });
      throw AppException.forbidden();
    }
    const header = req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (policy.kind === 'public') {
      // A stale token on a public page is ignored, not refused; so is the token of a user who must
      // change the password first (the page is answered as to anybody).
      if (token) {
        const caller = await this.verifier.verify(token).catch(() => undefined);
        if (caller && !caller.passwordChangeRequired) req.actor = caller.actor;
      }
      return true;
    }
    if (token) {
      const caller = await this.verifier.verify(token);
      if (caller.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, [context.getHandler(), context.getClass()])) {
        throw AppException.forbidden('请先修改密码：当前密码来自配置或已公开，修改后才能使用平台的其他功能', AuthErrorCode.PASSWORD_CHANGE_REQUIRED);
      }
      req.actor = caller.actor;
    }
    if (!req.actor) throw AppException.unauthenticated();
    if (policy.kind === 'roles' && !policy.roles.includes(req.actor.role)) throw AppException.forbidden();
    return true;
  }
}
