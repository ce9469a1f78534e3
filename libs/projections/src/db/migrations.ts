import { sql, type Kysely } from 'kysely';
import type { ReadModel } from './connect';
import { createReadModelIndexes, type IndexSelection } from './indexes';
import { READ_MODEL_TABLES, type ReadModelDatabase } from './read-model.types';

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
const POSITION_TABLES = ['checkpoints', 'policies', 'holdings', 'flows', 'violations', 'provision_records', 'breaches', 'breach_facts', 'subject_state'] as const;

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

async function createTables(db: Kysely<ReadModelDatabase>, s: string, tag: string, dialect: ReadModel['dialect']): Promise<void> {
  const t = (name: string) => name + s;
  // Log positions: EventStoreDB's are byte offsets, past 2^31 after 2 GiB of log. SQLite's integer is
  // 64-bit already, and there `flows.position integer primary key` is the rowid (a faster B-tree).
  const pos = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable(t('checkpoints'))
    .ifNotExists()
    .addColumn('projection', 'text', (c) => c.primaryKey())
    .addColumn('position', pos, (c) => c.notNull())
    .addColumn('watermark', 'text')
    .addColumn('log_id', 'text')
    .addColumn('event_hash', 'text')
    .execute();

  await db.schema
    .createTable(t('policies'))
    .ifNotExists()
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('position', pos, (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable(t('holdings'))
    .ifNotExists()
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text')
    .addColumn('acquired_event_id', 'text', (c) => c.notNull())
    .addColumn('ended_event_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('provider', 'text')
    .addColumn('position', pos, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable(t('flows'))
    .ifNotExists()
    // Keyed by log position: rows arrive in key order, so inserts append to the B-tree.
    .addColumn('position', pos, (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('recipient', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('purposes', 'text')
    .addColumn('basis', 'text')
    .addColumn('policy_version', 'text')
    .addColumn('verdict', 'text')
    .addColumn('codes', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable(t('violations'))
    .ifNotExists()
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('items', 'text')
    .addColumn('position', pos, (c) => c.notNull())
    // occurred_at: a holding's items may end their retention at different instants, each its own row.
    .addPrimaryKeyConstraint(`pk_violations_${tag}${s}`, ['event_id', 'code', 'holder', 'occurred_at'])
    .execute();

  await db.schema
    .createTable(t('provision_records'))
    .ifNotExists()
    .addColumn('position', pos, (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_address', 'text')
    .addColumn('recipient_country', 'text')
    .addColumn('recipient_relation', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('purposes', 'text', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('consent_ref', 'text')
    .addColumn('consent', 'text')
    .addColumn('record_required', 'integer', (c) => c.notNull())
    .addColumn('retention_until', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable(t('erasures'))
    .ifNotExists()
    .addColumn('obligation_id', 'text', (c) => c.primaryKey())
    .addColumn('erasure_event_id', 'text', (c) => c.notNull())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_event_id', 'text')
    .addColumn('overdue_at', 'text')
    .execute();

  await db.schema
    .createTable(t('breaches'))
    .ifNotExists()
    .addColumn('breach_id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('position', pos, (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('controller', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('discovered_at', 'text', (c) => c.notNull())
    .addColumn('cause', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable(t('breach_facts'))
    .ifNotExists()
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('breach_id', 'text', (c) => c.notNull())
    .addColumn('position', pos, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('authority', 'text')
    .addColumn('count', 'integer')
    .addColumn('event', 'text', (c) => c.notNull())
    .execute();

  // Breach blast radius (libs/projections/src/projectors/breach-impact.projector.ts): filled when the breach is projected.
  await db.schema
    .createTable(t('breach_affected'))
    .ifNotExists()
    .addColumn('breach_id', 'text', (c) => c.notNull())
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`pk_breach_affected_${tag}${s}`, ['breach_id', 'subject_ref', 'controller'])
    .execute();

  await db.schema
    .createTable(t('breach_counts'))
    .ifNotExists()
    .addColumn('breach_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('subjects', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`pk_breach_counts_${tag}${s}`, ['breach_id', 'dim', 'key'])
    .execute();

  await db.schema
    .createTable(t('breach_provisions'))
    .ifNotExists()
    .addColumn('breach_id', 'text', (c) => c.notNull())
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`pk_breach_provisions_${tag}${s}`, ['breach_id', 'subject_ref', 'provider', 'holder'])
    .execute();

  await db.schema
    .createTable(t('breach_parties'))
    .ifNotExists()
    .addColumn('breach_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('subjects', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`pk_breach_parties_${tag}${s}`, ['breach_id', 'provider', 'holder'])
    .execute();

  await db.schema
    .createTable(t('subject_state'))
    .ifNotExists()
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('controller', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('position', pos, (c) => c.notNull())
    .addColumn('retention_due_at', 'text')
    .addPrimaryKeyConstraint(`pk_subject_state_${tag}${s}`, ['subject_ref', 'controller'])
    .execute();

  await db.schema
    .createTable(t('stats'))
    .ifNotExists()
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('dim1', 'text', (c) => c.notNull())
    .addColumn('dim2', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`pk_stats_${tag}${s}`, ['metric', 'dim1', 'dim2'])
    .execute();
}

/** Drops the suffixed twins (an abandoned rebuild). */
export async function dropTables(db: Kysely<ReadModelDatabase>, suffix: string): Promise<void> {
  for (const table of READ_MODEL_TABLES) await db.schema.dropTable(table + suffix).ifExists().execute();
}
