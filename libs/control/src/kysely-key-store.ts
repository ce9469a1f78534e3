import type { Kysely } from 'kysely';
import type { ApiKeyDigestsTable, ControlDatabase } from './control-tables';
import { generateApiKey, hashApiKey } from './api-key';
import type { ApiKeyRecord, KeyStore } from './key-store';
import { isRole, type Role } from './roles';

/**
 * API keys in the control database (SQLite or PostgreSQL, see control/control-db.ts), table
 * `api_key_digests`: never in the read model, which a rebuild may drop. Only SHA-256 digests of the
 * keys are kept.
 */
function toRecord(row: ApiKeyDigestsTable): ApiKeyRecord | undefined {
  if (!isRole(row.role)) return undefined;
  return {
    id: row.id,
    role: row.role,
    createdAt: row.created_at,
    ...(row.label ? { label: row.label } : {}),
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
  };
}

export class KyselyKeyStore implements KeyStore {
  constructor(
    private readonly db: Kysely<ControlDatabase>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(role: Role, label?: string): Promise<{ record: ApiKeyRecord; key: string }> {
    const { id, key } = generateApiKey(role);
    const row: ApiKeyDigestsTable = { id, role, key_hash: hashApiKey(key), label: label ?? null, created_at: this.now().toISOString(), revoked_at: null };
    await this.db.insertInto('api_key_digests').values(row).execute();
    return { record: toRecord(row)!, key };
  }

  async findByKey(key: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db
      .selectFrom('api_key_digests')
      .selectAll()
      .where('key_hash', '=', hashApiKey(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_key_digests').selectAll().orderBy('created_at').execute();
    return rows.map(toRecord).filter((r): r is ApiKeyRecord => !!r);
  }

  async revoke(id: string): Promise<boolean> {
    const r = await this.db
      .updateTable('api_key_digests')
      .set({ revoked_at: this.now().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
