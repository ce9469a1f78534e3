import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../chain';
import { chainedFieldsOrNull, EVENT_COLUMNS, toStoredEvent, type EventTuple } from '../event-row';
import type { AppendRequest, AppendResult, LogIdentity, ReadOptions, StoredEvent, StoreGuarantees } from '../event-store.port';
import { EventStoreClosedError, PollingEventStore } from '../polling-event-store';
import { SqliteAppender } from './sqlite-appender';
import { openEventLog } from './sqlite-schema';

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
export class SqliteEventStore extends PollingEventStore {
  readonly guarantees: StoreGuarantees = { adapter: 'sqlite', atomicBatch: true, idempotency: 'global', positions: 'dense', tamperEvident: true };
  private readonly db: Database.Database;
  private readonly appender: SqliteAppender;
  private readonly pageQuery: Database.Statement<[number, number], EventTuple>;
  private readonly streamQuery: Database.Statement<[string, number, number], EventTuple>;
  private readonly headQuery: Database.Statement<[], number>;
  private readonly headRowQuery: Database.Statement<[], { position: number; hash: string | null }>;
  private readonly hashQuery: Database.Statement<[number], string | null>;
  private readonly logIdQuery: Database.Statement<[], string>;

  constructor(options: SqliteEventStoreOptions) {
    super(options.pageSize ?? 1000, options.pollIntervalMs ?? 250);
    this.db = openEventLog(options.path, options.busyTimeoutMs);
    this.appender = new SqliteAppender(this.db);
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

  protected write(requests: AppendRequest[]): AppendResult {
    return this.appender.append(requests);
  }

  async readStream(stream: string, options: { fromVersion?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    this.opened();
    return this.streamQuery.all(stream, options.fromVersion ?? 0, options.limit ?? NO_LIMIT).map(toStoredEvent);
  }

  /** Everything after `fromPosition` up to `limit`; use iterateAll to walk a large log. */
  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.opened();
    return this.readPage(options.fromPosition ?? 0, options.limit ?? NO_LIMIT);
  }

  async headPosition(): Promise<number> {
    this.opened();
    return this.headQuery.get() ?? 0;
  }

  async identity(): Promise<LogIdentity> {
    this.opened();
    // One read transaction: the head and the id are of the same state of the file.
    return this.db.transaction(() => {
      const head = this.headRowQuery.get();
      return { logId: this.logIdQuery.get()!, headPosition: head?.position ?? 0, headHash: head?.hash ?? GENESIS_HASH };
    })();
  }

  protected storedHash(position: number): string | null {
    return this.hashQuery.get(position) ?? null;
  }

  protected async chainPage(after: number, limit: number) {
    return this.pageQuery.all(after, limit).map((row) => ({ position: row[0], hash: row[8] ?? undefined, fields: chainedFieldsOrNull(row) }));
  }

  /** Closes the file once every subscription has ended (a WAL checkpoint happens on close). */
  protected release(): void {
    this.db.close();
  }

  protected readPage(after: number, limit: number): StoredEvent[] {
    return this.pageQuery.all(after, limit).map(toStoredEvent);
  }

  protected opened(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
