import { hashApiKey } from './api-key';

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

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const admin = env.ASHIATO_ADMIN_KEY?.trim();
  return {
    enabled: (env.ASHIATO_AUTH ?? 'on').toLowerCase() !== 'off',
    ...(admin ? { adminKeyHash: hashApiKey(admin) } : {}),
  };
}

export const ADMIN_KEY_ID = 'admin-env';
export const ANONYMOUS_KEY_ID = 'anonymous';
