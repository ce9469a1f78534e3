import { BACKWARDS, END, EventStoreDBClient, FORWARDS, excludeSystemEvents, jsonEvent, type StreamingRead } from '@eventstore/db-client';
import {
  WrongExpectedVersionError,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type ReadOptions,
  type StoredEvent,
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
import { EsdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** esdb://host:2113?tls=false */
  connectionString: string;
  /** At most this many of a stream's newest events are compared with a request's eventIds. Default 1000. */
  duplicateWindow?: number;
}

/** Events read beyond a request's own size, to also catch a retry after a few concurrent appends. */
const TAIL_SLACK = 100;

interface StreamTail {
  version: number;
  eventIds: Set<string>;
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
 *   concurrent writer between the check and a later stream's append can leave earlier streams
 *   written when that append then fails with WrongExpectedVersionError.
 * - Positions are commit positions (byte offsets in the log): increasing but not dense.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly duplicateWindow: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.duplicateWindow = options.duplicateWindow ?? 1000;
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
      tails.set(stream, await this.readTail(stream, Math.min(this.duplicateWindow, count + TAIL_SLACK)));
    }
    const seen = new Set<string>();
    const plan: { request: AppendRequest; fresh: EventToAppend[] }[] = [];
    const nextExpectedVersions: number[] = [];
    let duplicates = 0;
    for (const request of requests) {
      const tail = tails.get(request.stream)!;
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
    for (const { request, fresh } of plan) {
      try {
        const result = await this.client.appendToStream(
          request.stream,
          fresh.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
          { expectedRevision: toExpectedRevision(request.expectedVersion) },
        );
        appended += fresh.length;
        if (result.position) lastPosition = Number(result.position.commit);
      } catch (error) {
        if (isEsdbWrongExpectedVersion(error)) throw toWrongExpectedVersion(request.stream, request.expectedVersion, error);
        throw error;
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

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  /** The stream's current version and the ids of its newest events (for duplicate detection). */
  private async readTail(stream: string, maxCount: number): Promise<StreamTail> {
    const tail: StreamTail = { version: -1, eventIds: new Set() };
    const read = this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: Math.max(1, maxCount) });
    try {
      for await (const resolved of read) {
        if (!resolved.event) continue;
        tail.version = Math.max(tail.version, Number(resolved.event.revision));
        tail.eventIds.add(resolved.event.id);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return tail;
  }
}

/** Consumes a read until `accept` returns false, then cancels the gRPC call (breaking alone does not). */
async function take<E>(read: StreamingRead<E>, accept: (event: E) => boolean): Promise<void> {
  let stopped = false;
  try {
    for await (const event of read) {
      if (!accept(event)) {
        stopped = true;
        break;
      }
    }
  } finally {
    if (stopped) await read.cancel().catch(() => undefined);
  }
}
