/**
 * The event store port. Adapters (SQLite embedded default, EventStoreDB) live beside it and are
 * proven by one conformance suite (test/conformance).
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** `-1`: the stream must not exist yet. A number: the version of the stream's last event. */
export type ExpectedVersion = number | 'any' | 'no_stream';

export interface EventToAppend {
  eventId: string;
  type: string;
  /** The full event as JSON (the public contract object). */
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /**
   * `data` already serialised, when the caller has the exact JSON text it was parsed from: an adapter
   * may store it instead of serialising `data` again. `JSON.parse(json)` must equal `data`.
   */
  json?: string;
}

export interface StoredEvent<T = Record<string, unknown>> {
  /** Global, gap-tolerant, strictly increasing position in the log (1-based). */
  position: number;
  streamId: string;
  /** 0-based version of this event within its stream. */
  version: number;
  eventId: string;
  type: string;
  data: T;
  metadata?: Record<string, unknown>;
  /** When the store recorded it (not when it occurred). */
  recordedAt: string;
}

export interface AppendRequest {
  stream: string;
  events: EventToAppend[];
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** Events written by this call. */
  appended: number;
  /** Events skipped because their eventId was already stored (a retried batch). */
  duplicates: number;
  /** Position of the last event written, or the current head position if nothing was written. */
  lastPosition: number;
  /** Per request, the stream's version after the call (-1 if it still has no events). */
  nextExpectedVersions: number[];
}

export interface ReadOptions {
  /** Exclusive: events with position > fromPosition. Default 0 (from the start). */
  fromPosition?: number;
  /** Maximum number of events per call. */
  limit?: number;
}

export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Appends to one stream; duplicates (by eventId) are skipped, the rest is checked against expectedVersion. */
  append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult>;
  /**
   * Appends to several streams as one unit: all or nothing where the adapter supports it (SQLite).
   * A version conflict on any stream rejects the whole batch with WrongExpectedVersionError.
   */
  appendBatch(requests: AppendRequest[]): Promise<AppendResult>;
  readStream(stream: string, options?: { fromVersion?: number; limit?: number }): Promise<StoredEvent[]>;
  readAll(options?: ReadOptions): Promise<StoredEvent[]>;
  /** Streams the log from a position in pages without holding it in memory. */
  iterateAll(options?: ReadOptions & { pageSize?: number }): AsyncIterable<StoredEvent[]>;
  /** Catches up from `fromPosition` (exclusive), then delivers new events as they are appended. */
  subscribe(fromPosition?: number): Subscription;
  /** Position of the newest event (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${stream}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}
