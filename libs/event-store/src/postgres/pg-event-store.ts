import { EventEmitter } from 'node:events';
import { Pool, type PoolClient } from 'pg';
import { GENESIS_HASH, verifyPages } from '../chain';
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
import { EventStoreClosedError } from '../sqlite/sqlite-event-store';
import { APPENDED, PollingSubscription } from '../sqlite/sqlite-subscription';
import { PgAppender } from './pg-appender';
import { PgNotifier } from './pg-notifier';
import { chainedFields, EVENT_COLUMNS, toSafeNumber, toStoredEvent, type EventRow } from './pg-rows';
import { migrate, quoteIdent } from './pg-schema';
import { parsePgUrl } from './pg-url';

export interface PgEventStoreOptions {
  /** `postgres://user[:password]@host[:port]/db[?schema=name]`: the tables live in that schema (default `public`). */
  url: string;
  /** Connections in the pool (appends use one at a time; reads and subscriptions the rest). Default 4. */
  poolSize?: number;
  /** How often a subscription reads the log when no notification came (a fallback for missed ones). Default 1000 ms. */
  pollIntervalMs?: number;
  /** Events per page when catching up or iterating. Default 1000. */
  pageSize?: number;
}

export class PgEventStore implements EventStore {
  readonly guarantees: StoreGuarantees = { adapter: 'postgres', atomicBatch: true, idempotency: 'global', positions: 'dense', tamperEvident: true };
  private readonly pool: Pool;
  private readonly appender: PgAppender;
  private readonly notifier: PgNotifier;
  private readonly appends = new EventEmitter();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly ready: Promise<void>;
  private readonly pageQuery: string;
  private readonly streamQuery: string;
  private readonly headQuery: string;
  private readonly identityQuery: string;
  private readonly hashQuery: string;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private closed = false;

  constructor(options: PgEventStoreOptions) {
    const { connectionString, schema } = parsePgUrl(options.url);
    const s = quoteIdent(schema);
    this.pool = new Pool({ connectionString, max: options.poolSize ?? 4, application_name: 'ashiato-event-store' });
    // An idle pooled connection that fails (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    const channel = `ashiato_events_${schema}`;
    this.appender = new PgAppender(this.pool, s, channel);
    this.notifier = new PgNotifier({ connectionString, application_name: 'ashiato-event-store-listen' }, channel, this.appends);
    this.pageSize = options.pageSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.appends.setMaxListeners(0);
    this.pageQuery = `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2`;
    this.streamQuery = `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3`;
    this.headQuery = `SELECT head_position FROM ${s}.event_log`;
    this.identityQuery = `SELECT log_id::text, head_position, head_hash FROM ${s}.event_log`;
    this.hashQuery = `SELECT hash FROM ${s}.events WHERE position = $1`;
    this.ready = this.withClient((client) => migrate(client, schema)).then(() => undefined);
    // A failed migration is reported by the first call that awaits `ready`, not as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    return this.appendBatch([{ stream, events, expectedVersion }]);
  }

  async appendBatch(requests: AppendRequest[]): Promise<AppendResult> {
    await this.open();
    const result = await this.appender.append(requests);
    if (result.appended > 0) this.appends.emit(APPENDED, result.lastPosition);
    return result;
  }

  async readStream(stream: string, options: { fromVersion?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    await this.open();
    return this.rows(this.streamQuery, [stream, options.fromVersion ?? 0, options.limit ?? null]);
  }

  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    await this.open();
    return this.readPage(options.fromPosition ?? 0, options.limit ?? null);
  }

  async *iterateAll(options: ReadOptions & { pageSize?: number } = {}): AsyncIterable<StoredEvent[]> {
    const pageSize = options.pageSize ?? this.pageSize;
    let remaining = options.limit ?? Infinity;
    let at = options.fromPosition ?? 0;
    while (remaining > 0) {
      await this.open();
      const page = await this.readPage(at, Math.min(pageSize, remaining));
      if (page.length === 0) return;
      remaining -= page.length;
      at = page[page.length - 1].position;
      yield page;
    }
  }

  subscribe(fromPosition = 0): Subscription {
    if (this.closed) throw new EventStoreClosedError();
    const subscription = new PollingSubscription(fromPosition, {
      readPage: async (after, limit) => {
        await this.open();
        this.notifier.listen();
        return this.readPage(after, limit);
      },
      appends: this.appends,
      pageSize: this.pageSize,
      pollMs: this.pollIntervalMs,
      onClose: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    await this.open();
    const { rows } = await this.pool.query<[string]>({ text: this.headQuery, rowMode: 'array' });
    return toSafeNumber(rows[0][0]);
  }

  async identity(): Promise<LogIdentity> {
    await this.open();
    const { rows } = await this.pool.query<[string, string, string]>({ text: this.identityQuery, rowMode: 'array' });
    return { logId: rows[0][0], headPosition: toSafeNumber(rows[0][1]), headHash: rows[0][2] };
  }

  async hashAt(position: number): Promise<string | null> {
    await this.open();
    if (position <= 0) return GENESIS_HASH;
    const { rows } = await this.pool.query<[string | null]>({ text: this.hashQuery, values: [position], rowMode: 'array' });
    return rows[0]?.[0] ?? null;
  }

  /** Recomputes the chain page by page (chain.ts verifyPages). */
  async verifyChain(options: VerifyChainOptions = {}): Promise<ChainVerification> {
    await this.open();
    return verifyPages(
      async (after, limit) => {
        await this.open();
        const { rows } = await this.pool.query<EventRow>({ text: this.pageQuery, values: [after, limit], rowMode: 'array' });
        return rows.map((row) => ({ position: toSafeNumber(row[0]), hash: row[8] ?? undefined, fields: chainedFields(row) }));
      },
      (position) => this.hashAt(position),
      options,
    );
  }

  /** Ends every subscription, the LISTEN connection and the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.notifier.close();
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }

  private async open(): Promise<void> {
    if (this.closed) throw new EventStoreClosedError();
    await this.ready;
  }

  private readPage(after: number, limit: number | null): Promise<StoredEvent[]> {
    return this.rows(this.pageQuery, [after, limit]);
  }

  private async rows(text: string, values: unknown[]): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({ text, values, rowMode: 'array' });
    return rows.map(toStoredEvent);
  }

  private async withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await use(client);
    } finally {
      client.release();
    }
  }
}
