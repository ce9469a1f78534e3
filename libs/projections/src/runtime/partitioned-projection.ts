import type { EventStore } from '@ashiato/event-store';
import type { ReadModel } from '../db/connect';
import { migrateReadModel } from '../db/migrations';
import { retryOnLockConflict } from '../db/retry-busy';
import type { LiveProjection } from './live-projection';
import type { LogMismatch } from './log-identity';
import { alignPartitions } from './partition-layout';
import type { ProjectionEngineOptions } from './projection-engine';
import type { RebuildProgress, RebuildResult } from './rebuild-types';

export interface PartitionedProjectionOptions {
  /** Partitions of the subjects (ASHIATO_PROJECTION_PARTITIONS). */
  count: number;
  /** The live projection of partition `index` (a ProjectionRunner or a WorkerProjectionRunner given the partition). */
  partition: (index: number) => LiveProjection;
  /** A rebuild of the whole read model, its load in `count` partitions (in a worker thread or this one). */
  rebuild: (onProgress?: (p: RebuildProgress) => void) => Promise<RebuildResult>;
  /** The engine options the partitions share (checkpoint name, erasure deadline, future skew). */
  engine?: ProjectionEngineOptions;
}

/**
 * The live projection in `count` partitions of the subjects (partition.ts), each following the log
 * with its own checkpoint and skipping the other partitions' subjects; partition 0 also writes what
 * belongs to no subject, and the partitions meet at declared breaches (breach-barrier.ts). Before they
 * start, the read model is given this layout's checkpoint rows (partition-layout.ts). The projected
 * position is the lowest of theirs: a reader waiting for its write waits for every partition.
 */
export class PartitionedProjection implements LiveProjection {
  private readonly partitions: LiveProjection[];
  private running = false;
  private rebuilding = false;

  constructor(
    private readonly readModel: ReadModel,
    private readonly store: EventStore,
    private readonly options: PartitionedProjectionOptions,
  ) {
    this.partitions = Array.from({ length: options.count }, (_, index) => options.partition(index));
  }

  projectedPosition(): number {
    return Math.min(...this.partitions.map((p) => p.projectedPosition()));
  }

  logMismatch(): LogMismatch | undefined {
    for (const p of this.partitions) {
      const mismatch = p.logMismatch();
      if (mismatch) return mismatch;
    }
    return undefined;
  }

  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const reached = await Promise.all(this.partitions.map((p) => p.waitFor(position, timeoutMs)));
    return reached.every(Boolean);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await retryOnLockConflict(() => migrateReadModel(this.readModel));
    await alignPartitions(this.readModel, this.store, this.options.engine ?? {}, this.options.count);
    this.running = true;
    const started = await Promise.allSettled(this.partitions.map((p) => p.start()));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await this.stop();
      throw failed.reason;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.partitions.map((p) => p.stop()));
  }

  /** Stops every partition, rebuilds (the swap keeps their checkpoint rows, at the rebuild's position) and starts them again. */
  async rebuild(onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
    if (this.rebuilding) throw Object.assign(new Error('a rebuild is already running'), { code: 'REBUILD_RUNNING' });
    this.rebuilding = true;
    const wasRunning = this.running;
    try {
      await this.stop();
      return await this.options.rebuild(onProgress);
    } finally {
      this.rebuilding = false;
      if (wasRunning) await this.start();
    }
  }
}
