import type { EventStore } from '@ashiato/event-store';
import { sql } from 'kysely';
import type { ReadModel } from '../db/connect';
import { retryOnLockConflict } from '../db/retry-busy';
import { TableSuffixPlugin } from '../db/table-suffix.plugin';
import { otherPartitionsPattern } from './partition';
import { DEFAULT_PROJECTION, ProjectionEngine, type ProjectionEngineOptions } from './projection-engine';

export interface PartitionedLoad {
  /** The rebuild's engine options (twins' suffix, deferred breach impact and closes). */
  engine: ProjectionEngineOptions;
  partitions: number;
  /** The log position the load stops at. */
  stopAt: number;
  /** Events projected so far, summed over the partitions and divided by their count. */
  onProgress?: (done: number) => void;
}

/**
 * A rebuild's load in `partitions` partitions of the subjects, each an engine with its own checkpoint
 * reading the log up to `stopAt`; then the partitions' checkpoints are merged into the projection's
 * own (partition 0's row). Every partition reads every event, so all reach `stopAt` with the same
 * clock. A batch refused by a lock conflict rolled back: catching up again resumes from its checkpoint.
 */
export async function loadPartitions(rm: ReadModel, store: EventStore, load: PartitionedLoad): Promise<void> {
  const { partitions: count, stopAt } = load;
  const done = new Array<number>(count).fill(0);
  const report = () => load.onProgress?.(Math.floor(done.reduce((a, b) => a + b, 0) / count));
  for (let index = 0; index < count; index++) {
    const engine = new ProjectionEngine(rm, { ...load.engine, ...(count > 1 ? { partition: { index, count } } : {}) });
    const onPage = (position: number) => {
      done[index] = position;
      report();
    };
    await retryOnLockConflict(() => engine.catchUp(store, onPage, undefined, stopAt));
  }
  if (count > 1) await mergeCheckpoints(rm, load.engine);
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
