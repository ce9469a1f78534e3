import type { Clock } from '@ashiato/domain';
import type { EventStore, EventStoreConfig } from '@ashiato/event-store';
import { openReadModel, type ReadModel } from './db/connect';
import { migrateReadModel } from './db/migrations';
import { retryOnLockConflict } from './db/retry-busy';
import { ProjectionRunner, type ProjectionRunnerOptions } from './runtime/projection-runner';
import { rebuildReadModel, type RebuildProgress, type RebuildResult } from './runtime/rebuild';
import { workerObstacle } from './runtime/projection-thread';
import { ProjectionQueries } from './queries/projection-queries';

export interface Projections {
  readModel: ReadModel;
  runner: ProjectionRunner;
  queries: ProjectionQueries;
  close(): Promise<void>;
}

/**
 * Plain wiring for the CLI and tests (Nest uses ProjectionsModule): opens and migrates the read model
 * named by `url` (READ_MODEL_URL's default when not given), and builds the runner (not started) and the
 * queries. The erasure deadline and future skew default to ASHIATO_ERASURE_DEADLINE_DAYS's and
 * ASHIATO_FUTURE_SKEW's defaults; callers pass the configured ones.
 */
export async function createProjections(store: EventStore, options: ProjectionRunnerOptions & { url?: string; clock?: Clock } = {}): Promise<Projections> {
  const readModel = openReadModel(options.url);
  await migrateReadModel(readModel);
  const runner = new ProjectionRunner(readModel, store, options);
  const queries = new ProjectionQueries(readModel.db, options.clock);
  return {
    readModel,
    runner,
    queries,
    close: async () => {
      await runner.stop();
      await readModel.close();
    },
  };
}

export interface RebuildProjectionsOptions {
  url?: string;
  onProgress?: (p: RebuildProgress) => void;
  batchSize?: number;
  erasureDeadlineDays?: number;
  futureSkewMs?: number;
  /** Partitions of the subjects the rebuild's load runs in (1 by default). */
  partitions?: number;
  /** The event store's configuration: lets the partitions run in worker threads of their own. */
  eventStoreConfig?: EventStoreConfig;
}

/** `ashiato rebuild`: projects the whole log into fresh tables and swaps them in. */
export async function rebuildProjections(store: EventStore, options: RebuildProjectionsOptions = {}): Promise<RebuildResult> {
  const { eventStoreConfig, ...rest } = options;
  const readModel = openReadModel(options.url);
  const url = options.url;
  // Partitions run side by side in worker threads where another thread can open both databases.
  const partitionThreads = url && eventStoreConfig && !workerObstacle(url, eventStoreConfig) ? { readModelUrl: url, eventStore: eventStoreConfig } : undefined;
  try {
    // A server beside it may hold the write lock for a live batch: wait and try again.
    await retryOnLockConflict(() => migrateReadModel(readModel));
    return await rebuildReadModel(readModel, store, { ...rest, partitionThreads });
  } finally {
    await readModel.close();
  }
}
