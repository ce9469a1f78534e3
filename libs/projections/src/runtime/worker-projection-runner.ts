import type { Worker } from 'node:worker_threads';
import { LiveProjection, PositionWaiters } from './live-projection';
import type { LogMismatch } from './log-identity';
import type { RunnerErrorLog } from './projection-runner';
import { errorFrom, errorInfo, type ErrorInfo, type FromWorker, type ProjectionWorkerData, type ToWorker } from './projection-worker-protocol';
import type { RebuildProgress, RebuildResult } from './rebuild-types';
import { startWorker } from './worker-thread';

export { PROJECTION_YOUNG_GENERATION_MB } from './worker-thread';

/**
 * One rebuild in a worker thread of its own (`ashiato rebuild`): the same rebuild as
 * WorkerProjectionRunner.rebuild, for a process that does not follow the log. Resolves with its result;
 * a failure carries the name and code the worker reported.
 */
export function rebuildInWorker(data: Omit<ProjectionWorkerData, 'mode'>, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
  const worker = startWorker({ ...data, mode: 'rebuild' });
  return new Promise<RebuildResult>((resolve, reject) => {
    let outcome: { result: RebuildResult } | { failure: ErrorInfo } | undefined;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'rebuild-progress') onProgress?.(message.progress);
      else if (message.type === 'rebuilt') outcome = { result: message.result };
      else if (message.type === 'rebuild-failed') outcome = { failure: message.failure };
    });
    worker.on('error', (err: Error) => (outcome ??= { failure: errorInfo(err) }));
    worker.once('exit', (exitCode) => {
      if (outcome && 'result' in outcome) resolve(outcome.result);
      else reject(errorFrom(outcome?.failure ?? { error: 'ProjectionWorkerExited', code: String(exitCode) }, 'rebuild failed'));
    });
  });
}

interface RebuildJob {
  resolve: (result: RebuildResult) => void;
  reject: (err: Error) => void;
  onProgress?: (p: RebuildProgress) => void;
}

/**
 * The live projection in a worker thread (projection-worker.ts), off the API's event loop: the worker
 * opens its own event-store and read-model connections, follows the log from the stored checkpoint and
 * reports each projected position here, where `waitFor` and `projectedPosition` answer from it.
 * Stopping lets the worker finish its batch and close its connections; a worker that dies is reported
 * (name and code only) and started again, resuming from the checkpoint.
 */
export class WorkerProjectionRunner implements LiveProjection {
  private worker?: Worker;
  private exited?: Promise<void>;
  private running = false;
  private position = 0;
  private mismatch?: LogMismatch;
  private readonly waiters = new PositionWaiters();
  private rebuildJob?: RebuildJob;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly data: ProjectionWorkerData,
    private readonly options: { onError?: RunnerErrorLog; onMismatch?: (mismatch: LogMismatch | undefined) => void } = {},
  ) {}

  projectedPosition(): number {
    return this.position;
  }

  logMismatch(): LogMismatch | undefined {
    return this.mismatch;
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return this.waiters.wait(position, timeoutMs);
  }

  /** Starts the worker; resolves once it has migrated the read model and begun following. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.spawn();
    } catch (err) {
      this.running = false;
      throw err;
    }
  }

  /** Asks the worker to stop after its current batch and close its connections; resolves when it has exited. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ type: 'stop' } satisfies ToWorker);
    await this.exited;
  }

  /** The worker stops following, rebuilds, swaps the tables in and follows again. */
  async rebuild(onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
    if (this.rebuildJob) throw Object.assign(new Error('a rebuild is already running'), { code: 'REBUILD_RUNNING' });
    const wasRunning = this.running;
    if (!wasRunning) await this.start();
    try {
      return await new Promise<RebuildResult>((resolve, reject) => {
        this.rebuildJob = { resolve, reject, onProgress };
        this.worker!.postMessage({ type: 'rebuild' } satisfies ToWorker);
      });
    } finally {
      this.rebuildJob = undefined;
      if (!wasRunning) await this.stop();
    }
  }

  private spawn(): Promise<void> {
    const worker = startWorker(this.data);
    this.worker = worker;
    let settle: { resolve: () => void; reject: (err: Error) => void } | undefined;
    const started = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    let failure: ErrorInfo | undefined;
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'started':
          this.setMismatch(message.mismatch);
          this.advance(message.position);
          settle?.resolve();
          settle = undefined;
          break;
        case 'start-failed':
          failure = message.failure;
          break;
        case 'log-mismatch':
          this.setMismatch(message.mismatch);
          break;
        case 'position':
          this.advance(message.position);
          break;
        case 'error':
          this.options.onError?.({ error: message.error, code: message.code, position: message.position });
          break;
        case 'rebuild-progress':
          this.rebuildJob?.onProgress?.(message.progress);
          break;
        case 'rebuilt':
          this.rebuildJob?.resolve(message.result);
          break;
        case 'rebuild-failed':
          this.rebuildJob?.reject(errorFrom(message.failure, 'rebuild failed'));
          break;
        case 'stopped':
          void worker.terminate();
          break;
      }
    });
    // An exception the worker did not catch: report what kind it was, never its message.
    worker.on('error', (err: Error) => {
      failure = errorInfo(err);
      this.options.onError?.({ ...failure, position: this.position });
    });
    this.exited = new Promise<void>((resolve) =>
      worker.once('exit', (exitCode) => {
        if (this.worker === worker) this.worker = undefined;
        const info = failure ?? { error: 'ProjectionWorkerExited', code: String(exitCode) };
        if (settle) {
          settle.reject(errorFrom(info, 'the projection worker did not start'));
          settle = undefined;
        } else if (this.running) {
          this.rebuildJob?.reject(errorFrom(info, 'the projection worker stopped during a rebuild'));
          if (!failure) this.options.onError?.({ ...info, position: this.position });
          this.restartTimer = setTimeout(() => this.respawn(), this.data.retryDelayMs ?? 1_000);
        }
        resolve();
      }),
    );
    return started;
  }

  private respawn(): void {
    this.restartTimer = undefined;
    if (!this.running) return;
    this.spawn().catch((err: Error & { code?: string }) => {
      this.options.onError?.({ error: err.name, code: err.code, position: this.position });
      if (this.running && !this.worker) this.restartTimer = setTimeout(() => this.respawn(), this.data.retryDelayMs ?? 1_000);
    });
  }

  private setMismatch(mismatch: LogMismatch | undefined): void {
    const changed = JSON.stringify(mismatch) !== JSON.stringify(this.mismatch);
    this.mismatch = mismatch;
    if (changed) this.options.onMismatch?.(mismatch);
  }

  private advance(position: number): void {
    this.position = position;
    this.waiters.release(position);
  }
}
