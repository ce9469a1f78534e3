import { DEFAULT_FUTURE_SKEW_MS, parseDurationMs, type Clock } from '@ashiato/domain';
import type { EventStore } from '@ashiato/event-store';
import { openReadModel, type ReadModel } from './db/connect';
import { migrateReadModel } from './db/migrations';
import { retryOnLockConflict } from './db/retry-busy';
import { ProjectionRunner, type ProjectionRunnerOptions } from './engine/projection-runner';
import { rebuildReadModel, type RebuildProgress, type RebuildResult } from './engine/rebuild';
import { ProjectionQueries } from './queries/projection-queries';

export interface Projections {
  readModel: ReadModel;
  runner: ProjectionRunner;
  queries: ProjectionQueries;
  close(): Promise<void>;
}

/** Reads ERASURE_DEADLINE_DAYS (default 30) from the environment. */
export function erasureDeadlineFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const days = Number(env.ASHIATO_ERASURE_DEADLINE_DAYS);
  return Number.isFinite(days) && days > 0 ? days : undefined;
}

/** ASHIATO_REBUILD_ON_MISMATCH=true: a read model built from another log is rebuilt rather than withheld. */
export function rebuildOnMismatchFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1|yes)$/i.test(env.ASHIATO_REBUILD_ON_MISMATCH ?? '');
}

/**
 * Reads ASHIATO_FUTURE_SKEW (default 5m), the same setting ingest warns by: an event moves the
 * projection's clock at most this far past the time it was recorded.
 */
export function futureSkewFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return parseDurationMs(env.ASHIATO_FUTURE_SKEW ?? '') ?? DEFAULT_FUTURE_SKEW_MS;
}

/**
 * Plain wiring for the CLI and tests (Nest uses ProjectionsModule): opens and migrates the read model
 * named by `url` (default READ_MODEL_URL), and builds the runner (not started) and the queries.
 */
export async function createProjections(
  store: EventStore,
  options: ProjectionRunnerOptions & { url?: string; clock?: Clock } = {},
): Promise<Projections> {
  const readModel = openReadModel(options.url);
  await migrateReadModel(readModel);
  const runner = new ProjectionRunner(readModel, store, { erasureDeadlineDays: erasureDeadlineFromEnv(), futureSkewMs: futureSkewFromEnv(), ...options });
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

/** `ashiato rebuild`: projects the whole log into fresh tables and swaps them in. */
export async function rebuildProjections(
  store: EventStore,
  options: { url?: string; onProgress?: (p: RebuildProgress) => void; batchSize?: number; erasureDeadlineDays?: number; futureSkewMs?: number } = {},
): Promise<RebuildResult> {
  const readModel = openReadModel(options.url);
  try {
    // A server beside it may hold the write lock for a live batch: wait and try again.
    await retryOnLockConflict(() => migrateReadModel(readModel));
    return await rebuildReadModel(readModel, store, { erasureDeadlineDays: erasureDeadlineFromEnv(), futureSkewMs: futureSkewFromEnv(), ...options });
  } finally {
    await readModel.close();
  }
}
