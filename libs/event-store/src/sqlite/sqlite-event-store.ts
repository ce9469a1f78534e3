import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  ReadOptions,
  StoredEvent,
  Subscription,
} from '../event-store.port';
import { SqliteAppender } from './sqlite-appender';
import { EVENT_COLUMNS, openEventLog, toStoredEvent, type EventTuple } from './sqlite-schema';
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
  private readonly db: Database.Database;
  private readonly appender: SqliteAppender;
  private readonly appends = new EventEmitter();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pageQuery: Database.Statement<[number, number], EventTuple>;
  private readonly streamQuery: Database.Statement<[string, number, number], EventTuple>;
  private readonly headQuery: Database.Statement<[], number>;
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

export class EventStoreClosedError extends Error {
  readonly code = 'EVENT_STORE_CLOSED';
  constructor() {
    super('the event store is closed');
    this.name = 'EventStoreClosedError';
  }
}
