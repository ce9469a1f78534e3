/** Reads the EventStoreDB adapter needs besides the port's own: the log's identity and a stream's newest events. */
import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, FORWARDS, NO_STREAM, jsonEvent, type EventStoreDBClient, type StreamingRead } from '@eventstore/db-client';
import { isEsdbWrongExpectedVersion, isStreamNotFound } from './esdb-mapping';

/**
 * The stream holding the log's identity (one `LogCreated` event with a random `logId`). Its name starts
 * with `$`, so readers of $all skip it like any system stream; on a secured server the connecting user
 * needs write access to it once, when the log is first used.
 */
export const IDENTITY_STREAM = '$ashiato-log';

/** The id in IDENTITY_STREAM, written first if the stream does not exist (one writer wins a race). */
export async function ensureLogId(client: EventStoreDBClient): Promise<string> {
  const found = await storedLogId(client);
  if (found) return found;
  const logId = randomUUID();
  try {
    await client.appendToStream(IDENTITY_STREAM, jsonEvent({ type: 'LogCreated', data: { logId, createdAt: new Date().toISOString() } }), {
      expectedRevision: NO_STREAM,
    });
    return logId;
  } catch (error) {
    if (!isEsdbWrongExpectedVersion(error)) throw error;
    const winner = await storedLogId(client);
    if (!winner) throw error;
    return winner;
  }
}

/** readStream skips `$` streams, so the identity stream is read here directly. */
async function storedLogId(client: EventStoreDBClient): Promise<string | undefined> {
  try {
    for await (const resolved of client.readStream(IDENTITY_STREAM, { direction: FORWARDS, fromRevision: BigInt(0), maxCount: 1 })) {
      const logId = (resolved.event?.data as { logId?: unknown } | undefined)?.logId;
      if (typeof logId === 'string') return logId;
    }
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  return undefined;
}

/** Consumes a read until `accept` returns false, then cancels the gRPC call (breaking alone does not). */
export async function take<E>(read: StreamingRead<E>, accept: (event: E) => boolean): Promise<void> {
  let stopped = false;
  try {
    for await (const event of read) {
      if (!accept(event)) {
        stopped = true;
        break;
      }
    }
  } finally {
    if (stopped) await read.cancel().catch(() => undefined);
  }
}

export interface StreamTail {
  version: number;
  eventIds: Set<string>;
  /** The newest events' type and data by eventId, to tell a retry from a conflicting reuse of an id. */
  contents: Map<string, { type: string; data: unknown }>;
}

/** The stream's current version and the ids of its newest events (for duplicate detection). */
export async function readTail(client: EventStoreDBClient, stream: string, maxCount: number): Promise<StreamTail> {
  const tail: StreamTail = { version: -1, eventIds: new Set(), contents: new Map() };
  const read = client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: Math.max(1, maxCount) });
  try {
    for await (const resolved of read) {
      if (!resolved.event) continue;
      tail.version = Math.max(tail.version, Number(resolved.event.revision));
      tail.eventIds.add(resolved.event.id);
      if (resolved.event.isJson) tail.contents.set(resolved.event.id, { type: resolved.event.type, data: resolved.event.data });
    }
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  return tail;
}
