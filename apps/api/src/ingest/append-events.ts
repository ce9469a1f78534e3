import { streamOf, type AshiatoEvent, type IngestWarning } from '@ashiato/domain';
import type { AppendRequest, EventStore, EventToAppend } from '@ashiato/event-store';

export interface IngestResult {
  /** Events stored by this call. */
  accepted: number;
  /** Events skipped because their eventId was already stored. */
  duplicates: number;
  /** Log position to pass as `?minPosition=` to read your own writes. */
  lastPosition: number;
  /** Stored events someone should look at (unknown controller or item, dated in the future). */
  warnings?: IngestWarning[];
}

/**
 * Appends a validated batch as one unit: events are grouped by stream (in order of first
 * appearance, keeping their order within a stream) and written with a single `appendBatch`, so
 * either every event of the batch is stored or none is. eventIds make a retried batch a no-op.
 * `json[i]`, when given, is the exact JSON text `events[i]` was parsed from: it is stored as is.
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
  const result = await store.appendBatch([...byStream.values()]);
  return { accepted: result.appended, duplicates: result.duplicates, lastPosition: result.lastPosition };
}
