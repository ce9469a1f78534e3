import { SetMetadata } from '@nestjs/common';
import { isRole, ROLES, type Role } from '@ashiato/control';

/**
 * Roles of API keys. `admin` may do everything. What each role may call:
 * - ingestor: append events (POST /v1/events, PUT /v1/policies/…);
 * - dpo: subject lineage, provision records, erasures, audit list, and every other read;
 * - breach: declare breaches, read breaches, their subjects and reports;
 * - viewer: aggregates only (counts and statistics without subject refs), for dashboards.
 * A route without `@Roles` is open to `ingestor` for writes and to `dpo`/`breach` for reads,
 * because an undecorated read may return subject refs (see ApiKeyGuard) — except reads under
 * AGGREGATE_READ_PREFIXES (policy documents, statistics): no subject refs there, so every role reads.
 */
export { isRole, ROLES, type Role };

export const ROLES_KEY = 'ashiato:roles';
export const PUBLIC_KEY = 'ashiato:public';

/** Restricts a controller or route to these roles (admin always passes). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Opens a route to callers without a key (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Who is calling: the key's id (never the key itself) and its role. */
export interface Principal {
  keyId: string;
  role: Role;
}

export const DEFAULT_WRITE_ROLES: Role[] = ['ingestor'];
export const DEFAULT_READ_ROLES: Role[] = ['dpo', 'breach'];
export const ALL_ROLES: Role[] = [...ROLES];
/** GET routes under these paths carry no personal data: any key may read them (viewer dashboards). */
export const AGGREGATE_READ_PREFIXES = ['/v1/policies', '/v1/stats'];
