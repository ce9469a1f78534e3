import { sql, type Kysely } from 'kysely';
import type { ReadModel } from './connect';
import { READ_MODEL_TABLES, type ReadModelDatabase } from './read-model.types';

/** The read model's tables as of READ_MODEL_SCHEMA_VERSION (migrations.ts decides when to create them). */
export async function createTables(db: Kysely<ReadModelDatabase>, s: string, tag: string, dialect: ReadModel['dialect']): Promise<void> {
  const t = (name: string) => name + s;
  // Log positions: EventStoreDB's are byte offsets, past 2^31 after 2 GiB of log. SQLite's integer is
  // 64-bit already, and there `flows.position integer primary key` is the rowid (a faster B-tree).
  const pos = dialect === 'postgres' ? 'bigint' : 'integer';
  // Tables read and written by their whole primary key, rows small: on SQLite the key is the table (one
  // B-tree, not a rowid table beside a key index of nearly the same size). KEYED_TABLES names them.
  const keyed = dialect === 'sqlite' ? sql`without rowid` : sql``;

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
    .modifyEnd(keyed)
    .execute();

  await db.schema
    .createTable(t('breach_counts'))
    .ifNotExists()
    .addColumn('breach_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('subjects', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`pk_breach_counts_${tag}${s}`, ['breach_id', 'dim', 'key'])
    .modifyEnd(keyed)
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
    .modifyEnd(keyed)
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
    .modifyEnd(keyed)
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
    .modifyEnd(keyed)
    .execute();
}

/** The tables createTables makes WITHOUT ROWID on SQLite. */
export const KEYED_TABLES = ['breach_affected', 'breach_counts', 'breach_provisions', 'breach_parties', 'stats'] as const;

/** Drops the suffixed twins (an abandoned rebuild). */
export async function dropTables(db: Kysely<ReadModelDatabase>, suffix: string): Promise<void> {
  for (const table of READ_MODEL_TABLES)
    await db.schema
      .dropTable(table + suffix)
      .ifExists()
      .execute();
}
