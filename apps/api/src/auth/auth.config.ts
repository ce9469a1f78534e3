import { hashApiKey } from '@ashiato/control';

/**
 * ASHIATO_ADMIN_KEY: a key with every role, for automation (compared by digest, never logged).
 * ASHIATO_AUTH=off: no keys checked — only for local experiments and tests of other features;
 * every request then acts as `admin` with key id `anonymous`.
 */
export interface AuthConfig {
  enabled: boolean;
  adminKeyHash?: string;
}

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/** ASHIATO_AUTH and ASHIATO_ADMIN_KEY of the server's configuration; only the key's digest is kept. */
export function authConfigFrom(config: { authEnabled: boolean; adminKey?: string }): AuthConfig {
  return {
    enabled: config.authEnabled,
    ...(config.adminKey ? { adminKeyHash: hashApiKey(config.adminKey) } : {}),
  };
}

export const ADMIN_KEY_ID = 'admin-env';
export const ANONYMOUS_KEY_ID = 'anonymous';
