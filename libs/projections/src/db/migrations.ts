import { sql, type Kysely } from 'kysely';
import type { ReadModel } from './connect';
import { createReadModelIndexes, type IndexSelection } from './indexes';
import type { ReadModelDatabase } from './read-model.types';
import { createTables, dropTables, KEYED_TABLES } from './tables';

/** Bumped whenever the tables change shape. */
export const READ_MODEL_SCHEMA_VERSION = 13;
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
 * One in-place step from `from` to `to`, in one transaction that first locks the checkpoints (PostgreSQL),
 * so that a concurrent process that upgraded first leaves nothing to do.
 */
async function inPlace(rm: ReadModel, from: number, to: number, body: (trx: Kysely<ReadModelDatabase>) => Promise<void>): Promise<void> {
  try {
    await rm.db.transaction().execute(async (trx) => {
      if (rm.dialect === 'postgres') await sql`lock table ${sql.table('checkpoints')} in access exclusive mode`.execute(trx);
      const marker = await trx.selectFrom('checkpoints').select('position').where('projection', '=', SCHEMA_MARKER).executeTakeFirst();
      if (Number(marker?.position) !== from) return;
      await body(trx);
      await trx.updateTable('checkpoints').set({ position: to }).where('projection', '=', SCHEMA_MARKER).execute();
    });
  } catch (err) {
    if ((await schemaVersion(rm.db)) !== to) throw err;
  }
}

/**
 * Version 10 → 11: the checkpoint gains the identity of the log it was built from (`log_id`,
 * `event_hash`; empty until log-identity.ts adopts or rejects it), and on PostgreSQL every position
 * column becomes `bigint` (a rewrite of each table, once).
 */
const upgradeFrom10 = (rm: ReadModel) =>
  inPlace(rm, 10, 11, async (trx) => {
    await trx.schema.alterTable('checkpoints').addColumn('log_id', 'text').execute();
    await trx.schema.alterTable('checkpoints').addColumn('event_hash', 'text').execute();
    if (rm.dialect === 'postgres') {
      for (const table of POSITION_TABLES) await sql`alter table ${sql.table(table)} alter column position type bigint`.execute(trx);
    }
  });

/**
 * Version 11 → 12: the provision_records (event_id) index, which no query used, goes; on SQLite the
 * KEYED_TABLES become WITHOUT ROWID, copied row for row (they are small: the breach projections and stats).
 * Index names may carry the suffix of the rebuild that made them, so the index is found by its prefix.
 */
const upgradeFrom11 = (rm: ReadModel) =>
  inPlace(rm, 11, 12, async (trx) => {
    const { rows } =
      rm.dialect === 'postgres'
        ? await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = ${rm.schema ?? 'public'}`.execute(trx)
        : await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(trx);
    for (const { name } of rows.filter((r) => r.name.startsWith('ix_provision_records_event_id_v1'))) await sql`drop index ${sql.id(name)}`.execute(trx);
    if (rm.dialect !== 'sqlite') return;
    for (const t of KEYED_TABLES) await sql`alter table ${sql.table(t)} rename to ${sql.table(`${t}__v11`)}`.execute(trx);
    await createTables(trx, '', 'v1', rm.dialect);
    for (const t of KEYED_TABLES) {
      await sql`insert into ${sql.table(t)} select * from ${sql.table(`${t}__v11`)}`.execute(trx);
      await sql`drop table ${sql.table(`${t}__v11`)}`.execute(trx);
    }
    await createReadModelIndexes(trx, '', 'all', KEYED_TABLES);
  });

/**
 * Version 12 → 13: holdings lose acquired_event_id, 36 characters in each of ≈ 2.3 rows per event; the
 * queries read it from the flows row at the holding's position (queries/holding-queries.ts).
 */
const upgradeFrom12 = (rm: ReadModel) =>
  inPlace(rm, 12, 13, async (trx) => {
    await trx.schema.alterTable('holdings').dropColumn('acquired_event_id').execute();
  });

/**
 * In-place steps by the version they start from. A schema change that needs the log projected again
 * (new rows, other keys) adds no step: read models of older versions are then dropped and rebuilt.
 */
const IN_PLACE_UPGRADES: Record<number, ((rm: ReadModel) => Promise<void>) | undefined> = { 10: upgradeFrom10, 11: upgradeFrom11, 12: upgradeFrom12 };
