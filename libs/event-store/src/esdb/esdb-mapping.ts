import {
  ANY,
  ErrorType,
  NO_STREAM,
  START,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { eventDigest } from '../chain';
import { WrongExpectedVersionError, type ExpectedVersion, type StoredEvent } from '../event-store.port';

/** Our versions are 0-based like ESDB revisions; -1 / 'no_stream' is ESDB's NO_STREAM. */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  return BigInt(expected);
}

export function fromCurrentRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? -1 : Number(current);
}

/**
 * A port position is an ESDB commit position. This adapter never uses explicit ESDB transactions,
 * so each event's commit and prepare positions are equal and one number is enough to resume from.
 */
export function toReadPosition(position: number): ReadPosition {
  if (position <= 0) return START;
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/**
 * System events ($stats, $metadata, projections' links...) and binary events written by other
 * tools are not part of the Ashiato log; skipping them keeps a subscription from failing on them.
 */
export function isSystemEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  return !event || !event.isJson || event.type.startsWith('$') || event.streamId.startsWith('$');
}

export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent {
  const event = resolved.event;
  if (!event || !event.isJson) throw new Error('not a JSON event');
  // Streams read from a stream (not $all) carry a position only on servers >= 22.6; 0 means unknown.
  const commit = event.position?.commit ?? resolved.commitPosition ?? 0n;
  const stored: StoredEvent = {
    position: Number(commit),
    streamId: event.streamId,
    version: Number(event.revision),
    eventId: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    recordedAt: event.created.toISOString(),
  };
  const metadata = event.metadata;
  if (metadata && typeof metadata === 'object' && !(metadata instanceof Uint8Array) && !Array.isArray(metadata)) {
    stored.metadata = metadata as Record<string, unknown>;
  }
  // No chain on ESDB (the adapter cannot read the previous hash and append atomically): the event's own digest.
  stored.hash = eventDigest(stored);
  return stored;
}

interface EsdbWrongExpectedVersion {
  type: ErrorType.WRONG_EXPECTED_VERSION;
  streamName: string;
  actualVersion: CurrentRevision;
}

export function isEsdbWrongExpectedVersion(error: unknown): error is EsdbWrongExpectedVersion {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isStreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND;
}

export function toWrongExpectedVersion(stream: string, expected: ExpectedVersion, error: EsdbWrongExpectedVersion): WrongExpectedVersionError {
  return new WrongExpectedVersionError(stream, expected, fromCurrentRevision(error.actualVersion));
}
