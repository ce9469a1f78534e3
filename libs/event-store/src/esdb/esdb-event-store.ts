import { BACKWARDS, END, EventStoreDBClient, FORWARDS, excludeSystemEvents, jsonEvent } from '@eventstore/db-client';
import { GENESIS_HASH, sameContent } from '../chain';
import {
  BatchPartlyWrittenError,
  ChainUnsupportedError,
  EventIdConflictError,
  WrongExpectedVersionError,
  type ChainVerification,
  type LogIdentity,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type ReadOptions,
  type StoredEvent,
  type StoreGuarantees,
  type Subscription,
} from '../event-store.port';
import { satisfiesExpectedVersion } from '../expected-version';
import {
  isEsdbWrongExpectedVersion,
  isStreamNotFound,
  isSystemEvent,
  toExpectedRevision,
  toReadPosition,
  toStoredEvent,
  toWrongExpectedVersion,
} from './esdb-mapping';
import { ensureLogId, readTail, take, type StreamTail } from './esdb-reads';
import { EsdbSubscription } from './esdb-subscription';

export { IDENTITY_STREAM } from './esdb-reads';

export interface EsdbEventStoreOptions {
  /** esdb://host:2113?tls=false */
  connectionString: string;
  /** At most this many of a stream's newest events are compared with a request's eventIds. Default 1000. */
  duplicateWindow?: number;
}

/** Events read beyond a request's own size, to also catch a retry after a few concurrent appends. */
const TAIL_SLACK = 100;

/** What EventStoreDB promises (see below): stream by stream, a duplicate window, increasing positions, no chain. */
export function esdbGuarantees(duplicateWindow: number): StoreGuarantees {
  return { adapter: 'eventstoredb', atomicBatch: false, idempotency: 'window', duplicateWindow, positions: 'increasing', tamperEvident: false };
}

/**
 * EventStoreDB adapter (selected when EVENTSTORE_URL is set). What the protocol does not give us:
 * - Duplicates: ESDB has no global index of event ids. We compare a request's eventIds with the
 *   newest events of its stream (the request's size + 100, at most `duplicateWindow`) and skip the
 *   matches (counted as duplicates). ESDB itself also drops a retried append with the same ids and
 *   expected revision, but reports that as a success: an id older than the window or stored in
 *   another stream is not reported as a duplicate (and with 'any' ESDB only tries its best).
 * - appendBatch: ESDB has no multi-stream transaction. Every request's expected version is checked
 *   against the stream heads first, then streams are appended one by one in request order; a
 *   concurrent writer between the check and a later stream's append (or a lost connection) can stop
 *   the batch after earlier streams were written: that failure is thrown as BatchPartlyWrittenError
 *   naming the streams stored, and `guarantees` says so, so the ingest answer can name it.
 * - Positions are commit positions (byte offsets in the log): increasing but not dense.
 * - No hash chain: appending cannot read the previous event's hash and write the next atomically
 *   across streams, so `verifyChain` throws ChainUnsupportedError (`ashiato verify` says so) and an
 *   event's `hash` is its own digest (chain.ts `eventDigest`), enough for a read model to recognise
 *   the event at its checkpoint, not to detect an edit made inside the server's files.
 * - Identity: a random log id in the `$ashiato-log` stream, created by the first call that needs it.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly duplicateWindow: number;
  private readonly subscriptions = new Set<Subscription>();
  readonly guarantees: StoreGuarantees;

  constructor(options: EsdbEventStoreOptions, client?: EventStoreDBClient) {
    this.client = client ?? EventStoreDBClient.connectionString(options.connectionString);
    this.duplicateWindow = options.duplicateWindow ?? 1000;
    this.guarantees = esdbGuarantees(this.duplicateWindow);
  }

  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    return this.appendBatch([{ stream, events, expectedVersion }]);
  }

  async appendBatch(requests: AppendRequest[]): Promise<AppendResult> {
    const tails = new Map<string, StreamTail>();
    const perStream = new Map<string, number>();
    for (const r of requests) perStream.set(r.stream, (perStream.get(r.stream) ?? 0) + r.events.length);
    for (const [stream, count] of perStream) {
      // A retried batch is normally the stream's newest events, so a window a little larger than it suffices.
      tails.set(stream, await readTail(this.client, stream, Math.min(this.duplicateWindow, count + TAIL_SLACK)));
    }
    const seen = new Set<string>();
    const plan: { request: AppendRequest; fresh: EventToAppend[] }[] = [];
    const nextExpectedVersions: number[] = [];
    let duplicates = 0;
    for (const request of requests) {
      const tail = tails.get(request.stream)!;
      for (const e of request.events) {
        const stored = tail.contents.get(e.eventId);
        if (stored && !sameContent(stored, e)) throw new EventIdConflictError(e.eventId);
      }
      const fresh = request.events.filter((e) => !tail.eventIds.has(e.eventId) && !seen.has(e.eventId));
      fresh.forEach((e) => seen.add(e.eventId));
      duplicates += request.events.length - fresh.length;
      if (!satisfiesExpectedVersion(request.expectedVersion, tail.version) && (fresh.length > 0 || request.events.length === 0)) {
        throw new WrongExpectedVersionError(request.stream, request.expectedVersion, tail.version);
      }
      if (fresh.length) plan.push({ request, fresh });
      tail.version += fresh.length;
      nextExpectedVersions.push(tail.version);
    }
    let appended = 0;
    let lastPosition = 0;
    const written: string[] = [];
    for (const { request, fresh } of plan) {
      try {
        const result = await this.client.appendToStream(
          request.stream,
          fresh.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
          { expectedRevision: toExpectedRevision(request.expectedVersion) },
        );
        appended += fresh.length;
        written.push(request.stream);
        if (result.position) lastPosition = Number(result.position.commit);
      } catch (error) {
        const failure = isEsdbWrongExpectedVersion(error) ? toWrongExpectedVersion(request.stream, request.expectedVersion, error) : error;
        throw written.length ? new BatchPartlyWrittenError([...new Set(written)], failure) : failure;
      }
    }
    if (appended === 0 || lastPosition === 0) lastPosition = await this.headPosition();
    return { appended, duplicates, lastPosition, nextExpectedVersions };
  }

  async readStream(stream: string, options: { fromVersion?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    const read = this.client.readStream(stream, {
      direction: FORWARDS,
      fromRevision: BigInt(options.fromVersion ?? 0),
      ...(options.limit !== undefined ? { maxCount: options.limit } : {}),
    });
    try {
      const events: StoredEvent[] = [];
      for await (const resolved of read) if (!isSystemEvent(resolved)) events.push(toStoredEvent(resolved));
      return events;
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }

  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromPosition ?? 0;
    const limit = options.limit ?? Infinity;
    const events: StoredEvent[] = [];
    if (limit <= 0) return events;
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(from) });
    await take(read, (resolved) => {
      if (isSystemEvent(resolved)) return true;
      const event = toStoredEvent(resolved);
      if (event.position > from) events.push(event);
      return events.length < limit;
    });
    return events;
  }

  async *iterateAll(options: ReadOptions & { pageSize?: number } = {}): AsyncIterable<StoredEvent[]> {
    const pageSize = options.pageSize ?? 1000;
    let remaining = options.limit ?? Infinity;
    let at = options.fromPosition ?? 0;
    while (remaining > 0) {
      const page = await this.readAll({ fromPosition: at, limit: Math.min(pageSize, remaining) });
      if (!page.length) return;
      remaining -= page.length;
      at = page[page.length - 1].position;
      yield page;
    }
  }

  subscribe(fromPosition = 0): Subscription {
    const source = this.client.subscribeToAll({ fromPosition: toReadPosition(fromPosition), filter: excludeSystemEvents() });
    const subscription = new EsdbSubscription(source, fromPosition);
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async headPosition(): Promise<number> {
    let head = 0;
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    await take(read, (resolved) => {
      if (isSystemEvent(resolved)) return true;
      head = Number(toStoredEvent(resolved).position);
      return false;
    });
    return head;
  }

  async identity(): Promise<LogIdentity> {
    const logId = await ensureLogId(this.client);
    let headPosition = 0;
    let headHash = GENESIS_HASH;
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    await take(read, (resolved) => {
      if (isSystemEvent(resolved)) return true;
      const event = toStoredEvent(resolved);
      headPosition = event.position;
      headHash = event.hash ?? GENESIS_HASH;
      return false;
    });
    return { logId, headPosition, headHash };
  }

  async hashAt(position: number): Promise<string | null> {
    if (position <= 0) return GENESIS_HASH;
    let hash: string | null = null;
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(position) });
    await take(read, (resolved) => {
      if (isSystemEvent(resolved)) return true;
      const event = toStoredEvent(resolved);
      if (event.position === position) hash = event.hash ?? null;
      return false;
    });
    return hash;
  }

  async verifyChain(): Promise<ChainVerification> {
    throw new ChainUnsupportedError('EventStoreDB');
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }
}
