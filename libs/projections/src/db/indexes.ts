import type { Kysely } from 'kysely';
import { READ_MODEL_TABLES, type ReadModelDatabase, type ReadModelTable } from './read-model.types';

interface IndexSpec {
  table: ReadModelTable;
  columns: string[];
  /** Needed by the engine itself while projecting; the others a rebuild creates after the bulk load. */
  whileProjecting?: boolean;
  /** Finds the open interval a holding close ends; a rebuild on SQLite defers its closes to after the load. */
  closes?: boolean;
  unique?: boolean;
}

const INDEXES: IndexSpec[] = [
  { table: 'policies', columns: ['controller', 'effective_from', 'position'] },
  // Breach counts and the breach_affected fill (with its controller) are answered from the index alone.
  { table: 'holdings', columns: ['holder', 'item', 'from_at', 'to_at', 'subject_ref', 'controller'] },
  // One subject's holdings (lineage, closes). provider and from_at make it covering for a breach's onward
  // provisions, which are looked up subject by subject in this order: at 1 M events that fill took 4.0
  // instead of 6.9 s, and it replaced a (provider, …) index whose build cost 4 s (BENCHMARKS.md).
  { table: 'holdings', columns: ['subject_ref', 'controller', 'holder', 'item', 'provider', 'from_at'], whileProjecting: true, closes: true },
  { table: 'flows', columns: ['event_id'], unique: true },
  { table: 'flows', columns: ['subject_ref', 'position'] },
  { table: 'flows', columns: ['controller', 'position'] },
  { table: 'flows', columns: ['occurred_at'] },
  { table: 'flows', columns: ['verdict', 'position'] },
  { table: 'violations', columns: ['code', 'controller', 'occurred_at'] },
  { table: 'violations', columns: ['controller', 'occurred_at'] },
  { table: 'violations', columns: ['occurred_at'] },
  { table: 'violations', columns: ['subject_ref'] },
  // No (event_id) index: no query reads provision records by event, and the key (position) is one row per event.
  { table: 'provision_records', columns: ['controller', 'occurred_at'] },
  { table: 'provision_records', columns: ['subject_ref'] },
  { table: 'erasures', columns: ['status', 'due_at'], whileProjecting: true },
  { table: 'subject_state', columns: ['retention_due_at'], whileProjecting: true },
  { table: 'erasures', columns: ['subject_ref'] },
  { table: 'breach_facts', columns: ['breach_id', 'position'] },
  // Covering: the receiving-parties walk groups a hop's rows from the index alone.
  { table: 'breach_provisions', columns: ['breach_id', 'provider', 'holder', 'subject_ref', 'first_at', 'last_at', 'items'] },
];

/**
 * Which indexes to create: `all`; `projecting`, those the engine itself reads by; `projectingWithoutCloses`,
 * the same less those holding closes need (a rebuild that applies its closes after the load); `closes`.
 */
export type IndexSelection = 'all' | 'projecting' | 'projectingWithoutCloses' | 'closes';

function selected(ix: IndexSpec, which: IndexSelection): boolean {
  switch (which) {
    case 'all':
      return true;
    case 'projecting':
      return Boolean(ix.whileProjecting);
    case 'projectingWithoutCloses':
      return Boolean(ix.whileProjecting && !ix.closes);
    case 'closes':
      return Boolean(ix.closes);
  }
}

/** Creates the indexes of `which` (on `tables`, by default all) that do not exist yet. */
export async function createReadModelIndexes(
  db: Kysely<ReadModelDatabase>,
  suffix = '',
  which: IndexSelection = 'all',
  tables: readonly ReadModelTable[] = READ_MODEL_TABLES,
): Promise<void> {
  for (const ix of INDEXES) {
    if (!selected(ix, which) || !tables.includes(ix.table)) continue;
    const name = `ix_${ix.table}_${ix.columns.join('_')}_v1${suffix}`;
    let create = db.schema
      .createIndex(name)
      .ifNotExists()
      .on(ix.table + suffix)
      .columns(ix.columns);
    if (ix.unique) create = create.unique();
    await create.execute();
  }
}
