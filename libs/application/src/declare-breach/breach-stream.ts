import { streamOf, type BreachEvent } from '@ashiato/domain';
import { WrongExpectedVersionError, type EventStore, type ExpectedVersion } from '@ashiato/event-store';
import { ApiError, notFound } from '../errors/api-error';

export interface BreachWriteResult {
  breachId: string;
  eventId: string;
  /** Pass as `?minPosition=` to read this write back. */
  lastPosition: number;
}

/** The breach stream's current version; 404 when the breach was never declared. */
export async function breachVersion(store: EventStore, breachId: string): Promise<number> {
  const events = await store.readStream(`breach-${breachId}`);
  if (!events.length) throw notFound('no breach with this id is declared');
  return events[events.length - 1].version;
}

/** Appends one event to `breach-<id>` at the version read; a concurrent write is a 409. */
export async function appendBreachEvent(store: EventStore, event: BreachEvent, expected: ExpectedVersion): Promise<BreachWriteResult> {
  try {
    const r = await store.append(streamOf(event), [{ eventId: event.eventId, type: event.type, data: { ...event } }], expected);
    return { breachId: event.breachId, eventId: event.eventId, lastPosition: r.lastPosition };
  } catch (err) {
    if (err instanceof WrongExpectedVersionError) {
      throw new ApiError(
        409,
        'WRONG_EXPECTED_VERSION',
        expected === 'no_stream' ? 'a breach with this breachId is already declared' : 'the breach changed meanwhile; retry',
      );
    }
    throw err;
  }
}
