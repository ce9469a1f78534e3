import type { EventStore, StoredEvent, Subscription } from '@ashiato/event-store';
import type { ReadModel } from '../db/connect';
import { migrateReadModel } from '../db/migrations';
import { retryOnLockConflict } from '../db/retry-busy';
import { LiveProjection, PositionWaiters } from './live-projection';
import { checkLogIdentity, type LogMismatch } from './log-identity';
import { partitionCheckpoint } from './partition';
import { DEFAULT_PROJECTION, ProjectionEngine, type ProjectionEngineOptions } from './projection-engine';
import { rebuildReadModel, type RebuildProgress, type RebuildResult } from './rebuild';

/** Receives failures without personal data: only the error's name and stable code. */
export type RunnerErrorLog = (info: { error: string; code?: string; position: number }) => void;

export interface ProjectionRunnerOptions extends Omit<ProjectionEngineOptions, 'tableSuffix'> {
  /** Wait before re-subscribing after a failed batch. */
  retryDelayMs?: number;
  onError?: RunnerErrorLog;
  /** Called with the projected position whenever it moves (a worker thread reports it to the API). */
  onPosition?: (position: number) => void;
  /**
   * The read model was built from another log (log-identity.ts): rebuild it from this log instead of
   * withholding it (ASHIATO_REBUILD_ON_MISMATCH=true).
   */
  rebuildOnMismatch?: boolean;
  /** Called when the read model is found to belong to another log, and with undefined once it belongs again. */
  onMismatch?: (mismatch: LogMismatch | undefined) => void;
}

/**
 * Follows the store live: events from the subscription are buffered and applied in batches (the
 * subscription pauses while the buffer is full). `waitFor` lets a reader wait for its own writes.
 */
export class ProjectionRunner implements LiveProjection {
  private engine: ProjectionEngine;
  private subscription?: Subscription;
  private loop?: Promise<void>;
  private running = false;
  private stopped = stopSignal();
  private readonly waiters = new PositionWaiters();
  private mismatch?: LogMismatch;

  constructor(
    private readonly readModel: ReadModel,
    private readonly store: EventStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.engine = new ProjectionEngine(readModel, options);
  }

  projectedPosition(): number {
    return this.engine.position();
  }

  logMismatch(): LogMismatch | undefined {
    return this.mismatch;
  }

  /**
   * Migrates, loads the checkpoint and compares the read model with the log before anything is read
   * from it: a read model of another log is reported (logMismatch) from the moment start resolves.
   */
  async start(): Promise<void> {
    if (this.running) return;
    await migrateReadModel(this.readModel);
    await this.engine.init();
    const check = await checkLogIdentity(this.readModel.db, this.store, this.checkpointName());
    this.setMismatch(check.ok ? undefined : check.mismatch);
    this.running = true;
    this.stopped = stopSignal();
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped.fire();
    this.engine.cancelWaits();
    await this.subscription?.close();
    await this.loop;
    this.loop = undefined;
  }

  /** Resolves true once everything up to `position` is projected, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.engine.position() >= position) return Promise.resolve(true);
    return this.waiters.wait(position, timeoutMs);
  }

  /** Stops following, rebuilds into fresh tables, swaps them in and follows again from there. */
  async rebuild(onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
    const wasRunning = this.running;
    await this.stop();
    // The follow loop's batch size is not the rebuild's: a rebuild keeps the engine's (rebuild.ts).
    const result = await rebuildReadModel(this.readModel, this.store, { ...this.rebuildOptions(), onProgress });
    this.engine = new ProjectionEngine(this.readModel, this.options);
    await this.engine.init();
    this.setMismatch(undefined);
    this.notify();
    if (wasRunning) {
      this.running = true;
      this.stopped = stopSignal();
      this.loop = this.follow();
    }
    return result;
  }

  private async follow(): Promise<void> {
    const batchSize = this.options.batchSize ?? 2_000;
    while (this.running) {
      let subscription: Subscription | undefined;
      try {
        if (!(await this.onTheSameLog())) {
          // Nothing is projected into another log's read model; look again later (`ashiato rebuild` may fix it).
          await Promise.race([this.stopped.promise, new Promise((r) => setTimeout(r, this.options.retryDelayMs ?? 1_000))]);
          continue;
        }
        // A backlog goes page by page (much cheaper than event by event through the subscription).
        // A lock conflict (another partition's or a rebuild's batch, a reader's upgrade) rolled the batch back: again from the checkpoint.
        await retryOnLockConflict(() =>
          this.engine.catchUp(
            this.store,
            () => this.notify(),
            () => !this.running,
          ),
        );
        if (!this.running) return;
        subscription = this.store.subscribe(this.engine.position());
        this.subscription = subscription;
        await this.drain(subscription, batchSize);
      } catch (err) {
        const e = err as { name?: string; code?: string };
        // Stopping ends a partition's wait at a breach with an error: not a failure to report.
        if (this.running) this.options.onError?.({ error: e.name ?? 'Error', code: e.code, position: this.engine.position() });
        await subscription?.close().catch(() => undefined);
        if (this.running) await new Promise((r) => setTimeout(r, this.options.retryDelayMs ?? 1_000));
        // Follow again from the stored checkpoint, which may have moved (e.g. a rebuild by the CLI).
        await this.engine.init().catch(() => undefined);
      }
    }
  }

  /**
   * True when the read model belongs to the log (again: after `ashiato rebuild`, the engine reloads the
   * swapped-in checkpoint). Otherwise false, or, with rebuildOnMismatch, rebuilt from this log first.
   */
  private async onTheSameLog(): Promise<boolean> {
    const check = await checkLogIdentity(this.readModel.db, this.store, this.checkpointName());
    if (check.ok) {
      if (this.mismatch) {
        await this.engine.init();
        this.setMismatch(undefined);
        this.notify();
      }
      return true;
    }
    this.setMismatch(check.mismatch);
    if (!this.options.rebuildOnMismatch) return false;
    await rebuildReadModel(this.readModel, this.store, this.rebuildOptions());
    this.engine = new ProjectionEngine(this.readModel, this.options);
    await this.engine.init();
    this.setMismatch(undefined);
    this.notify();
    return true;
  }

  /** The checkpoint row this runner projects to: its partition's (partition.ts). */
  private checkpointName(): string {
    return partitionCheckpoint(this.options.projection ?? DEFAULT_PROJECTION, this.options.partition);
  }

  /**
   * A rebuild of the whole read model, whichever partition asks (partitioned-projection.ts lets only
   * partition 0 rebuild on a mismatch), with the engine's own batch size (rebuild.ts).
   */
  private rebuildOptions() {
    const { partition: _, batchSize: __, ...options } = this.options;
    return options;
  }

  private setMismatch(mismatch: LogMismatch | undefined): void {
    const changed = JSON.stringify(mismatch) !== JSON.stringify(this.mismatch);
    this.mismatch = mismatch;
    if (changed) this.options.onMismatch?.(mismatch);
  }

  /** Pulls events one by one, applying a batch whenever it is full or the subscription goes idle. */
  private async drain(subscription: Subscription, batchSize: number): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    let buffer: StoredEvent[] = [];
    const flush = async () => {
      if (!buffer.length) return;
      const batch = buffer;
      buffer = [];
      await retryOnLockConflict(() => this.engine.applyBatch(batch));
      this.notify();
    };
    let pending = iterator.next();
    while (this.running) {
      const next = await Promise.race(buffer.length ? [pending, this.stopped.promise, idle()] : [pending, this.stopped.promise]);
      if (next === STOPPED) return;
      if (next === IDLE) {
        await flush();
        continue;
      }
      if (next.done) {
        await flush();
        // The store ended the subscription: pause before following again.
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs ?? 1_000));
        return;
      }
      buffer.push(next.value);
      pending = iterator.next();
      if (buffer.length >= batchSize) await flush();
    }
  }

  private notify(): void {
    const at = this.engine.position();
    this.waiters.release(at);
    this.options.onPosition?.(at);
  }
}

const IDLE = Symbol('idle');
const STOPPED = Symbol('stopped');

function stopSignal(): { promise: Promise<typeof STOPPED>; fire: () => void } {
  let fire = () => {};
  const promise = new Promise<typeof STOPPED>((resolve) => (fire = () => resolve(STOPPED)));
  return { promise, fire };
}
/** Yields to pending I/O once: if the next event is not already there, the buffer is applied. */
function idle(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}
