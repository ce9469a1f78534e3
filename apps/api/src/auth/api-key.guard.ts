import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error';
import { bearerToken, hashApiKey, sameDigest } from './api-key';
import { ADMIN_KEY_ID, ANONYMOUS_KEY_ID, AUTH_CONFIG, type AuthConfig } from './auth.config';
import { KEY_STORE, type KeyStore } from './key-store';
import { AGGREGATE_READ_PREFIXES, ALL_ROLES, DEFAULT_READ_ROLES, DEFAULT_WRITE_ROLES, PUBLIC_KEY, ROLES_KEY, type Principal, type Role } from './roles';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Global guard: every `/v1` route needs `Authorization: Bearer <key>` with a role the route allows.
 * Paths outside `/v1` (health, docs, the dashboard page) and `@Public()` routes are open.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const path = req.path ?? req.url;
    if (!path.startsWith('/v1')) return true;
    if (!this.config.enabled) {
      req.principal = { keyId: ANONYMOUS_KEY_ID, role: 'admin' };
      return true;
    }
    const principal = await this.authenticate(bearerToken(req.headers.authorization));
    if (!principal) throw new ApiError(401, 'UNAUTHORIZED', 'a valid API key is required (Authorization: Bearer <key>)');
    req.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? defaultRoles(req.method, path);
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new ApiError(403, 'FORBIDDEN', `role ${principal.role} may not call this route; allowed: ${allowed.join(', ')}`);
    }
    return true;
  }

  private async authenticate(key: string | undefined): Promise<Principal | undefined> {
    if (!key) return undefined;
    if (this.config.adminKeyHash && sameDigest(hashApiKey(key), this.config.adminKeyHash)) return { keyId: ADMIN_KEY_ID, role: 'admin' };
    const record = await this.keys.findByKey(key);
    return record ? { keyId: record.id, role: record.role } : undefined;
  }
}

function defaultRoles(method: string, path: string): Role[] {
  if (method !== 'GET' && method !== 'HEAD') return DEFAULT_WRITE_ROLES;
  return AGGREGATE_READ_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`)) ? ALL_ROLES : DEFAULT_READ_ROLES;
}
