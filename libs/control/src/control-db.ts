import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationResultSet } from 'kysely';
import { Pool } from 'pg';
import { CONTROL_MIGRATIONS } from './migrations';
import type { ControlDatabase } from './control-tables';

export { controlUrlFrom } from '@ashiato/server-config';

/**
 * The control database: durable state that is not derived from the event log and so must never live
 * in the read model, which `ashiato rebuild` may drop and recreate — today the API keys. Its schema
 * changes only through the versioned migrations in migrations.ts (Kysely Migrator, tables
 * `control_migration` and `control_migration_lock`, so that it may share a database), applied when it is opened.
 *
 * ASHIATO_CONTROL_URL: `sqlite:<file>` or `postgres://…`; by default `ashiato-control.db` beside the
 * SQLite event log (ASHIATO_DB), i.e. in the data directory.
 */
export const CONTROL_DB = Symbol('CONTROL_DB');

export interface ControlDb {
  db: Kysely<ControlDatabase>;
  close(): Promise<void>;
}

/** Opens the control database and brings its schema to the latest migration; throws if one fails. */
export async function openControlDb(url: string): Promise<ControlDb> {
  const db = /^postgres(ql)?:\/\//.test(url) ? postgres(url) : sqlite(url.replace(/^sqlite:(\/\/)?/, ''));
  try {
    await migrateControlDb(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, close: () => db.destroy() };
}

export async function migrateControlDb(db: Kysely<ControlDatabase>, migrations: Record<string, Migration> = CONTROL_MIGRATIONS): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'control_migration',
    migrationLockTableName: 'control_migration_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw Object.assign(new Error(`control database migration ${failed} failed: ${(result.error as Error)?.message ?? String(result.error)}`), {
      code: 'CONTROL_DB_MIGRATION_FAILED',
    });
  }
  return result;
}

function sqlite(path: string): Kysely<ControlDatabase> {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const database = new Database(memory ? ':memory:' : path);
  if (!memory) database.pragma('journal_mode = WAL');
  // Keys are durable state: every change is synced.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  return new Kysely<ControlDatabase>({ dialect: new SqliteDialect({ database }) });
}

function postgres(url: string): Kysely<ControlDatabase> {
  return new Kysely<ControlDatabase>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 2 }) }) });
}
