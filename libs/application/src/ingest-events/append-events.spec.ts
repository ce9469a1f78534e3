import { randomUUID } from 'node:crypto';
import type { AshiatoEvent } from '@ashiato/domain';
import {
  BatchPartlyWrittenError,
  esdbGuarantees,
  SqliteEventStore,
  WrongExpectedVersionError,
  type AppendRequest,
  type AppendResult,
  type StoreGuarantees,
} from '@ashiato/event-store';
import { ApiError } from '../errors/api-error';
import { appendEvents } from './append-events';

const acquired = (subjectRef: string): AshiatoEvent =>
  ({
    eventId: randomUUID(),
    type: 'DataAcquired',
    occurredAt: '2026-04-01T09:30:00+09:00',
    controller: 'jcert',
    subjectRef,
    items: ['email'],
    source: { kind: 'subject' },
  }) as unknown as AshiatoEvent;
const ref = (n: number) => `hmac:${String(n).repeat(64).slice(0, 64)}`;

/** A SQLite log that answers as EventStoreDB does: stream by stream, failing on the stream `failOn` (if any). */
class StreamByStreamStore extends SqliteEventStore {
  override readonly guarantees: StoreGuarantees = esdbGuarantees(1000);
  constructor(private readonly failOn?: { index: number; failure: unknown }) {
    super({ path: ':memory:' });
  }
  override async appendBatch(requests: AppendRequest[]): Promise<AppendResult> {
    if (!this.failOn) return super.appendBatch(requests);
    await super.appendBatch(requests.slice(0, this.failOn.index));
    throw new BatchPartlyWrittenError(
      requests.slice(0, this.failOn.index).map((r) => r.stream),
      this.failOn.failure,
    );
  }
}

describe('appendEvents: what the answer promises', () => {
  it('answers as before on an adapter with atomic batches and global idempotency (no guarantees field)', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const result = await appendEvents(store, [acquired(ref(1)), acquired(ref(2))]);
    expect(result).toEqual({ accepted: 2, duplicates: 0, lastPosition: 2 });
    await store.close();
  });

  it("names the adapter's guarantees when batches are not atomic and duplicates are found within a window", async () => {
    const store = new StreamByStreamStore();
    const result = await appendEvents(store, [acquired(ref(1))]);
    expect(result).toEqual({
      accepted: 1,
      duplicates: 0,
      lastPosition: 1,
      guarantees: { adapter: 'eventstoredb', atomicBatch: false, idempotency: 'window', duplicateWindow: 1000 },
    });
    await store.close();
  });

  it('answers 503 BATCH_PARTLY_WRITTEN listing the events not stored when the store fails after some streams', async () => {
    const store = new StreamByStreamStore({ index: 1, failure: new Error('connection lost') });
    const events = [acquired(ref(1)), acquired(ref(2)), acquired(ref(1)), acquired(ref(3))];
    const error = (await appendEvents(store, events).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.toBody()).toMatchObject({ code: 'BATCH_PARTLY_WRITTEN', message: expect.stringMatching(/^2 of 4 events were stored/) });
    expect(error.errors?.map((e) => e.index)).toEqual([1, 3]);
    expect((await store.readAll()).map((e) => e.eventId)).toEqual([events[0].eventId, events[2].eventId]);
    await store.close();
  });

  it('answers 409 when what stopped the batch was a concurrent write', async () => {
    const store = new StreamByStreamStore({ index: 1, failure: new WrongExpectedVersionError(`subject-${ref(2)}`, 'any', 3) });
    const error = (await appendEvents(store, [acquired(ref(1)), acquired(ref(2))]).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(409);
    expect(error.code).toBe('BATCH_PARTLY_WRITTEN');
    expect(error.message).not.toContain(ref(2));
    await store.close();
  });
});
