import type { AshiatoEvent } from '@ashiato/domain';
import { streamOf } from '@ashiato/domain';
import { randomUUID } from 'node:crypto';
import {
  chainHash,
  GENESIS_HASH,
  type AppendRequest,
  type AppendResult,
  type ChainVerification,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type LogIdentity,
  type ReadOptions,
  type StoreGuarantees,
  type StoredEvent,
  type Subscription,
} from '@ashiato/event-store';

/** Test support: the EventStore port in memory (no version checks), enough to drive the projection engine. */
export class InMemoryEventStore implements EventStore {
  readonly guarantees: StoreGuarantees = { adapter: 'sqlite', atomicBatch: true, idempotency: 'global', positions: 'dense', tamperEvident: true };
  readonly events: StoredEvent[] = [];
  /** The log's identity, as a SQLite log keeps it in log_meta. */
  logId: string = randomUUID();
  private readonly listeners = new Set<() => void>();

  /** `recordedAt` gives each appended event its recording time (default: the wall clock, as real stores do). */
  constructor(private readonly options: { recordedAt?: (position: number) => string } = {}) {}

  async append(stream: string, events: EventToAppend[], _expected: ExpectedVersion): Promise<AppendResult> {
    return this.appendBatch([{ stream, events, expectedVersion: 'any' }]);
  }

  async appendBatch(requests: AppendRequest[]): Promise<AppendResult> {
    let appended = 0;
    for (const r of requests) {
      for (const e of r.events) {
        if (this.events.some((s) => s.eventId === e.eventId)) continue;
        const version = this.events.filter((s) => s.streamId === r.stream).length;
        const position = this.events.length + 1;
        const recordedAt = this.options.recordedAt?.(position) ?? new Date().toISOString();
        const stored: StoredEvent = { position, streamId: r.stream, version, eventId: e.eventId, type: e.type, data: e.data, recordedAt };
        stored.hash = chainHash(this.events[this.events.length - 1]?.hash ?? GENESIS_HASH, stored);
        this.events.push(stored);
        appended++;
      }
    }
    for (const l of this.listeners) l();
    return { appended, duplicates: 0, lastPosition: this.events.length, nextExpectedVersions: [] };
  }

  /** Appends contract events, each to its own stream. */
  async add(...events: AshiatoEvent[]): Promise<number> {
    await this.appendBatch(
      events.map((e) => ({
        stream: streamOf(e),
        events: [{ eventId: e.eventId, type: e.type, data: e as unknown as Record<string, unknown> }],
        expectedVersion: 'any',
      })),
    );
    return this.events.length;
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.streamId === stream);
  }

  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromPosition ?? 0;
    return this.events.filter((e) => e.position > from).slice(0, options.limit ?? Infinity);
  }

  async *iterateAll(options: ReadOptions & { pageSize?: number } = {}): AsyncIterable<StoredEvent[]> {
    let from = options.fromPosition ?? 0;
    for (;;) {
      const page = await this.readAll({ fromPosition: from, limit: options.pageSize ?? 100 });
      if (!page.length) return;
      yield page;
      from = page[page.length - 1].position;
    }
  }

  subscribe(fromPosition = 0): Subscription {
    let closed = false;
    let wake: (() => void) | undefined;
    const listener = () => wake?.();
    this.listeners.add(listener);
    const log = this.events;
    async function* run(): AsyncGenerator<StoredEvent> {
      let at = fromPosition;
      while (!closed) {
        const next = log.find((e) => e.position > at);
        if (next) {
          at = next.position;
          yield next;
          continue;
        }
        await new Promise<void>((r) => (wake = r));
      }
    }
    const iterator = run();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        this.listeners.delete(listener);
        wake?.();
      },
    };
  }

  async headPosition(): Promise<number> {
    return this.events.length;
  }

  async identity(): Promise<LogIdentity> {
    const head = this.events[this.events.length - 1];
    return { logId: this.logId, headPosition: head?.position ?? 0, headHash: head?.hash ?? GENESIS_HASH };
  }

  async hashAt(position: number): Promise<string | null> {
    if (position <= 0) return GENESIS_HASH;
    return this.events.find((e) => e.position === position)?.hash ?? null;
  }

  async verifyChain(): Promise<ChainVerification> {
    let previous = GENESIS_HASH;
    for (const [i, e] of this.events.entries()) {
      const hash = chainHash(previous, e);
      if (hash !== e.hash) return { ok: false, checked: i, brokenAt: e.position, reason: 'hash-mismatch' };
      previous = hash;
    }
    const identity = await this.identity();
    return { ok: true, checked: this.events.length, headPosition: identity.headPosition, headHash: identity.headHash };
  }

  async close(): Promise<void> {}
}
