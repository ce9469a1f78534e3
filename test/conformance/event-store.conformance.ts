import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError, type EventStore, type EventToAppend, type StoredEvent } from '@ashiato/event-store';

/** Builds a fresh store for one test; the suite closes it afterwards. */
export type EventStoreFactory = () => EventStore | Promise<EventStore>;

/** Stream names are unique per test so the suite also runs against a shared server (ESDB). */
export function uniqueStream(kind: string): string {
  return `${kind}-${randomUUID()}`;
}

export function someEvents(count: number, type = 'DataUsed'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => {
    const eventId = randomUUID();
    return { eventId, type, data: { eventId, type, n: i }, metadata: { batch: 'conformance' } };
  });
}

const ids = (events: { eventId: string }[]) => events.map((e) => e.eventId);

/** Reads the log after `from`, keeping only the given streams (a shared server holds other events too). */
async function logOf(store: EventStore, from: number, streams: string[]): Promise<StoredEvent[]> {
  const mine = new Set(streams);
  return (await store.readAll({ fromPosition: from })).filter((e) => mine.has(e.streamId));
}

async function take(iterator: AsyncIterator<StoredEvent>, count: number): Promise<StoredEvent[]> {
  const taken: StoredEvent[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    taken.push(next.value);
  }
  return taken;
}

export function describeEventStoreConformance(name: string, factory: EventStoreFactory): void {
  describe(`EventStore conformance: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('rejects a write whose expected version is stale with WrongExpectedVersionError naming stream, expected and actual', async () => {
      const stream = uniqueStream('subject');
      const first = await store.append(stream, someEvents(2), 'no_stream');
      expect(first.nextExpectedVersions).toEqual([1]);

      const stale = store.append(stream, someEvents(1), 0);
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(stale).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', stream, expected: 0, actual: 1 });
      await expect(store.append(stream, someEvents(1), 'no_stream')).rejects.toMatchObject({ stream, expected: 'no_stream', actual: 1 });
      const missing = uniqueStream('subject');
      await expect(store.append(missing, someEvents(1), 3)).rejects.toMatchObject({ stream: missing, expected: 3, actual: -1 });

      const next = await store.append(stream, someEvents(1), 1);
      expect(next).toMatchObject({ appended: 1, duplicates: 0, nextExpectedVersions: [2] });
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([0, 1, 2]);
      expect(await store.readStream(missing)).toEqual([]);
    });

    it('appends nothing twice when a batch is retried with the same eventIds, and reports the duplicates', async () => {
      const [a, b] = [uniqueStream('subject'), uniqueStream('subject')];
      const before = await store.headPosition();
      const batch = [
        { stream: a, events: someEvents(2), expectedVersion: 'no_stream' as const },
        { stream: b, events: someEvents(1), expectedVersion: 'no_stream' as const },
      ];
      const first = await store.appendBatch(batch);
      expect(first).toMatchObject({ appended: 3, duplicates: 0, nextExpectedVersions: [1, 0] });

      const retry = await store.appendBatch(batch);
      expect(retry).toMatchObject({ appended: 0, duplicates: 3, nextExpectedVersions: [1, 0] });
      expect(retry.lastPosition).toBeGreaterThanOrEqual(first.lastPosition);

      const log = await logOf(store, before, [a, b]);
      expect(ids(log)).toEqual([...ids(batch[0].events), ...ids(batch[1].events)]);
    });

    it('skips stored and repeated eventIds inside one call and appends the rest', async () => {
      const stream = uniqueStream('subject');
      const [x, y, z] = someEvents(3);
      await store.append(stream, [x], 'no_stream');
      const result = await store.append(stream, [x, y, y, z], 'any');
      expect(result).toMatchObject({ appended: 2, duplicates: 2, nextExpectedVersions: [2] });
      expect((await store.readStream(stream)).map((e) => [e.eventId, e.version])).toEqual([
        [x.eventId, 0],
        [y.eventId, 1],
        [z.eventId, 2],
      ]);
    });

    it('writes a batch all or nothing: a conflict on the second stream leaves the first unwritten', async () => {
      const [fresh, existing] = [uniqueStream('subject'), uniqueStream('policy')];
      await store.append(existing, someEvents(1), 'no_stream');
      const head = await store.headPosition();
      const attempt = store.appendBatch([
        { stream: fresh, events: someEvents(2), expectedVersion: 'no_stream' },
        { stream: existing, events: someEvents(1), expectedVersion: 5 },
      ]);
      await expect(attempt).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', stream: existing, expected: 5, actual: 0 });
      expect(await store.readStream(fresh)).toEqual([]);
      expect(await store.readStream(existing)).toHaveLength(1);
      expect(await store.headPosition()).toBe(head);
    });

    it('keeps one global order across streams, with stream versions counting per stream', async () => {
      const [a, b, c] = [uniqueStream('subject'), uniqueStream('subject'), uniqueStream('breach')];
      const before = await store.headPosition();
      const written: string[] = [];
      for (const stream of [a, b, a, c, b, a]) {
        const events = someEvents(1);
        await store.append(stream, events, 'any');
        written.push(events[0].eventId);
      }
      const log = await logOf(store, before, [a, b, c]);
      expect(ids(log)).toEqual(written);
      const positions = log.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(new Set(positions).size).toBe(positions.length);
      expect(log.filter((e) => e.streamId === a).map((e) => e.version)).toEqual([0, 1, 2]);
      expect(log.filter((e) => e.streamId === c).map((e) => e.version)).toEqual([0]);
    });

    it('reads the log after a position (exclusive) and up to a limit, with data and metadata intact', async () => {
      const stream = uniqueStream('subject');
      const events = someEvents(5);
      await store.append(stream, events, 'no_stream');
      const all = (await store.readStream(stream)).map((e) => e.position);
      const page = await store.readAll({ fromPosition: all[1], limit: 2 });
      expect(ids(page)).toEqual(ids(events.slice(2, 4)));
      expect(page[0]).toMatchObject({ streamId: stream, version: 2, type: 'DataUsed', data: events[2].data, metadata: { batch: 'conformance' } });
      expect(Number.isNaN(Date.parse(page[0].recordedAt))).toBe(false);
      expect(await store.readAll({ fromPosition: all[4] })).toEqual([]);
    });

    it('reads one stream from a version with a limit', async () => {
      const stream = uniqueStream('subject');
      const events = someEvents(4);
      await store.append(stream, events.slice(0, 2), 'no_stream');
      await store.append(uniqueStream('subject'), someEvents(1), 'no_stream');
      await store.append(stream, events.slice(2), 1);
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([0, 1, 2, 3]);
      const tail = await store.readStream(stream, { fromVersion: 1, limit: 2 });
      expect(tail.map((e) => [e.version, e.eventId])).toEqual([
        [1, events[1].eventId],
        [2, events[2].eventId],
      ]);
    });

    it('iterates the log in pages that cover every event exactly once', async () => {
      const stream = uniqueStream('subject');
      const before = await store.headPosition();
      const events = someEvents(23);
      for (let i = 0; i < events.length; i += 5) await store.append(stream, events.slice(i, i + 5), 'any');
      const seen: string[] = [];
      let pages = 0;
      for await (const page of store.iterateAll({ fromPosition: before, pageSize: 7 })) {
        expect(page.length).toBeGreaterThan(0);
        expect(page.length).toBeLessThanOrEqual(7);
        pages++;
        seen.push(...ids(page.filter((e) => e.streamId === stream)));
      }
      expect(seen).toEqual(ids(events));
      expect(pages).toBeGreaterThanOrEqual(4);
    });

    it('subscription catches up, then receives later appends in order, and close() ends it', async () => {
      const stream = uniqueStream('subject');
      const before = await store.headPosition();
      const early = someEvents(3);
      await store.append(stream, early, 'no_stream');
      const subscription = store.subscribe(before);
      const iterator = subscription[Symbol.asyncIterator]();
      const mine = async (count: number) => {
        const got: StoredEvent[] = [];
        while (got.length < count) got.push(...(await take(iterator, 1)).filter((e) => e.streamId === stream));
        return got;
      };
      expect(ids(await mine(3))).toEqual(ids(early));

      const late = someEvents(2);
      const pending = mine(4);
      await store.append(stream, late.slice(0, 1), 2);
      await store.append(uniqueStream('subject'), someEvents(1), 'any');
      const later = someEvents(2);
      await store.append(stream, [late[1], ...later], 3);
      const received = await pending;
      expect(ids(received)).toEqual(ids([...late, ...later]));
      expect(received.map((e) => e.version)).toEqual([3, 4, 5, 6]);

      const waiting = iterator.next();
      await subscription.close();
      await expect(waiting).resolves.toMatchObject({ done: true });
    });

    it('subscription from a position delivers only what came after it', async () => {
      const stream = uniqueStream('subject');
      const events = someEvents(4);
      await store.append(stream, events, 'no_stream');
      const [, second] = await store.readStream(stream);
      const subscription = store.subscribe(second.position);
      const got = await take(subscription[Symbol.asyncIterator](), 2);
      await subscription.close();
      expect(ids(got)).toEqual(ids(events.slice(2)));
    });

    it('refuses an eventId stored again with other content (EVENT_ID_CONFLICT) and writes nothing of that batch', async () => {
      const [stream, other] = [uniqueStream('subject'), uniqueStream('subject')];
      const [x] = someEvents(1);
      await store.append(stream, [x], 'no_stream');
      const head = await store.headPosition();
      const changed = { ...x, data: { ...x.data, n: 99 } };
      const attempt = store.appendBatch([
        { stream: other, events: someEvents(1), expectedVersion: 'no_stream' },
        { stream, events: [changed], expectedVersion: 'any' },
      ]);
      await expect(attempt).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT' });
      expect(await store.readStream(other)).toEqual([]);
      expect(await store.headPosition()).toBe(head);
      // The same content again stays a duplicate, also with keys in another order.
      const reordered = { ...x, data: Object.fromEntries(Object.entries(x.data).reverse()) };
      expect(await store.append(stream, [reordered], 'any')).toMatchObject({ appended: 0, duplicates: 1 });
    });

    it('has an identity: a log id that stays, its head, and the hash of the event at a position', async () => {
      const first = await store.identity();
      expect(first.logId).toMatch(/^[0-9a-f-]{36}$/);
      const written = await store.append(uniqueStream('subject'), someEvents(2), 'no_stream');
      const now = await store.identity();
      expect(now).toMatchObject({ logId: first.logId, headPosition: written.lastPosition, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await store.hashAt(written.lastPosition)).toBe(now.headHash);
      const [last] = await store.readAll({ fromPosition: written.lastPosition - 1 });
      expect(last.hash).toBe(now.headHash);
    });

    it('reports the newest position as head, also in append results', async () => {
      const first = await store.append(uniqueStream('subject'), someEvents(2), 'no_stream');
      expect(await store.headPosition()).toBe(first.lastPosition);
      const second = await store.append(uniqueStream('subject'), someEvents(1), 'no_stream');
      expect(second.lastPosition).toBeGreaterThan(first.lastPosition);
      expect(await store.headPosition()).toBe(second.lastPosition);
      const [last] = await store.readAll({ fromPosition: first.lastPosition });
      expect(last.position).toBe(second.lastPosition);
    });
  });
}
