import { EventEmitter } from 'node:events';
import { GENESIS_HASH, verifyPages, type ChainedFields } from './chain';
import { pagesAfter } from './event-row';
import type {
  AppendRequest,
  AppendResult,
  ChainVerification,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  LogIdentity,
  ReadOptions,
  StoredEvent,
  StoreGuarantees,
  Subscription,
  VerifyChainOptions,
} from './event-store.port';
import { APPENDED, PollingSubscription } from './sqlite/sqlite-subscription';

export class EventStoreClosedError extends Error {
  readonly code = 'EVENT_STORE_CLOSED';
  constructor() {
    super('the event store is closed');
    this.name = 'EventStoreClosedError';
  }
}

/**
 * What the two SQL adapters (SQLite, PostgreSQL) share: a log read by position in pages, subscriptions
 * that catch up page by page and are woken after each in-process commit (and poll for other processes'),
 * and a close that ends every subscription before the adapter lets go of its connection.
 */
export abstract class PollingEventStore implements EventStore {
  abstract readonly guarantees: StoreGuarantees;
  /** Emits APPENDED after each commit of this process (PostgreSQL also on other processes' NOTIFY). */
  protected readonly appends = new EventEmitter();
  private readonly subscriptions = new Set<PollingSubscription>();
  protected closed = false;

  protected constructor(
    protected readonly pageSize: number,
    private readonly pollIntervalMs: number,
  ) {
    this.appends.setMaxListeners(0);
  }

  abstract readStream(stream: string, options?: { fromVersion?: number; limit?: number }): Promise<StoredEvent[]>;
  abstract readAll(options?: ReadOptions): Promise<StoredEvent[]>;
  abstract headPosition(): Promise<number>;
  abstract identity(): Promise<LogIdentity>;
  /** Throws EventStoreClosedError once the store is closed; waits for the schema where it is migrated asynchronously. */
  protected abstract opened(): Promise<void> | void;
  /** Appends the batch in one transaction (the store is open). */
  protected abstract write(requests: AppendRequest[]): Promise<AppendResult> | AppendResult;
  /** Up to `limit` events after position `after`, in position order. */
  protected abstract readPage(after: number, limit: number): Promise<StoredEvent[]> | StoredEvent[];
  /** The same page with each row's stored hash and chained fields (null when its data is no longer JSON). */
  protected abstract chainPage(after: number, limit: number): Promise<{ position: number; hash?: string; fields: ChainedFields | null }[]>;
  /** The hash stored at a position > 0, null when there is no such row. */
  protected abstract storedHash(position: number): Promise<string | null> | string | null;
  /** Lets go of the connection(s), after every subscription has ended. */
  protected abstract release(): Promise<void> | void;

  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    return this.appendBatch([{ stream, events, expectedVersion }]);
  }

  async appendBatch(requests: AppendRequest[]): Promise<AppendResult> {
    await this.opened();
    const result = await this.write(requests);
    if (result.appended > 0) this.appends.emit(APPENDED, result.lastPosition);
    return result;
  }

  iterateAll(options: ReadOptions & { pageSize?: number } = {}): AsyncIterable<StoredEvent[]> {
    return pagesAfter(
      async (after, limit) => {
        await this.opened();
        return this.readPage(after, limit);
      },
      options,
      this.pageSize,
    );
  }

  async hashAt(position: number): Promise<string | null> {
    await this.opened();
    if (position <= 0) return GENESIS_HASH;
    return this.storedHash(position);
  }

  /** Recomputes the chain page by page (chain.ts verifyPages) and compares each hash with the stored one. */
  async verifyChain(options: VerifyChainOptions = {}): Promise<ChainVerification> {
    await this.opened();
    return verifyPages(
      async (after, limit) => {
        await this.opened();
        return this.chainPage(after, limit);
      },
      (position) => this.hashAt(position),
      options,
    );
  }

  /** A subscription's page: by default readPage (PostgreSQL also starts listening for other processes' appends). */
  protected subscriptionPage(after: number, limit: number): Promise<StoredEvent[]> | StoredEvent[] {
    return this.readPage(after, limit);
  }

  subscribe(fromPosition = 0): Subscription {
    if (this.closed) throw new EventStoreClosedError();
    const subscription = new PollingSubscription(fromPosition, {
      readPage: (after, limit) => this.subscriptionPage(after, limit),
      appends: this.appends,
      pageSize: this.pageSize,
      pollMs: this.pollIntervalMs,
      onClose: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Ends every subscription, then lets go of the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.release();
  }
}
