import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@ashiato/event-store';
import { SubjectHasher, IngestEventsCommand, IngestEventsHandler } from '@ashiato/application';
import { BrokerIngest } from './broker-ingest';
import type { BrokerMessage, EventSource, Rejection } from './broker.port';

/** A broker in memory that records what happened, in order. */
class FakeSource implements EventSource {
  readonly journal: string[] = [];
  readonly letters: { origin: string; body: string; rejection: Rejection }[] = [];
  /** Batches the next fetches answer, in order; then nothing. */
  readonly queued: BrokerMessage[][] = [];
  async fetch(): Promise<BrokerMessage[]> {
    const batch = this.queued.shift() ?? [];
    this.journal.push(`fetch ${batch.length}`);
    return batch;
  }
  async deadLetter(message: BrokerMessage, rejection: Rejection): Promise<void> {
    this.journal.push(`dead-letter ${message.origin}`);
    this.letters.push({ origin: message.origin, body: new TextDecoder().decode(message.data), rejection });
  }
  async ack(messages: readonly BrokerMessage[]): Promise<void> {
    this.journal.push(`ack ${messages.map((m) => m.origin).join(',')}`);
  }
  async close(): Promise<void> {}
}

const message = (origin: string, body: unknown): BrokerMessage => ({
  origin,
  data: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
});
const acquired = (overrides: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type: 'DataAcquired',
  occurredAt: '2026-04-01T09:30:00+09:00',
  controller: 'jcert',
  subjectRef: `hmac:${'a'.repeat(64)}`,
  items: ['email'],
  source: { kind: 'subject' },
  ...overrides,
});
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('broker ingest: one batch of messages', () => {
  let store: SqliteEventStore;
  let source: FakeSource;
  let ingest: BrokerIngest;
  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
    source = new FakeSource();
    const handler = new IngestEventsHandler(store, { futureSkewMs: 300_000 });
    const journaled = async (...args: ConstructorParameters<typeof IngestEventsCommand>) => {
      const result = await handler.execute(new IngestEventsCommand(...args));
      source.journal.push(`stored ${result.accepted}`);
      return result;
    };
    ingest = new BrokerIngest(source, journaled, new SubjectHasher('unit-test-hmac-key-0123456789abcdef'), silent);
  });
  afterEach(() => store.close());

  it('stores valid events once, dead-letters invalid ones with their field errors, and acknowledges only afterwards', async () => {
    const a = acquired();
    const b = acquired();
    await ingest.handle([
      message('s:1', a),
      message('s:2', { ...acquired(), occurredAt: 'soon' }),
      message('s:3', b),
      message('s:4', a),
      message('s:5', '{"type":'),
    ]);
    expect((await store.readAll()).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
    expect(source.letters.map((l) => [l.origin, l.rejection.code])).toEqual([
      ['s:5', 'MALFORMED_JSON'],
      ['s:2', 'VALIDATION_FAILED'],
    ]);
    expect(source.letters[1].rejection.errors).toEqual([{ path: 'occurredAt', message: expect.any(String) }]);
    expect(source.letters[0].body).toBe('{"type":');
    // The repeat of `a` in the same batch is a duplicate, not an invalid event; the ack comes last.
    expect(source.journal).toEqual(['stored 2', 'stored 0', 'dead-letter s:5', 'dead-letter s:2', 'ack s:1,s:2,s:3,s:4,s:5']);
    expect(ingest.totals).toMatchObject({ messages: 5, stored: 2, duplicates: 1, deadLettered: 2 });
  });

  it('dead-letters an eventId already stored with other content as EVENT_ID_CONFLICT and stores the rest of the batch', async () => {
    const a = acquired();
    await ingest.handle([message('s:1', a)]);
    const other = acquired();
    await ingest.handle([message('s:2', other), message('s:3', { ...a, items: ['name'] }), message('s:4', a)]);
    expect((await store.readAll()).map((e) => e.eventId)).toEqual([a.eventId, other.eventId]);
    expect(source.letters.map((l) => [l.origin, l.rejection.code])).toEqual([['s:3', 'EVENT_ID_CONFLICT']]);
  });

  it('stores a subject given by e-mail only as its keyed HMAC, and the dead letter of a bad one names fields, not values', async () => {
    await ingest.handle([
      message('s:1', acquired({ subjectRef: undefined, subject: { email: 'hanako@example.jp' } })),
      message('s:2', acquired({ subject: { email: 'taro@example.jp' } })),
    ]);
    const [stored] = await store.readAll();
    expect(JSON.stringify(stored.data)).not.toContain('example.jp');
    expect(stored.data.subjectRef).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(JSON.stringify(source.letters[0].rejection)).not.toContain('taro');
  });

  it('acknowledges nothing when the store fails: the batch comes again', async () => {
    await store.close();
    await expect(ingest.handle([message('s:1', acquired())])).rejects.toBeDefined();
    expect(source.journal.filter((j) => j.startsWith('ack'))).toEqual([]);
    store = new SqliteEventStore({ path: ':memory:' });
  });

  it('stops on request only after the batch in hand is stored and acknowledged', async () => {
    const first = acquired();
    source.queued.push([message('s:1', first)], [message('s:2', acquired())]);
    const stop = new AbortController();
    const fetch = source.fetch.bind(source);
    source.fetch = async () => {
      const batch = await fetch();
      stop.abort();
      return batch;
    };
    await ingest.run(10, stop.signal);
    expect((await store.readAll()).map((e) => e.eventId)).toEqual([first.eventId]);
    expect(source.journal).toEqual(['fetch 1', 'stored 1', 'ack s:1']);
  });

  it('stores events the API would warn about and logs the warnings as counts per code, without event content', async () => {
    const lines: string[] = [];
    const logger = { log: () => undefined, warn: (m: string) => lines.push(m), error: () => undefined };
    const handler = new IngestEventsHandler(store, { futureSkewMs: 300_000 });
    const warned = new BrokerIngest(
      source,
      (e, j) => handler.execute(new IngestEventsCommand(e, j)),
      new SubjectHasher('unit-test-hmac-key-0123456789abcdef'),
      logger,
    );
    await warned.handle([message('s:1', acquired({ controller: 'no-such-controller' }))]);
    expect(await store.headPosition()).toBe(1);
    expect(lines).toEqual(['stored 1 event(s) with 1 warning(s): UNKNOWN_CONTROLLER 1']);
  });
});
