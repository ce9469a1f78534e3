import type { ChainedFields } from './chain';
import type { StoredEvent } from './event-store.port';

/**
 * A row of an SQL adapter's `events` table in EVENT_COLUMNS order, as an array: better-sqlite3 in raw
 * mode returns it so (an array per row instead of an object with eight named properties: reading and
 * parsing 1 M events took 2.7 s instead of 3.8, BENCHMARKS.md); PostgreSQL's rows are brought to it by
 * pg-rows.ts. Both adapters then read a stored event and its chained fields by the functions below.
 */
export type EventTuple = [
  position: number,
  streamId: string,
  version: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string | null,
  recordedAt: string,
  hash: string | null,
];

export const EVENT_COLUMNS = 'position, stream_id, version, event_id, type, data, metadata, recorded_at, hash';

/** The fields of a stored row the chain covers (chain.ts), parsed as the store returns them; throws when data is not JSON. */
export function chainedFields(row: EventTuple): ChainedFields {
  return {
    streamId: row[1],
    version: row[2],
    eventId: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as unknown,
    metadata: row[6] === null ? undefined : (JSON.parse(row[6]) as unknown),
    recordedAt: row[7],
  };
}

/** A row as the chain covers it; null when its data is not JSON any more (it cannot match its hash). */
export function chainedFieldsOrNull(row: EventTuple): ChainedFields | null {
  try {
    return chainedFields(row);
  } catch {
    return null;
  }
}

export function toStoredEvent(row: EventTuple): StoredEvent {
  const event: StoredEvent = {
    position: row[0],
    streamId: row[1],
    version: row[2],
    eventId: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as Record<string, unknown>,
    recordedAt: row[7],
  };
  if (row[6] !== null) event.metadata = JSON.parse(row[6]) as Record<string, unknown>;
  if (row[8] !== null) event.hash = row[8];
  return event;
}

/** One page of rows after another, from `fromPosition`, until `limit` events or the end of the log (EventStore.iterateAll). */
export async function* pagesAfter(
  readPage: (after: number, limit: number) => Promise<StoredEvent[]> | StoredEvent[],
  options: { fromPosition?: number; limit?: number; pageSize?: number },
  defaultPageSize: number,
): AsyncIterable<StoredEvent[]> {
  const pageSize = options.pageSize ?? defaultPageSize;
  let remaining = options.limit ?? Infinity;
  let at = options.fromPosition ?? 0;
  while (remaining > 0) {
    const page = await readPage(at, Math.min(pageSize, remaining));
    if (page.length === 0) return;
    remaining -= page.length;
    at = page[page.length - 1].position;
    yield page;
  }
}
