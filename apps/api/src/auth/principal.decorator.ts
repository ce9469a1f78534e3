import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ANONYMOUS_KEY_ID } from './auth.config';
import type { AuthenticatedRequest } from './api-key.guard';
import type { Principal } from './roles';

/** The caller as the guard authenticated it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return req.principal ?? { keyId: ANONYMOUS_KEY_ID, role: 'admin' };
});
