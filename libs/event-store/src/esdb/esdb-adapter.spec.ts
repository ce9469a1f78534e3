import { PassThrough } from 'node:stream';
import { ANY, NO_STREAM, START, type AllStreamResolvedEvent, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import { BatchPartlyWrittenError, type StoredEvent } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';
import { eventDigest } from '../chain';
import { toExpectedRevision, toReadPosition, toStoredEvent } from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';

/** No ESDB server runs here: these specs pin the mapping and the subscription wrapper without one. */
function resolved(commit: number, overrides: Partial<{ type: string; streamId: string; isJson: boolean }> = {}): AllStreamResolvedEvent {
  return {
    event: {
      streamId: overrides.streamId ?? 'subject-abc',
      id: `00000000-0000-4000-8000-${String(commit).padStart(12, '0')}`,
      isJson: overrides.isJson ?? true,
      revision: 3n,
      type: overrides.type ?? 'DataUsed',
      created: new Date('2025-04-01T00:00:00Z'),
      data: { n: commit },
      metadata: { batch: 'b1' },
      position: { commit: BigInt(commit), prepare: BigInt(commit) },
    },
    commitPosition: BigInt(commit),
  } as AllStreamResolvedEvent;
}

function fakeSubscription(): AllStreamSubscription & { unsubscribed: boolean } {
  const stream = new PassThrough({ objectMode: true }) as unknown as AllStreamSubscription & { unsubscribed: boolean };
  stream.unsubscribed = false;
  stream.unsubscribe = async () => {
    stream.unsubscribed = true;
  };
  return stream;
}

describe('EventStoreDB mapping', () => {
  it('maps expected versions to ESDB revisions', () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toExpectedRevision(-1)).toBe(NO_STREAM);
    expect(toExpectedRevision(4)).toBe(4n);
  });

  it('resumes from a commit position, or from the start for position 0', () => {
    expect(toReadPosition(0)).toBe(START);
    expect(toReadPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('turns a recorded event into a stored event with its commit position and its own digest', () => {
    const stored = toStoredEvent(resolved(77));
    const { hash, ...rest } = stored;
    expect(hash).toBe(eventDigest(rest));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(toStoredEvent(resolved(78)).hash).not.toBe(hash);
    expect(rest).toEqual({
      position: 77,
      streamId: 'subject-abc',
      version: 3,
      eventId: '00000000-0000-4000-8000-000000000077',
      type: 'DataUsed',
      data: { n: 77 },
      metadata: { batch: 'b1' },
      recordedAt: '2025-04-01T00:00:00.000Z',
    });
  });
});

describe('EventStoreDB subscription wrapper', () => {
  it('delivers Ashiato events after the start position in order, skipping system and binary events', async () => {
    const source = fakeSubscription();
    const subscription = new EsdbSubscription(source, 10);
    source.push(resolved(10));
    source.push(resolved(11, { type: '$metadata' }));
    source.push(resolved(12, { streamId: '$stats-127.0.0.1:2113' }));
    source.push(resolved(13, { isJson: false }));
    source.push(resolved(14));
    source.push(resolved(15));
    const iterator = subscription[Symbol.asyncIterator]();
    const got: StoredEvent[] = [(await iterator.next()).value, (await iterator.next()).value];
    expect(got.map((e) => e.position)).toEqual([14, 15]);
    await subscription.close();
  });

  it('close() ends a consumer waiting for the next event and cancels the server subscription', async () => {
    const source = fakeSubscription();
    const subscription = new EsdbSubscription(source, 0);
    const waiting = subscription[Symbol.asyncIterator]().next();
    await subscription.close();
    await expect(waiting).resolves.toMatchObject({ done: true });
    expect(source.unsubscribed).toBe(true);
  });

  it('passes a server error on to the consumer', async () => {
    const source = fakeSubscription();
    const subscription = new EsdbSubscription(source, 0);
    const waiting = subscription[Symbol.asyncIterator]().next();
    source.destroy(Object.assign(new Error('unavailable'), { type: 'unavailable' }));
    await expect(waiting).rejects.toThrow('unavailable');
  });
});

describe('EventStoreDB appendBatch (no multi-stream transaction)', () => {
  /** A client whose streams are empty and whose appends succeed until `failAt` (0-based call index). */
  function fakeClient(failAt: number, failure: unknown): { client: EventStoreDBClient; appendedTo: string[] } {
    const appendedTo: string[] = [];
    const client = {
      readStream: () => (async function* () {})(),
      appendToStream: async (stream: string) => {
        if (appendedTo.length === failAt) throw failure;
        appendedTo.push(stream);
        return { success: true, position: { commit: BigInt(100 * appendedTo.length), prepare: 0n } };
      },
    } as unknown as EventStoreDBClient;
    return { client, appendedTo };
  }
  const batch = (streams: string[]) =>
    streams.map((stream, i) => ({ stream, events: [{ eventId: `e-${i}`, type: 'DataUsed', data: { i } }], expectedVersion: 'any' as const }));

  it('says what it guarantees: no atomic batch, idempotency within a window, no hash chain', () => {
    const store = new EsdbEventStore({ connectionString: 'esdb://unused:2113?tls=false', duplicateWindow: 500 }, fakeClient(-1, null).client);
    expect(store.guarantees).toEqual({
      adapter: 'eventstoredb',
      atomicBatch: false,
      idempotency: 'window',
      duplicateWindow: 500,
      positions: 'increasing',
      tamperEvident: false,
    });
  });

  it('names the streams already stored when a later stream fails, rather than reporting a plain failure', async () => {
    const lost = new Error('connection lost');
    const { client, appendedTo } = fakeClient(2, lost);
    const store = new EsdbEventStore({ connectionString: 'esdb://unused:2113?tls=false' }, client);
    const error = await store.appendBatch(batch(['subject-a', 'subject-b', 'subject-c'])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchPartlyWrittenError);
    expect(error).toMatchObject({ code: 'BATCH_PARTLY_WRITTEN', writtenStreams: ['subject-a', 'subject-b'], failure: lost });
    expect(appendedTo).toEqual(['subject-a', 'subject-b']);
  });

  it('passes the failure on as it is when nothing was stored yet', async () => {
    const lost = new Error('connection lost');
    const store = new EsdbEventStore({ connectionString: 'esdb://unused:2113?tls=false' }, fakeClient(0, lost).client);
    await expect(store.appendBatch(batch(['subject-a', 'subject-b']))).rejects.toBe(lost);
  });
});
