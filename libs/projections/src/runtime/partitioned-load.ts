import type { EventStore, EventStoreConfig } from '@ashiato/event-store';
import { sql } from 'kysely';
import type { ReadModel } from '../db/connect';
import { createReadModelIndexes } from '../db/indexes';
import { retryOnLockConflict } from '../db/retry-busy';
import { TableSuffixPlugin } from '../db/table-suffix.plugin';
import { applyDeferredCloses, createDeferredClosesTable } from '../writers/sqlite-writer';
import { otherPartitionsPattern } from './partition';
import { DEFAULT_PROJECTION, ProjectionEngine, type ProjectionEngineOptions } from './projection-engine';
import { errorFrom, type FromWorker, type PartitionLoadData } from './projection-worker-protocol';
import { startWorker } from './worker-thread';

/** Engine options a partition thread is given: plain data only. */
export type PartitionEngineOptions = Pick<ProjectionEngineOptions, 'projection' | 'batchSize' | 'snapshotCacheSize' | 'erasureDeadlineDays' | 'futureSkewMs'>;

export interface PartitionedLoad {
  /** The rebuild's engine options (twins' suffix, deferred breach impact and closes). */
  engine: ProjectionEngineOptions;
  partitions: number;
  /** The log position the load stops at. */
  stopAt: number;
  /** Events projected so far, summed over the partitions and divided by their count. */
  onProgress?: (done: number) => void;
  /** Each partition in a worker thread with its own connections to these databases (files or servers). */
  threads?: { readModelUrl: string; eventStore: EventStoreConfig };
}

/**
 * A rebuild's load in `partitions` partitions of the subjects, each an engine with its own checkpoint
 * reading the log up to `stopAt`, one after another in this thread or side by side in worker threads;
 * then the partitions' checkpoints are merged into the projection's own (partition 0's row). Every
 * partition reads every event, so all reach `stopAt` with the same clock.
 */
export async function loadPartitions(rm: ReadModel, store: EventStore, load: PartitionedLoad): Promise<void> {
  const { partitions: count, stopAt } = load;
  const done = new Array<number>(count).fill(0);
  const progress = (index: number) => (position: number) => {
    done[index] = position;
    load.onProgress?.(Math.floor(done.reduce((a, b) => a + b, 0) / count));
  };
  if (count > 1 && load.threads) {
    const { tableSuffix = '', projection, batchSize, snapshotCacheSize, erasureDeadlineDays, futureSkewMs } = load.engine;
    const engine: PartitionEngineOptions = { projection, batchSize, snapshotCacheSize, erasureDeadlineDays, futureSkewMs };
    const threads = load.threads;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        loadInThread({ ...threads, engine, partitionLoad: { partition: { index, count }, suffix: tableSuffix, stopAt } }, progress(index)),
      ),
    );
  } else {
    for (let index = 0; index < count; index++) {
      const engine = new ProjectionEngine(rm, { ...load.engine, ...(count > 1 ? { partition: { index, count } } : {}) });
      // A batch refused by a lock conflict rolled back: catching up again resumes from its checkpoint.
      await retryOnLockConflict(() => engine.catchUp(store, progress(index), undefined, stopAt));
    }
  }
  if (count > 1) await mergeCheckpoints(rm, load.engine);
}

/**
 * One partition of the load on connections of its own (a worker thread's): the twins' batches without
 * fsync, waiting for the write lock the other partitions share; on SQLite its holding closes are
 * collected in its own temporary table and applied once its load is done.
 */
export async function loadPartitionOnOwnConnection(
  rm: ReadModel,
  store: EventStore,
  engine: PartitionEngineOptions,
  job: PartitionLoadData,
  onProgress: (position: number) => void,
): Promise<void> {
  const { suffix, partition, stopAt } = job;
  const closes = rm.sqlite ? `holding_closes${suffix}` : undefined;
  if (rm.sqlite && closes) {
    rm.sqlite.pragma('busy_timeout = 30000');
    rm.sqlite.pragma('synchronous = OFF');
    rm.sqlite.pragma('temp_store = FILE');
    createDeferredClosesTable(rm.sqlite, closes);
  }
  const options: ProjectionEngineOptions = { ...engine, tableSuffix: suffix, deferBreachImpact: true, deferredClosesTable: closes, partition };
  const projector = new ProjectionEngine(rm, options);
  await retryOnLockConflict(() => projector.catchUp(store, onProgress, undefined, stopAt));
  if (rm.sqlite && closes) {
    const sqlite = rm.sqlite;
    await retryOnLockConflict(() => createReadModelIndexes(rm.db, suffix, 'closes'));
    await retryOnLockConflict(async () => applyDeferredCloses(sqlite, suffix, closes));
  }
}

function loadInThread(
  data: { readModelUrl: string; eventStore: EventStoreConfig; engine: PartitionEngineOptions; partitionLoad: PartitionLoadData },
  onProgress: (position: number) => void,
): Promise<void> {
  const { engine, partitionLoad, ...databases } = data;
  const worker = startWorker({
    ...databases,
    mode: 'partition',
    batchSize: engine.batchSize,
    erasureDeadlineDays: engine.erasureDeadlineDays,
    futureSkewMs: engine.futureSkewMs,
    partitionLoad: { ...partitionLoad, projection: engine.projection, snapshotCacheSize: engine.snapshotCacheSize },
  });
  return new Promise<void>((resolve, reject) => {
    let outcome: 'loaded' | FromWorker | undefined;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'partition-progress') onProgress(message.position);
      else if (message.type === 'partition-loaded') outcome = 'loaded';
      else if (message.type === 'rebuild-failed') outcome = message;
    });
    worker.on('error', (err: Error) => (outcome ??= { type: 'rebuild-failed', failure: { error: err.name } }));
    worker.once('exit', (exitCode) => {
      if (outcome === 'loaded') resolve();
      else if (outcome?.type === 'rebuild-failed') reject(errorFrom(outcome.failure, 'a partition of the rebuild failed'));
      else reject(errorFrom({ error: 'ProjectionWorkerExited', code: String(exitCode) }, 'a partition of the rebuild failed'));
    });
  });
}

/** Checks every partition reached partition 0's checkpoint, then removes their rows. */
async function mergeCheckpoints(rm: ReadModel, options: ProjectionEngineOptions): Promise<void> {
  const db = options.tableSuffix ? rm.db.withPlugin(new TableSuffixPlugin(options.tableSuffix)) : rm.db;
  const projection = options.projection ?? DEFAULT_PROJECTION;
  const rows = await db
    .selectFrom('checkpoints')
    .select(['projection', 'position'])
    .where((eb) => eb.or([eb('projection', '=', projection), eb('projection', 'like', otherPartitionsPattern(projection))]))
    .execute();
  const positions = new Set(rows.map((r) => Number(r.position)));
  if (positions.size > 1) throw new Error(`partitions stopped at different positions: ${[...positions].sort().join(', ')}`);
  await retryOnLockConflict(() => sql`delete from ${sql.table('checkpoints')} where projection like ${otherPartitionsPattern(projection)}`.execute(db));
}
