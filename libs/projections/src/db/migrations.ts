import { sql, type Kysely } from 'kysely';
import type { ReadModel } from './connect';
import { createReadModelIndexes, type IndexSelection } from './indexes';
import type { ReadModelDatabase } from './read-model.types';
import { createTables, dropTables } from './tables';

/** Bumped whenever the tables change shape. */
export const READ_MODEL_SCHEMA_VERSION = 11;
/** The checkpoints row that records the schema version (its `position`). */
export const SCHEMA_MARKER = '#schema';

/**
 * Creates the read-model tables and indexes. Read models are disposable projections of the log, so a
 * database of another schema version is dropped and created afresh: the runner then projects it again
 * from position 0. `suffix` creates the twins a rebuild fills before the swap; `deferIndexes` leaves
 * out the indexes only queries need (`projecting` keeps those the engine reads by), which a rebuild
 * builds once after the bulk load (cheaper than maintaining them row by row). Index and constraint names carry the suffix, unique per rebuild,
 * because neither database renames them when their table is renamed at the swap.
 */
export async function migrateReadModel(rm: ReadModel, suffix = '', options: { deferIndexes?: Exclude<IndexSelection, 'all'> } = {}): Promise<void> {
  if (rm.dialect === 'postgres' && rm.schema) await sql`create schema if not exists ${sql.id(rm.schema)}`.execute(rm.db);
  if (!suffix && (await existingTables(rm)).includes('checkpoints')) {
    let version = await schemaVersion(rm.db);
    // Steps that keep the rows, each from one version to the next; a version without one is dropped below.
    for (let step = IN_PLACE_UPGRADES[version]; step && version !== READ_MODEL_SCHEMA_VERSION; step = IN_PLACE_UPGRADES[version]) {
      await step(rm);
      version = await schemaVersion(rm.db);
    }
    if (version === READ_MODEL_SCHEMA_VERSION) return;
    await dropTables(rm.db, '');
  }
  await createTables(rm.db, suffix, 'v1', rm.dialect);
  await createReadModelIndexes(rm.db, suffix, options.deferIndexes ?? 'all');
  // Written last: a migration interrupted halfway is redone from scratch.
  await rm.db
    .insertInto(`checkpoints${suffix}` as 'checkpoints')
    .values({ projection: SCHEMA_MARKER, position: READ_MODEL_SCHEMA_VERSION, watermark: null })
    .execute();
}

/**
 * Table names of the read-model schema (the URL's schema on PostgreSQL). Asks the catalogue for this
 * schema only: a whole-database introspection also touches other schemas, and fails with "schema does
 * not exist" when another read model sharing the database drops its schema at that moment.
 */
export async function existingTables(rm: ReadModel): Promise<string[]> {
  if (rm.dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = ${rm.schema ?? 'public'} and table_type = 'BASE TABLE'`.execute(rm.db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(rm.db);
  return rows.map((r) => r.name);
}

/** Tables with a log `position` column: 64-bit on PostgreSQL (SQLite's integer already is). */
const POSITION_TABLES = [
  'checkpoints',
  'policies',
  'holdings',
  'flows',
  'violations',
  'provision_records',
  'breaches',
  'breach_facts',
  'subject_state',
] as const;

async function schemaVersion(db: Kysely<ReadModelDatabase>): Promise<number> {
  const marker = await db.selectFrom('checkpoints').select('position').where('projection', '=', SCHEMA_MARKER).executeTakeFirst();
  return Number(marker?.position);
}

/**
 * Version 10 → 11, in place, so that a kept read model keeps its rows: the checkpoint gains the identity
 * of the log it was built from (`log_id`, `event_hash`; empty until log-identity.ts adopts or rejects
 * it), and on PostgreSQL every position column becomes `bigint` (a rewrite of each table, once).
 * All in one transaction; a concurrent process that upgraded first leaves nothing to do.
 */
async function upgradeFrom10(rm: ReadModel): Promise<void> {
  const [from, to] = [10, 11];
  try {
    await rm.db.transaction().execute(async (trx) => {
      if (rm.dialect === 'postgres') await sql`lock table ${sql.table('checkpoints')} in access exclusive mode`.execute(trx);
      const marker = await trx.selectFrom('checkpoints').select('position').where('projection', '=', SCHEMA_MARKER).executeTakeFirst();
      if (Number(marker?.position) !== from) return;
      await trx.schema.alterTable('checkpoints').addColumn('log_id', 'text').execute();
      await trx.schema.alterTable('checkpoints').addColumn('event_hash', 'text').execute();
      if (rm.dialect === 'postgres') {
        for (const table of POSITION_TABLES) await sql`alter table ${sql.table(table)} alter column position type bigint`.execute(trx);
      }
      await trx.updateTable('checkpoints').set({ position: to }).where('projection', '=', SCHEMA_MARKER).execute();
    });
  } catch (err) {
    if ((await schemaVersion(rm.db)) !== to) throw err;
  }
}

/**
 * In-place steps by the version they start from. A schema change that needs the log projected again
 * (new rows, other keys) adds no step: read models of older versions are then dropped and rebuilt.
 */
const IN_PLACE_UPGRADES: Record<number, ((rm: ReadModel) => Promise<void>) | undefined> = { 10: upgradeFrom10 };
