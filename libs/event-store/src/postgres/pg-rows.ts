import { chainedFieldsOrNull, toStoredEvent, type EventTuple } from '../event-row';
import type { ChainedFields } from '../chain';
import type { StoredEvent } from '../event-store.port';

export { EVENT_COLUMNS } from '../event-row';

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

/** A bigint column as a number; positions and versions stay far below 2^53, but never silently round. */
export function toSafeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError('a position or version exceeds 2^53 - 1');
  return n;
}

/** The row as the SQLite adapter reads it (event-row.ts): numbers for the bigints, ISO text for the time. */
export function asTuple(row: EventRow): EventTuple {
  return [toSafeNumber(row[0]), row[1], toSafeNumber(row[2]), row[3], row[4], row[5], row[6], row[7].toISOString(), row[8]];
}

export const toStoredEventFromPg = (row: EventRow): StoredEvent => toStoredEvent(asTuple(row));

/** A row as the chain covers it; null when its data is not JSON any more (it cannot match its hash). */
export const chainedFieldsFromPg = (row: EventRow): ChainedFields | null => chainedFieldsOrNull(asTuple(row));
