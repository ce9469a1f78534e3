import { Pool, type PoolClient } from 'pg';
import type { AppendRequest, AppendResult, LogIdentity, ReadOptions, StoredEvent, StoreGuarantees } from '../event-store.port';
import { EventStoreClosedError, PollingEventStore } from '../polling-event-store';
import { PgAppender } from './pg-appender';
import { PgNotifier } from './pg-notifier';
import { chainedFieldsFromPg, EVENT_COLUMNS, toSafeNumber, toStoredEventFromPg, type EventRow } from './pg-rows';
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

export class PgEventStore extends PollingEventStore {
  readonly guarantees: StoreGuarantees = { adapter: 'postgres', atomicBatch: true, idempotency: 'global', positions: 'dense', tamperEvident: true };
  private readonly pool: Pool;
  private readonly appender: PgAppender;
  private readonly notifier: PgNotifier;
  private readonly ready: Promise<void>;
  private readonly pageQuery: string;
  private readonly streamQuery: string;
  private readonly headQuery: string;
  private readonly identityQuery: string;
  private readonly hashQuery: string;

  constructor(options: PgEventStoreOptions) {
    super(options.pageSize ?? 1000, options.pollIntervalMs ?? 1000);
    const { connectionString, schema } = parsePgUrl(options.url);
    const s = quoteIdent(schema);
    this.pool = new Pool({ connectionString, max: options.poolSize ?? 4, application_name: 'ashiato-event-store' });
    // An idle pooled connection that fails (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    const channel = `ashiato_events_${schema}`;
    this.appender = new PgAppender(this.pool, s, channel);
    this.notifier = new PgNotifier({ connectionString, application_name: 'ashiato-event-store-listen' }, channel, this.appends);
    this.pageQuery = `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2`;
    this.streamQuery = `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3`;
    this.headQuery = `SELECT head_position FROM ${s}.event_log`;
    this.identityQuery = `SELECT log_id::text, head_position, head_hash FROM ${s}.event_log`;
    this.hashQuery = `SELECT hash FROM ${s}.events WHERE position = $1`;
    this.ready = this.withClient((client) => migrate(client, schema)).then(() => undefined);
    // A failed migration is reported by the first call that awaits `ready`, not as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  protected write(requests: AppendRequest[]): Promise<AppendResult> {
    return this.appender.append(requests);
  }

  async readStream(stream: string, options: { fromVersion?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    await this.opened();
    return this.rows(this.streamQuery, [stream, options.fromVersion ?? 0, options.limit ?? null]);
  }

  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    await this.opened();
    return this.readPage(options.fromPosition ?? 0, options.limit ?? null);
  }

  /** A subscription's first read also starts listening for other processes' appends. */
  protected override async subscriptionPage(after: number, limit: number): Promise<StoredEvent[]> {
    await this.opened();
    this.notifier.listen();
    return this.readPage(after, limit);
  }

  async headPosition(): Promise<number> {
    await this.opened();
    const { rows } = await this.pool.query<[string]>({ text: this.headQuery, rowMode: 'array' });
    return toSafeNumber(rows[0][0]);
  }

  async identity(): Promise<LogIdentity> {
    await this.opened();
    const { rows } = await this.pool.query<[string, string, string]>({ text: this.identityQuery, rowMode: 'array' });
    return { logId: rows[0][0], headPosition: toSafeNumber(rows[0][1]), headHash: rows[0][2] };
  }

  protected async storedHash(position: number): Promise<string | null> {
    const { rows } = await this.pool.query<[string | null]>({ text: this.hashQuery, values: [position], rowMode: 'array' });
    return rows[0]?.[0] ?? null;
  }

  protected async chainPage(after: number, limit: number) {
    const { rows } = await this.pool.query<EventRow>({ text: this.pageQuery, values: [after, limit], rowMode: 'array' });
    return rows.map((row) => ({ position: toSafeNumber(row[0]), hash: row[8] ?? undefined, fields: chainedFieldsFromPg(row) }));
  }

  /** Once every subscription has ended: the LISTEN connection and the pool. */
  protected async release(): Promise<void> {
    await this.notifier.close();
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }

  protected async opened(): Promise<void> {
    if (this.closed) throw new EventStoreClosedError();
    await this.ready;
  }

  protected readPage(after: number, limit: number | null): Promise<StoredEvent[]> {
    return this.rows(this.pageQuery, [after, limit]);
  }

  private async rows(text: string, values: unknown[]): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({ text, values, rowMode: 'array' });
    return rows.map(toStoredEventFromPg);
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
