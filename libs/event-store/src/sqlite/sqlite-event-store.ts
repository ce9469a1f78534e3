import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from '../chain';
import type {
  StoreGuarantees,
  AppendRequest,
  ChainVerification,
  LogIdentity,
  VerifyChainOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  ReadOptions,
  StoredEvent,
  Subscription,
} from '../event-store.port';
import { SqliteAppender } from './sqlite-appender';
import { chainedFields, EVENT_COLUMNS, openEventLog, toStoredEvent, type EventTuple } from './sqlite-schema';
import { APPENDED, PollingSubscription } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /** A file path (its directory is created) or ':memory:'. */
  path: string;
  /** How long a writer waits for another process's write lock. Default 10 s. */
  busyTimeoutMs?: number;
  /** How often a subscription looks for appends made by another process. Default 250 ms. */
  pollIntervalMs?: number;
  /** Events per page when catching up or iterating. Default 1000. */
  pageSize?: number;
}

// SQLite's LIMIT -1 means "no limit".
const NO_LIMIT = -1;

/** The embedded default adapter: one `events` table in a better-sqlite3 file (see sqlite-schema.ts). */
export class SqliteEventStore implements EventStore {
  readonly guarantees: StoreGuarantees = { adapter: 'sqlite', atomicBatch: true, idempotency: 'global', positions: 'dense', tamperEvident: true };
  private readonly db: Database.Database;
  private readonly appender: SqliteAppender;
  private readonly appends = new EventEmitter();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pageQuery: Database.Statement<[number, number], EventTuple>;
  private readonly streamQuery: Database.Statement<[string, number, number], EventTuple>;
  private readonly headQuery: Database.Statement<[], number>;
  private readonly headRowQuery: Database.Statement<[], { position: number; hash: string | null }>;
  private readonly hashQuery: Database.Statement<[number], string | null>;
  private readonly logIdQuery: Database.Statement<[], string>;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openEventLog(options.path, options.busyTimeoutMs);
    this.appender = new SqliteAppender(this.db);
    this.pageSize = options.pageSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.appends.setMaxListeners(0);
    this.pageQuery = this.db
      .prepare<[number, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(true);
    this.streamQuery = this.db
      .prepare<[string, number, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`)
      .raw(true);
    this.headQuery = this.db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    this.headRowQuery = this.db.prepare<[], { position: number; hash: string | null }>('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1');
    this.hashQuery = this.db.prepare<[number], string | null>('SELECT hash FROM events WHERE position = ?').pluck();
    this.logIdQuery = this.db.prepare<[], string>(`SELECT value FROM log_meta WHERE key = 'log_id'`).pluck();
  }

  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    return this.appendBatch([{ stream, events, expectedVersion }]);
  }

  async appendBatch(requests: AppendRequest[]): Promise<AppendResult> {
    this.assertOpen();
    const result = this.appender.append(requests);
    if (result.appended > 0) this.appends.emit(APPENDED, result.lastPosition);
    return result;
  }

  async readStream(stream: string, options: { fromVersion?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.streamQuery.all(stream, options.fromVersion ?? 0, options.limit ?? NO_LIMIT).map(toStoredEvent);
  }

  /** Everything after `fromPosition` up to `limit`; use iterateAll to walk a large log. */
  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.readPage(options.fromPosition ?? 0, options.limit ?? NO_LIMIT);
  }

  async *iterateAll(options: ReadOptions & { pageSize?: number } = {}): AsyncIterable<StoredEvent[]> {
    const pageSize = options.pageSize ?? this.pageSize;
    let remaining = options.limit ?? Infinity;
    let at = options.fromPosition ?? 0;
    while (remaining > 0) {
      this.assertOpen();
      const page = this.readPage(at, Math.min(pageSize, remaining));
      if (page.length === 0) return;
      remaining -= page.length;
      at = page[page.length - 1].position;
      yield page;
    }
  }

  subscribe(fromPosition = 0): Subscription {
    this.assertOpen();
    const subscription = new PollingSubscription(fromPosition, {
      readPage: (after, limit) => this.readPage(after, limit),
      appends: this.appends,
      pageSize: this.pageSize,
      pollMs: this.pollIntervalMs,
      onClose: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.headQuery.get() ?? 0;
  }

  async identity(): Promise<LogIdentity> {
    this.assertOpen();
    // One read transaction: the head and the id are of the same state of the file.
    return this.db.transaction(() => {
      const head = this.headRowQuery.get();
      return { logId: this.logIdQuery.get()!, headPosition: head?.position ?? 0, headHash: head?.hash ?? GENESIS_HASH };
    })();
  }

  async hashAt(position: number): Promise<string | null> {
    this.assertOpen();
    if (position <= 0) return GENESIS_HASH;
    return this.hashQuery.get(position) ?? null;
  }

  /**
   * Recomputes every hash after `fromPosition` from the rows themselves (chain.ts) and compares it with
   * the stored one. Pages are read one at a time, yielding to the event loop between them, so a long
   * verification neither holds the log in memory nor stalls a progress display.
   */
  async verifyChain(options: VerifyChainOptions = {}): Promise<ChainVerification> {
    this.assertOpen();
    const from = Math.max(0, options.fromPosition ?? 0);
    let previous = GENESIS_HASH;
    if (from > 0) {
      const stored = this.hashQuery.get(from);
      if (stored === undefined || stored === null) return { ok: false, checked: 0, brokenAt: from, reason: 'checkpoint-missing' };
      if (options.trustedHash !== undefined && stored !== options.trustedHash) return { ok: false, checked: 0, brokenAt: from, reason: 'checkpoint-mismatch' };
      previous = stored;
    }
    let at = from;
    let checked = 0;
    for (;;) {
      this.assertOpen();
      const rows = this.pageQuery.all(at, VERIFY_PAGE);
      if (!rows.length) break;
      for (const row of rows) {
        const expected = chainHash(previous, chainedFieldsOrNull(row));
        if (row[8] !== expected) return { ok: false, checked, brokenAt: row[0], reason: 'hash-mismatch' };
        previous = expected;
        at = row[0];
        checked++;
      }
      options.onProgress?.(at);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { ok: true, checked, headPosition: at, headHash: previous };
  }

  /** Ends every subscription, then closes the file (a WAL checkpoint happens on close). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.db.close();
  }

  private readPage(after: number, limit: number): StoredEvent[] {
    return this.pageQuery.all(after, limit).map(toStoredEvent);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

/** Rows per page while verifying the chain. */
const VERIFY_PAGE = 5_000;

/** A row whose data is not even JSON any more cannot match its hash: hash its raw text instead of failing. */
function chainedFieldsOrNull(row: EventTuple): ReturnType<typeof chainedFields> {
  try {
    return chainedFields(row);
  } catch {
    return { streamId: row[1], version: row[2], eventId: row[3], type: row[4], data: row[5], metadata: row[6] ?? undefined, recordedAt: row[7] };
  }
}

export class EventStoreClosedError extends Error {
  readonly code = 'EVENT_STORE_CLOSED';
  constructor() {
    super('the event store is closed');
    this.name = 'EventStoreClosedError';
  }
}
