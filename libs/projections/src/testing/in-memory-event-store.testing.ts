import type { AshiatoEvent } from '@ashiato/domain';
import { streamOf } from '@ashiato/domain';
import type { AppendRequest, AppendResult, EventStore, EventToAppend, ExpectedVersion, ReadOptions, StoredEvent, Subscription } from '@ashiato/event-store';

/** Test support: the EventStore port in memory (no version checks), enough to drive the projection engine. */
export class InMemoryEventStore implements EventStore {
  readonly events: StoredEvent[] = [];
  private readonly listeners = new Set<() => void>();

  async append(stream: string, events: EventToAppend[], _expected: ExpectedVersion): Promise<AppendResult> {
    return this.appendBatch([{ stream, events, expectedVersion: 'any' }]);
  }

  async appendBatch(requests: AppendRequest[]): Promise<AppendResult> {
    let appended = 0;
    for (const r of requests) {
      for (const e of r.events) {
        if (this.events.some((s) => s.eventId === e.eventId)) continue;
        const version = this.events.filter((s) => s.streamId === r.stream).length;
        this.events.push({ position: this.events.length + 1, streamId: r.stream, version, eventId: e.eventId, type: e.type, data: e.data, recordedAt: new Date(0).toISOString() });
        appended++;
      }
    }
    for (const l of this.listeners) l();
    return { appended, duplicates: 0, lastPosition: this.events.length, nextExpectedVersions: [] };
  }

  /** Appends contract events, each to its own stream. */
  async add(...events: AshiatoEvent[]): Promise<number> {
    await this.appendBatch(events.map((e) => ({ stream: streamOf(e), events: [{ eventId: e.eventId, type: e.type, data: e as unknown as Record<string, unknown> }], expectedVersion: 'any' })));
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

  async close(): Promise<void> {}
}
