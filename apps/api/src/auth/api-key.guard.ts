import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error';
import { bearerToken, hashApiKey, sameDigest } from '@ashiato/control';
import { AUTH_FAILURES, type AuthFailureLimiter } from './auth-failures';
import { ADMIN_KEY_ID, ANONYMOUS_KEY_ID, AUTH_CONFIG, type AuthConfig } from './auth.config';
import { KEY_STORE, type KeyStore } from '@ashiato/control';
import { AGGREGATE_READ_PREFIXES, ALL_ROLES, DEFAULT_READ_ROLES, DEFAULT_WRITE_ROLES, PUBLIC_KEY, ROLES_KEY, type Principal, type Role } from './roles';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Global guard, deny by default: every route needs `Authorization: Bearer <key>` with a role the
 * route allows, unless the route is marked `@Public()`. The decision is taken from the route the
 * router matched (its declared path and metadata), never from the request's path text, so a path
 * spelled in another case or with a trailing slash cannot slip past it (routing is also strict and
 * case-sensitive, see create-app.ts).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(AUTH_FAILURES) private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!this.config.enabled) {
      req.principal = { keyId: ANONYMOUS_KEY_ID, role: 'admin' };
      return true;
    }
    const key = bearerToken(req.headers.authorization);
    if (!key) throw unauthorized();
    // A client that sent too many wrong keys is refused before its key is looked at (see AuthFailureLimiter).
    const client = clientAddress(req);
    await this.failures.assertNotBlocked(client);
    const principal = await this.authenticate(key);
    if (!principal) {
      await this.failures.recordFailure(client);
      throw unauthorized();
    }
    req.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? defaultRoles(req.method, matchedRoutePath(req));
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new ApiError(403, 'FORBIDDEN', `role ${principal.role} may not call this route; allowed: ${allowed.join(', ')}`);
    }
    return true;
  }

  private async authenticate(key: string): Promise<Principal | undefined> {
    if (this.config.adminKeyHash && sameDigest(hashApiKey(key), this.config.adminKeyHash)) return { keyId: ADMIN_KEY_ID, role: 'admin' };
    const record = await this.keys.findByKey(key);
    return record ? { keyId: record.id, role: record.role } : undefined;
  }
}

const unauthorized = () => new ApiError(401, 'UNAUTHORIZED', 'a valid API key is required (Authorization: Bearer <key>)');

/** The client's network address (the peer; forwarding headers are not trusted). */
function clientAddress(req: Request): string {
  return req.socket?.remoteAddress ?? req.ip ?? 'unknown';
}

/** The path the router matched, as declared (`/v1/subjects/:ref/lineage`); '' if none (then no default role applies beyond writes/reads). */
export function matchedRoutePath(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : '';
}

/** Roles of a route without `@Roles`, from its declared path: aggregates are readable by every role. */
export function defaultRoles(method: string, routePath: string): Role[] {
  if (method !== 'GET' && method !== 'HEAD') return DEFAULT_WRITE_ROLES;
  return AGGREGATE_READ_PREFIXES.some((p) => routePath === p || routePath.startsWith(`${p}/`)) ? ALL_ROLES : DEFAULT_READ_ROLES;
}
