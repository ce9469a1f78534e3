/**
 * The event store port. Adapters (SQLite embedded default, PostgreSQL, EventStoreDB) live beside it and are
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
  /**
   * The event's hash: chained to the previous event's (SQLite, see chain.ts), or the digest of this
   * event alone where the adapter cannot chain (EventStoreDB). Absent in stores that keep none.
   */
  hash?: string;
}

/** Which log this is: a random id created with the log, and its head. */
export interface LogIdentity {
  logId: string;
  /** Position of the newest event (0 when empty). */
  headPosition: number;
  /** Hash of the newest event; GENESIS_HASH (64 zeros) when empty. */
  headHash: string;
}

export interface VerifyChainOptions {
  /** Start after this position, trusting `trustedHash` as its hash (a kept checkpoint). Default 0. */
  fromPosition?: number;
  /** The hash of the event at `fromPosition` as the verifier knows it; required when fromPosition > 0. */
  trustedHash?: string;
  /** Called now and then with the last position checked. */
  onProgress?: (position: number) => void;
}

export type ChainVerification =
  | { ok: true; checked: number; headPosition: number; headHash: string }
  | {
      ok: false;
      checked: number;
      /** The first position whose stored hash does not follow from the events before it. */
      brokenAt: number;
      reason: 'hash-mismatch' | 'checkpoint-missing' | 'checkpoint-mismatch';
    };

/** The log cannot check its chain (EventStoreDB: see the adapter). */
export class ChainUnsupportedError extends Error {
  readonly code = 'CHAIN_UNSUPPORTED';
  constructor(adapter: string) {
    super(`the ${adapter} adapter keeps no hash chain; verification is only available on the SQLite log`);
    this.name = 'ChainUnsupportedError';
  }
}

/** An eventId already stored arrived with different content: nothing of the batch is written. */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(readonly eventId: string) {
    // The eventId is the client's idempotency key, not personal data; still, the message does not quote it.
    super('an event with this eventId is already stored with different content');
    this.name = 'EventIdConflictError';
  }
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

/**
 * What an adapter guarantees, as its code does it (README, "Event store guarantees"). Where it is less
 * than atomic batches and global idempotency, the ingest answer names it rather than the contract
 * promising more.
 */
export interface StoreGuarantees {
  adapter: 'sqlite' | 'postgres' | 'eventstoredb';
  /** Whether a multi-stream appendBatch is stored all or nothing. */
  atomicBatch: boolean;
  /** 'global': an eventId is recognised anywhere in the log; 'window': only among its stream's newest events. */
  idempotency: 'global' | 'window';
  /** With 'window': at most this many of a stream's newest events are compared. */
  duplicateWindow?: number;
  /** 'dense': 1, 2, 3 …; 'increasing': strictly increasing with gaps (EventStoreDB's byte offsets). */
  positions: 'dense' | 'increasing';
  /** Whether the log keeps a hash chain that `verifyChain` checks (edits and deletions are detected). */
  tamperEvident: boolean;
}

/**
 * An adapter without atomic batches (EventStoreDB) failed part-way: the streams in `writtenStreams`
 * are stored, the rest of the batch is not. Sending the same batch again is safe where the adapter
 * recognises the stored eventIds (within its duplicate window).
 */
export class BatchPartlyWrittenError extends Error {
  readonly code = 'BATCH_PARTLY_WRITTEN';
  constructor(
    readonly writtenStreams: string[],
    /** What stopped the batch (e.g. a WrongExpectedVersionError on the next stream). */
    readonly failure: unknown,
  ) {
    super(`the batch was written in part: ${writtenStreams.length} stream(s) stored before a later one failed`);
    this.name = 'BatchPartlyWrittenError';
  }
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
  /** What this adapter guarantees (atomic batches, idempotency, ordering, tamper evidence). */
  readonly guarantees: StoreGuarantees;
  /** Appends to one stream; duplicates (by eventId) are skipped, the rest is checked against expectedVersion. */
  append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult>;
  /**
   * Appends to several streams: all or nothing where `guarantees.atomicBatch` (SQLite, PostgreSQL);
   * on EventStoreDB stream by stream, so a failure after the first stream is stored throws
   * BatchPartlyWrittenError naming the streams written (README, "Event store guarantees").
   * A version conflict found before anything is written rejects the batch with WrongExpectedVersionError.
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
  /** The log's id (created with the log, kept with it) and its head. */
  identity(): Promise<LogIdentity>;
  /** The hash of the event at `position`, or null when there is no event there. */
  hashAt(position: number): Promise<string | null>;
  /**
   * Recomputes the chain from the start (or from a trusted checkpoint) and reports the first position
   * whose stored hash is not what its predecessors give. ChainUnsupportedError where there is no chain.
   */
  verifyChain(options?: VerifyChainOptions): Promise<ChainVerification>;
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
