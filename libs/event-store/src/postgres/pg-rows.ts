import type { ChainedFields } from '../chain';
import type { StoredEvent } from '../event-store.port';

/** A row of `events` in EVENT_COLUMNS order (rowMode 'array'; bigints arrive as strings). */
export type EventRow = [
  position: string,
  streamId: string,
  version: string,
  eventId: string,
  type: string,
  data: string,
  metadata: string | null,
  recordedAt: Date,
  hash: string | null,
];

export const EVENT_COLUMNS = 'position, stream_id, version, event_id, type, data, metadata, recorded_at, hash';

/** A bigint column as a number; positions and versions stay far below 2^53, but never silently round. */
export function toSafeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError('a position or version exceeds 2^53 - 1');
  return n;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    position: toSafeNumber(row[0]),
    streamId: row[1],
    version: toSafeNumber(row[2]),
    eventId: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as Record<string, unknown>,
    recordedAt: row[7].toISOString(),
  };
  if (row[6] !== null) event.metadata = JSON.parse(row[6]) as Record<string, unknown>;
  if (row[8] !== null) event.hash = row[8];
  return event;
}

/** A row as the chain covers it; null when its data is not JSON any more (it cannot match its hash). */
export function chainedFields(row: EventRow): ChainedFields | null {
  try {
    return {
      streamId: row[1],
      version: Number(row[2]),
      eventId: row[3],
      type: row[4],
      data: JSON.parse(row[5]) as unknown,
      metadata: row[6] === null ? undefined : (JSON.parse(row[6]) as unknown),
      recordedAt: row[7].toISOString(),
    };
  } catch {
    return null;
  }
}

/**
 * The PostgreSQL adapter (EVENTSTORE_URL=postgres://…): one `events` table with a dense global
 * position, a unique eventId and a unique (stream, version), written by serialised transactions
 * (pg-appender.ts); subscriptions are woken by LISTEN/NOTIFY and poll as a fallback (pg-notifier.ts).
 * The tables are created and upgraded by numbered migrations when the store first connects (pg-schema.ts).
 */
