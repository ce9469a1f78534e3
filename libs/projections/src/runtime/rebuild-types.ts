import type { LogMismatch } from './log-identity';

/**
 * What a rebuild is doing: `projecting` the log into the twin tables (`done` counts up to `total`),
 * then, all events projected, `closing` the holdings their erasures ended (SQLite), `indexing` the
 * twins, `breaches` (each declared breach's blast radius) and `swapping` the twins in. At scale the
 * phases after the load take a third of the time or more, so a progress display names them.
 */
export type RebuildPhase = 'projecting' | 'closing' | 'indexing' | 'breaches' | 'swapping';

export interface RebuildProgress {
  done: number;
  total: number;
  phase: RebuildPhase;
}

export interface RebuildResult {
  /** The checkpoint after the rebuild and its catch-up. */
  position: number;
  /** Events projected into the fresh tables (the log up to the position fixed at the start). */
  events: number;
  /** The read model replaced had been built from another log (log-identity.ts); it was rebuilt from this one. */
  replacedLog?: LogMismatch;
}
