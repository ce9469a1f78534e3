import { streamOf, type AshiatoEvent, type IngestWarning } from '@ashiato/domain';
import { BatchPartlyWrittenError, type AppendRequest, type EventStore, type EventToAppend, type StoreGuarantees } from '@ashiato/event-store';
import { ApiError } from '../errors/api-error';

/** A partly written batch lists at most this many of the events it did not store. */
const MAX_LISTED = 1000;

export interface IngestResult {
  /** Events stored by this call. */
  accepted: number;
  /** Events skipped because their eventId was already stored. */
  duplicates: number;
  /** Log position to pass as `?minPosition=` to read your own writes. */
  lastPosition: number;
  /** Stored events someone should look at (unknown controller or item, dated in the future). */
  warnings?: IngestWarning[];
  /**
   * Only where the event store gives less than atomic batches and global idempotency (EventStoreDB):
   * what it does give, so that the answer does not promise more than was done.
   */
  guarantees?: Pick<StoreGuarantees, 'adapter' | 'atomicBatch' | 'idempotency' | 'duplicateWindow'>;
}

/**
 * Appends a validated batch as one unit: events are grouped by stream (in order of first
 * appearance, keeping their order within a stream) and written with a single `appendBatch`, so
 * either every event of the batch is stored or none is. eventIds make a retried batch a no-op.
 * `json[i]`, when given, is the exact JSON text `events[i]` was parsed from: it is stored as is.
 * On an adapter without atomic batches (EventStoreDB) a failure after some streams were stored is
 * answered 409 (a concurrent write) or 503 `BATCH_PARTLY_WRITTEN`, listing the events not stored, and
 * a success names the adapter's guarantees.
 */
export async function appendEvents(store: EventStore, events: readonly AshiatoEvent[], json?: readonly (string | undefined)[]): Promise<IngestResult> {
  if (!events.length) return { accepted: 0, duplicates: 0, lastPosition: await store.headPosition() };
  const byStream = new Map<string, AppendRequest>();
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const stream = streamOf(event);
    let request = byStream.get(stream);
    if (!request) {
      request = { stream, events: [], expectedVersion: 'any' };
      byStream.set(stream, request);
    }
    // The event itself is the data (the store only serialises it); no copy per event.
    const toAppend: EventToAppend = { eventId: event.eventId, type: event.type, data: event as unknown as Record<string, unknown> };
    const text = json?.[i];
    if (text !== undefined) toAppend.json = text;
    request.events.push(toAppend);
  }
  const result = await store.appendBatch([...byStream.values()]).catch((error: unknown) => {
    throw error instanceof BatchPartlyWrittenError ? partlyWritten(error, events) : error;
  });
  const answer: IngestResult = { accepted: result.appended, duplicates: result.duplicates, lastPosition: result.lastPosition };
  const { adapter, atomicBatch, idempotency, duplicateWindow } = store.guarantees;
  if (!atomicBatch || idempotency !== 'global')
    answer.guarantees = { adapter, atomicBatch, idempotency, ...(duplicateWindow !== undefined ? { duplicateWindow } : {}) };
  return answer;
}

function partlyWritten(error: BatchPartlyWrittenError, events: readonly AshiatoEvent[]): ApiError {
  const written = new Set(error.writtenStreams);
  const notStored: number[] = [];
  events.forEach((event, index) => written.has(streamOf(event)) || notStored.push(index));
  const concurrent = (error.failure as { code?: unknown } | null)?.code === 'WRONG_EXPECTED_VERSION';
  return new ApiError(
    concurrent ? 409 : 503,
    'BATCH_PARTLY_WRITTEN',
    `${events.length - notStored.length} of ${events.length} events were stored before the event store failed ` +
      `(${concurrent ? 'a concurrent write' : 'unavailable'}; this event store appends stream by stream); ` +
      'sending the same batch again stores the rest, the stored events count as duplicates',
    notStored.slice(0, MAX_LISTED).map((index) => ({ index, path: '', message: 'not stored' })),
  );
}
