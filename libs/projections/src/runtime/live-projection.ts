import type { LogMismatch } from './log-identity';
import type { RebuildProgress, RebuildResult } from './rebuild-types';

/**
 * The live projection as the API sees it, wherever it runs: in the API's event loop
 * (ProjectionRunner) or in a worker thread (WorkerProjectionRunner). Also the DI token.
 */
export abstract class LiveProjection {
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  /** The last position projected (as last reported, when the projection runs in another thread). */
  abstract projectedPosition(): number;
  /**
   * Set while the read model was built from another log than the one in front of it (log-identity.ts):
   * its answers must not be served. Known from the moment `start` resolves.
   */
  abstract logMismatch(): LogMismatch | undefined;
  /** Resolves true once everything up to `position` is projected, false after `timeoutMs`. */
  abstract waitFor(position: number, timeoutMs: number): Promise<boolean>;
  /** Stops following, rebuilds into fresh tables, swaps them in and follows again from there. */
  abstract rebuild(onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult>;
}

/** Readers waiting for a position, released as the projected position moves. */
export class PositionWaiters {
  private waiters: { position: number; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }[] = [];

  wait(position: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Releases (true) every waiter at or below `at`. */
  release(at: number): void {
    if (!this.waiters.length) return;
    this.waiters = this.waiters.filter((w) => {
      if (w.position > at) return true;
      clearTimeout(w.timer);
      w.resolve(true);
      return false;
    });
  }
}
