import type { EventStoreConfig } from '@ashiato/event-store';
import type { LogMismatch } from './log-identity';
import type { Partition } from './partition';
import type { RebuildProgress, RebuildResult } from './rebuild-types';

/** What the worker thread is started with (workerData): plain data only. */
export interface ProjectionWorkerData {
  readModelUrl: string;
  eventStore: EventStoreConfig;
  erasureDeadlineDays?: number;
  /** ASHIATO_FUTURE_SKEW in ms. */
  futureSkewMs?: number;
  batchSize?: number;
  retryDelayMs?: number;
  /** ASHIATO_REBUILD_ON_MISMATCH: rebuild a read model of another log instead of withholding it. */
  rebuildOnMismatch?: boolean;
  /**
   * `follow` (default): the live projection, following the log until told to stop. `rebuild`: one
   * rebuild into fresh tables, its progress and result posted, then the thread ends (`ashiato rebuild`).
   */
  mode?: 'follow' | 'rebuild' | 'partition';
  /** `rebuild`: the partitions its load runs in, each in a thread of its own (partitioned-load.ts). */
  partitions?: number;
  /** `follow`: the partition of the subjects this thread projects (partitioned-projection.ts); all of them when unset. */
  partition?: Partition;
  /** `partition`: one partition of a rebuild's load into the twins, up to `stopAt` (partitioned-load.ts). */
  partitionLoad?: PartitionLoadData;
}

export interface PartitionLoadData {
  partition: Partition;
  suffix: string;
  stopAt: number;
  projection?: string;
  snapshotCacheSize?: number;
}

/** An error as it crosses the thread boundary: name and stable code only (messages may quote data). */
export interface ErrorInfo {
  error: string;
  code?: string;
}

export type ToWorker = { type: 'stop' } | { type: 'rebuild' };

export type FromWorker =
  | { type: 'started'; position: number; mismatch?: LogMismatch }
  | { type: 'log-mismatch'; mismatch?: LogMismatch }
  | { type: 'start-failed'; failure: ErrorInfo }
  | { type: 'position'; position: number }
  | ({ type: 'error'; position: number } & ErrorInfo)
  | { type: 'rebuild-progress'; progress: RebuildProgress }
  | { type: 'rebuilt'; result: RebuildResult }
  | { type: 'rebuild-failed'; failure: ErrorInfo }
  | { type: 'stopped' }
  | { type: 'partition-progress'; position: number }
  | { type: 'partition-loaded' };

export function errorInfo(err: unknown): ErrorInfo {
  const e = (err ?? {}) as { name?: unknown; code?: unknown };
  return {
    error: typeof e.name === 'string' && e.name ? e.name : 'Error',
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: String(e.code) } : {}),
  };
}

/** An Error for the API's side carrying only the name and code the worker reported. */
export function errorFrom(info: ErrorInfo, message: string): Error {
  const err = new Error(info.code ? `${message} (${info.error} ${info.code})` : `${message} (${info.error})`);
  err.name = info.error;
  return Object.assign(err, info.code ? { code: info.code } : {});
}
