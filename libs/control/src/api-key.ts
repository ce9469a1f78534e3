import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles';

/** Keys are stored only as SHA-256 digests; a leaked keys table grants nothing. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new key: the role prefix helps people tell keys apart; 192 random bits make it unguessable. */
export function generateApiKey(role: Role): { id: string; key: string } {
  const id = `key_${randomBytes(6).toString('hex')}`;
  return { id, key: `ashiato_${role}_${randomBytes(24).toString('base64url')}` };
}

/** Extracts the bearer token from an Authorization header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
