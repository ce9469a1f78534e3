import type { EventStore } from '@ashiato/event-store';
import type { Kysely, Selectable } from 'kysely';
import type { ReadModel } from '../db/connect';
import type { CheckpointsTable, ReadModelDatabase } from '../db/read-model.types';
import { retryOnLockConflict } from '../db/retry-busy';
import { CheckpointMovedError } from '../projectors/changeset';
import { BarrierCancelledError } from './breach-barrier';
import { otherPartitionsPattern, partitionCheckpoint } from './partition';
import { DEFAULT_PROJECTION, ProjectionEngine, type ProjectionEngineOptions } from './projection-engine';

type Db = Kysely<ReadModelDatabase>;
type Row = Selectable<CheckpointsTable>;

/**
 * The checkpoint rows of the live partitions: partition 0's is the projection's own, the others are
 * `<projection>#<index>/<count>`. Every partition of the layout has its row (made when the layout is
 * set, at position 0 on a fresh read model), so a missing row never passes for position 0.
 */
export interface PartitionLayout {
  count: number;
  base?: Row;
  others: Row[];
}

export class PartitionLayoutError extends Error {
  readonly code = 'PROJECTION_PARTITIONS_INCONSISTENT';
  constructor() {
    super('the read model holds checkpoints of an incomplete or mixed partition layout: run `ashiato rebuild`');
    this.name = 'PartitionLayoutError';
  }
}

export async function readLayout(db: Db, projection = DEFAULT_PROJECTION): Promise<PartitionLayout> {
  const rows = await db
    .selectFrom('checkpoints')
    .selectAll()
    .where((eb) => eb.or([eb('projection', '=', projection), eb('projection', 'like', otherPartitionsPattern(projection))]))
    .execute();
  const base = rows.find((r) => r.projection === projection);
  const others = rows.filter((r) => r !== base);
  const counts = new Set(others.map((r) => Number(/\/(\d+)$/.exec(r.projection)?.[1])));
  if (counts.size > 1 || (others.length && (!base || others.length !== [...counts][0] - 1))) throw new PartitionLayoutError();
  return { count: others.length ? [...counts][0] : 1, base, others };
}

/** Rows for partitions 1…count-1 as partition 0's row stands (or at position 0 with it, when it has none). */
async function writeLayout(db: Db, projection: string, count: number): Promise<void> {
  await db.deleteFrom('checkpoints').where('projection', 'like', otherPartitionsPattern(projection)).execute();
  if (count <= 1) return;
  const base = await db.selectFrom('checkpoints').select('position').where('projection', '=', projection).executeTakeFirst();
  if (!base) await db.insertInto('checkpoints').values({ projection, position: 0, watermark: null, log_id: null, event_hash: null }).execute();
  for (let index = 1; index < count; index++) {
    await db
      .insertInto('checkpoints')
      .columns(['projection', 'position', 'watermark', 'log_id', 'event_hash'])
      .expression((eb) =>
        eb
          .selectFrom('checkpoints')
          .select([eb.val(partitionCheckpoint(projection, { index, count })).as('projection'), 'position', 'watermark', 'log_id', 'event_hash'])
          .where('projection', '=', projection),
      )
      .execute();
  }
}

/**
 * Before live partitions start: gives the read model the checkpoint rows of `count` partitions. From
 * another layout, its partitions are first brought to the same position (each catches up to the
 * furthest), so the new rows all stand where every subject is projected.
 */
export async function alignPartitions(rm: ReadModel, store: EventStore, options: ProjectionEngineOptions, count: number): Promise<void> {
  const projection = options.projection ?? DEFAULT_PROJECTION;
  const layout = await readLayout(rm.db, projection);
  if (layout.count === count && (count === 1 || layout.base)) return;
  const positions = [layout.base, ...layout.others].map((r) => Number(r?.position ?? 0));
  const furthest = Math.max(...positions);
  if (layout.count > 1 && Math.min(...positions) < furthest && (await store.headPosition()) >= furthest) {
    await catchUpPartitions(rm, store, options, layout.count, furthest);
  }
  await retryOnLockConflict(() => rm.db.transaction().execute((trx) => writeLayout(trx, projection, count)));
}

/**
 * The live layout again in a rebuild's twins (suffixed `db`) before they are swapped in, every row at the
 * twins' own position: the live partitions then go on from there. Runs in the swap's transaction.
 */
export async function mirrorLayout(live: Db, twins: Db, projection = DEFAULT_PROJECTION): Promise<void> {
  const { count } = await readLayout(live, projection).catch(() => ({ count: 1 }));
  if (count > 1) await writeLayout(twins, projection, count);
}

/**
 * Each partition of the layout caught up to `upTo` side by side (they meet at breaches), each step retried
 * on a lock conflict; a partition whose checkpoint another runner moved is left to it. Returns the lowest
 * checkpoint reached.
 */
export async function catchUpPartitions(rm: ReadModel, store: EventStore, options: ProjectionEngineOptions, count: number, upTo: number): Promise<number> {
  const engines = Array.from(
    { length: count },
    (_, index) => new ProjectionEngine(rm, { ...options, deferBreachImpact: false, ...(count > 1 ? { partition: { index, count } } : {}) }),
  );
  const results = await Promise.allSettled(
    engines.map(async (engine) => {
      try {
        return await retryOnLockConflict(() => engine.catchUp(store, undefined, undefined, upTo));
      } catch (err) {
        if (!(err instanceof CheckpointMovedError)) {
          // The others may be waiting for this partition at a breach.
          for (const other of engines) other.cancelWaits();
          throw err;
        }
        await engine.init();
        return engine.position();
      }
    }),
  );
  const failed = results.find((r) => r.status === 'rejected' && !(r.reason instanceof BarrierCancelledError)) ?? results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return Math.min(...results.map((r) => (r as PromiseFulfilledResult<number>).value));
}
