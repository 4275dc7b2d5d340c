import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';

/** The caller on a @Public route when a valid token was sent, else undefined. */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
});
