import { streamOf, type AshiatoEvent } from '@ashiato/domain';
import type { AppendRequest, EventStore } from '@ashiato/event-store';

export interface IngestResult {
  /** Events stored by this call. */
  accepted: number;
  /** Events skipped because their eventId was already stored. */
  duplicates: number;
  /** Log position to pass as `?minPosition=` to read your own writes. */
  lastPosition: number;
}

/**
 * Appends a validated batch as one unit: events are grouped by stream (in order of first
 * appearance, keeping their order within a stream) and written with a single `appendBatch`, so
 * either every event of the batch is stored or none is. eventIds make a retried batch a no-op.
 */
export async function appendEvents(store: EventStore, events: readonly AshiatoEvent[]): Promise<IngestResult> {
  if (!events.length) return { accepted: 0, duplicates: 0, lastPosition: await store.headPosition() };
  const byStream = new Map<string, AppendRequest>();
  for (const event of events) {
    const stream = streamOf(event);
    let request = byStream.get(stream);
    if (!request) {
      request = { stream, events: [], expectedVersion: 'any' };
      byStream.set(stream, request);
    }
    request.events.push({ eventId: event.eventId, type: event.type, data: { ...event } as Record<string, unknown> });
  }
  const result = await store.appendBatch([...byStream.values()]);
  return { accepted: result.appended, duplicates: result.duplicates, lastPosition: result.lastPosition };
}
