import type { Kysely } from 'kysely';
import { generateApiKey, hashApiKey } from './api-key';
import type { ApiKeyRecord, KeyStore } from './key-store';
import { isRole, type Role } from './roles';

/**
 * API keys in the read-model database (SQLite or PostgreSQL), table `api_keys`. It is not a
 * projection: rebuilds never touch it, and it holds only SHA-256 digests of the keys.
 */
export interface ApiKeysTable {
  id: string;
  role: string;
  key_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface ApiKeysDb {
  api_keys: ApiKeysTable;
}

export async function ensureApiKeysTable(db: Kysely<ApiKeysDb>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .ifNotExists()
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('label', 'varchar(200)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(40)')
    .execute();
}

function toRecord(row: ApiKeysTable): ApiKeyRecord | undefined {
  if (!isRole(row.role)) return undefined;
  return { id: row.id, role: row.role, createdAt: row.created_at, ...(row.label ? { label: row.label } : {}), ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}) };
}

export class KyselyKeyStore implements KeyStore {
  private ready?: Promise<void>;

  constructor(
    private readonly db: Kysely<ApiKeysDb>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private init(): Promise<void> {
    this.ready ??= ensureApiKeysTable(this.db);
    return this.ready;
  }

  async create(role: Role, label?: string): Promise<{ record: ApiKeyRecord; key: string }> {
    await this.init();
    const { id, key } = generateApiKey(role);
    const row: ApiKeysTable = { id, role, key_hash: hashApiKey(key), label: label ?? null, created_at: this.now().toISOString(), revoked_at: null };
    await this.db.insertInto('api_keys').values(row).execute();
    return { record: toRecord(row)!, key };
  }

  async findByKey(key: string): Promise<ApiKeyRecord | undefined> {
    await this.init();
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', hashApiKey(key)).where('revoked_at', 'is', null).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<ApiKeyRecord[]> {
    await this.init();
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
    return rows.map(toRecord).filter((r): r is ApiKeyRecord => !!r);
  }

  async revoke(id: string): Promise<boolean> {
    await this.init();
    const r = await this.db.updateTable('api_keys').set({ revoked_at: this.now().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
