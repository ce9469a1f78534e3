import type { EventStore } from '@ashiato/event-store';
import { sql } from 'kysely';
import { fillAllBreaches } from '../projectors/breach-impact.projector';
import type { ReadModel } from '../db/connect';
import { createReadModelIndexes } from '../db/indexes';
import { existingTables, migrateReadModel } from '../db/migrations';
import { dropTables } from '../db/tables';
import { READ_MODEL_TABLES } from '../db/read-model.types';
import { retryOnLockConflict } from '../db/retry-busy';
import { TableSuffixPlugin } from '../db/table-suffix.plugin';
import { checkLogIdentity } from './log-identity';
import { catchUpPartitions, mirrorLayout, readLayout } from './partition-layout';
import type { RebuildPhase, RebuildProgress, RebuildResult } from './rebuild-types';
import { validPartitionCount } from './partition';
import { loadPartitions, type PartitionedLoad } from './partitioned-load';
import { DEFAULT_PROJECTION, type ProjectionEngineOptions } from './projection-engine';
import { applyDeferredCloses, createDeferredClosesTable } from '../writers/sqlite-writer';

export type { RebuildPhase, RebuildProgress, RebuildResult } from './rebuild-types';

export type RebuildOptions = Omit<ProjectionEngineOptions, 'tableSuffix' | 'deferredClosesTable' | 'partition'> & {
  onProgress?: (p: RebuildProgress) => void;
  /** Partitions of the subjects the load is projected in (partition.ts); 1 by default. */
  partitions?: number;
  /** The databases again, for partitions projected side by side in worker threads (partitioned-load.ts). */
  partitionThreads?: PartitionedLoad['threads'];
};

const REBUILD_MARK = '__rb_';
/**
 * Transactions stay at the engine's 2,000 events: 10,000 and 30,000 measured no faster (within the
 * ±15 % noise of the shared machine) and raised peak RSS by 60–150 MB, the batch's rows living long
 * enough to be promoted to the old generation.
 *
 * Snapshots kept between batches during a rebuild. A snapshot is a few kB of objects, so 50,000 of
 * them (the live default) keep ≈ 400 MB of heap that the garbage collector walks again and again;
 * a miss costs one indexed read per 500 subjects.
 */
const REBUILD_SNAPSHOT_CACHE = 10_000;
/**
 * After the load: SQLite's sorter may use helper threads (the second core), and the page cache
 * (negative: KiB) bounds the memory each sort task holds before it spills to a temporary file. With 2
 * helpers a sort has up to 3 tasks: at 3.1 M events the phases after the load took 74 s instead of 118 s,
 * at a peak RSS of 434 MB against 428 with 16 MiB, 488 MB with 32 MiB (BENCHMARKS.md).
 */
const POST_LOAD_CACHE_KIB = -16_384;
const POST_LOAD_SORTER_THREADS = 2;
/**
 * SQLite: how long the rebuild's connection waits for the write lock before SQLITE_BUSY. A server
 * beside it holds the lock for one live batch at a time; under sustained ingest such a batch may take
 * seconds on a busy machine. A step refused all the same is retried with backoff (retryOnLockConflict).
 */
const REBUILD_BUSY_TIMEOUT_MS = 30_000;

/**
 * Projects the log from position 0 into fresh twin tables, then swaps them in with one transaction, so
 * readers see either the old read model or the complete new one. The stop position is the log's head
 * when the rebuild starts: under sustained ingest the load ends there instead of chasing the head.
 * After the swap the rebuild catches up on what was appended meanwhile (a server's live projection
 * may do it instead: the checkpoint's compare-and-set lets each batch in once). Each step that takes
 * the write lock is retried with backoff on a lock conflict, so a server writing its live batches
 * beside it (SQLite) or holding the checkpoint row (PostgreSQL) delays the rebuild but does not fail it.
 */
export async function rebuildReadModel(rm: ReadModel, store: EventStore, options: RebuildOptions = {}): Promise<RebuildResult> {
  await dropAbandonedRebuilds(rm);
  const before = await checkLogIdentity(rm.db, store, options.projection ?? DEFAULT_PROJECTION);
  const suffix = `${REBUILD_MARK}${Date.now().toString(36)}`;
  // The twins are disposable until the swap (a crashed rebuild is simply started again and drops
  // them first), so a crash may lose them: no fsync per batch meanwhile. journal_mode stays WAL: it is
  // a property of the whole file, which the live read model shares with the twins.
  const cacheSize = rm.sqlite?.pragma('cache_size', { simple: true }) as number | undefined;
  const sorterThreads = rm.sqlite?.pragma('threads', { simple: true }) as number | undefined;
  const busyTimeout = rm.sqlite?.pragma('busy_timeout', { simple: true }) as number | undefined;
  rm.sqlite?.pragma(`busy_timeout = ${REBUILD_BUSY_TIMEOUT_MS}`);
  rm.sqlite?.pragma('synchronous = OFF');
  // Index builds sort every row of their table. Sorts larger than the page cache spill to temporary
  // files (temp_store = FILE), so memory stays flat in the size of the log: with temp_store = MEMORY the
  // spilled runs stayed in RAM (peak RSS 838 MB at 1 M events, 450 MB before the index build). Set before
  // the temporary closes table is created: changing temp_store drops every temporary table.
  rm.sqlite?.pragma('temp_store = FILE');
  // On SQLite, holding closes wait in a temporary table until after the load (sqlite-writer.ts), so the
  // holdings index they need is not maintained row by row meanwhile.
  const closes = rm.sqlite ? `holding_closes${suffix}` : undefined;
  try {
    await retryOnLockConflict(() => migrateReadModel(rm, suffix, { deferIndexes: closes ? 'projectingWithoutCloses' : 'projecting' }));
    if (rm.sqlite && closes) createDeferredClosesTable(rm.sqlite, closes);
    const { partitions = 1, partitionThreads, onProgress: _, ...engineOptions } = options;
    const stopAt = await store.headPosition();
    let events = 0;
    const phase = (p: RebuildPhase) => options.onProgress?.({ done: events, total: stopAt, phase: p });
    phase('projecting');
    await loadPartitions(rm, store, {
      engine: { snapshotCacheSize: REBUILD_SNAPSHOT_CACHE, ...engineOptions, tableSuffix: suffix, deferBreachImpact: true, deferredClosesTable: closes },
      partitions: validPartitionCount(partitions),
      stopAt,
      threads: partitionThreads,
      onProgress: (done) => {
        events = done;
        phase('projecting');
      },
    });
    // The index builds and breach fills that follow sort millions of rows; SQLite gives each sort task as
    // much memory as the page cache before it spills to a temporary file. With a 64 MB cache and one task
    // the peak was 463–494 MB at 1 M events, above the load's own ≈ 435; see POST_LOAD_CACHE_KIB.
    rm.sqlite?.pragma(`cache_size = ${POST_LOAD_CACHE_KIB}`);
    rm.sqlite?.pragma(`threads = ${POST_LOAD_SORTER_THREADS}`);
    if (rm.sqlite && closes) {
      phase('closing');
      await retryOnLockConflict(() => createReadModelIndexes(rm.db, suffix, 'closes'));
      const sqlite = rm.sqlite;
      await retryOnLockConflict(async () => applyDeferredCloses(sqlite, suffix, closes));
    }
    phase('indexing');
    await retryOnLockConflict(() => createReadModelIndexes(rm.db, suffix));
    // After the indexes: the fill reads the holdings through the (holder, item, …) and (subject, …) indexes.
    phase('breaches');
    await retryOnLockConflict(() => fillAllBreaches(rm.db.withPlugin(new TableSuffixPlugin(suffix))));
    phase('swapping');
    await retryOnLockConflict(() => swapIn(rm, suffix, options.projection));
    if (!before.ok) await forgetAccessLog(rm);
    const position = await catchUpAfterSwap(rm, store, options);
    return before.ok ? { position, events } : { position, events, replacedLog: before.mismatch };
  } catch (err) {
    if (closes) rm.sqlite?.exec(`DROP TABLE IF EXISTS temp.${closes}`);
    await dropTables(rm.db, suffix);
    throw err;
  } finally {
    rm.sqlite?.pragma('synchronous = NORMAL');
    rm.sqlite?.pragma('temp_store = DEFAULT');
    if (sorterThreads !== undefined) rm.sqlite?.pragma(`threads = ${Number(sorterThreads)}`);
    if (cacheSize !== undefined) rm.sqlite?.pragma(`cache_size = ${Number(cacheSize)}`);
    if (busyTimeout !== undefined) rm.sqlite?.pragma(`busy_timeout = ${Number(busyTimeout)}`);
  }
}

/**
 * Projects into the swapped-in tables what was appended since the stop position, up to the head as it
 * is now. A server following the log may project the same events meanwhile: the checkpoint's
 * compare-and-set admits each batch once, and the rebuild then leaves the rest to it.
 */
async function catchUpAfterSwap(rm: ReadModel, store: EventStore, options: ProjectionEngineOptions): Promise<number> {
  const head = await store.headPosition();
  // In the live partitions' layout the swap left (mirrorLayout), each partition from its own row.
  const { count } = await readLayout(rm.db, options.projection);
  return catchUpPartitions(rm, store, options, count, head);
}

async function swapIn(rm: ReadModel, suffix: string, projection?: string): Promise<void> {
  await rm.db.transaction().execute(async (trx) => {
    // PostgreSQL: the checkpoint table first, as a live batch locks its row first (write-changeset.ts),
    // so the swap waits for a batch in flight rather than deadlocking with it.
    if (rm.dialect === 'postgres') await sql`lock table ${sql.table('checkpoints')} in access exclusive mode`.execute(trx);
    await mirrorLayout(trx, trx.withPlugin(new TableSuffixPlugin(suffix)), projection);
    for (const table of READ_MODEL_TABLES) {
      await trx.schema.dropTable(table).ifExists().execute();
      await trx.schema
        .alterTable(table + suffix)
        .renameTo(table)
        .execute();
    }
  });
}

/**
 * The access log (dpo/access-log.projection.ts) is projected from the audit stream beside the read
 * model; rows of another log's audit stream are emptied, and the next read projects this log's.
 */
async function forgetAccessLog(rm: ReadModel): Promise<void> {
  if ((await existingTables(rm)).includes('access_log')) await sql`delete from ${sql.table('access_log')}`.execute(rm.db);
}

async function dropAbandonedRebuilds(rm: ReadModel): Promise<void> {
  const suffixes = new Set<string>();
  for (const name of await existingTables(rm)) {
    const at = name.indexOf(REBUILD_MARK);
    if (at > 0) suffixes.add(name.slice(at));
  }
  for (const suffix of suffixes) await dropTables(rm.db, suffix);
}
