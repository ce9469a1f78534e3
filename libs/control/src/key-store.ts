import type { Role } from './roles';

export interface ApiKeyRecord {
  id: string;
  role: Role;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

/** Where API keys live (as SHA-256 digests). DI token `KEY_STORE`. */
export interface KeyStore {
  /** Creates a key; the plain key is returned once and never stored. */
  create(role: Role, label?: string): Promise<{ record: ApiKeyRecord; key: string }>;
  findByKey(key: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(id: string): Promise<boolean>;
}

export const KEY_STORE = Symbol('KEY_STORE');
