import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from './actor';

export const ROLES_KEY = 'zj:roles';
export const PUBLIC_KEY = 'zj:public';
export const ANY_ROLE_KEY = 'zj:any-role';
export const BEFORE_PASSWORD_CHANGE_KEY = 'zj:before-password-change';

/** Only these roles may call the route. The policy is also written into the OpenAPI document (x-roles). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiExtension('x-roles', roles));

/** Anyone may call the route, signed in or not. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-roles', ['PUBLIC']));

/** Any signed-in user may call the route (data is then scoped to the caller). */
export const AnyRole = () => applyDecorators(SetMetadata(ANY_ROLE_KEY, true), ApiBearerAuth(), ApiExtension('x-roles', ['ANY_AUTHENTICATED']));

/**
 * The route also works for a user who must change the password first (a configured or published
 * one): only what the change needs (who am I, the change itself). Every other route answers 403
 * AUTH_PASSWORD_CHANGE_REQUIRED for such a user.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

/** The calling user, set by the auth guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!req.actor) throw new Error('CurrentActor used on a route without an authenticated caller');
  return req.actor;
});
