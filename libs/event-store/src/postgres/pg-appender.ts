import { DatabaseError, type Pool, type PoolClient } from 'pg';
import { chainHash, sameContent } from '../chain';
import { EventIdConflictError, WrongExpectedVersionError, type AppendRequest, type AppendResult, type EventToAppend } from '../event-store.port';
import { NO_STREAM_VERSION, satisfiesExpectedVersion } from '../expected-version';
import { copyRows } from './pg-copy';

/** Thrown in fast mode when the outcome depends on which eventIds are stored: the call is redone checked. */
class NeedsStoredIds extends Error {}

const UNIQUE_VIOLATION = '23505';

/** An event the call will store, with the stream version it gets. */
interface Planned {
  stream: string;
  version: number;
  event: EventToAppend;
}

/**
 * The write path. Every call is one transaction that first locks the single `event_log` row: appends
 * are serialised, so positions are handed out densely (head + 1, head + 2, …) and a later position
 * never commits before an earlier one. A reader that sees position n has seen every position below
 * it: the log has no gaps and a subscription never skips an event that commits late.
 *
 * Under that lock the stream heads are read once per call (no race with another writer is possible),
 * and the new rows go in with one COPY (pg-copy.ts). A 5,000-event batch costs five round trips:
 * BEGIN and the lock, the stream heads, the COPY, the new head with its notification, COMMIT. Every
 * decision (versions, duplicates, conflicts) is taken before the COPY starts; the chain is hashed
 * while the rows stream, so the server stores one chunk while the next is hashed.
 *
 * Idempotency is checked by the unique index on event_id rather than by reading the batch's ids
 * first (a retried batch is the exception, and the read cost as much as the insert of its ids):
 * when the COPY meets a stored eventId, or a stream's expected version does not hold (a retry whose
 * events are all stored is a no-op, not a conflict), the transaction is rolled back and the call is
 * redone in checked mode, which reads the stored ids under the lock and decides event by event as
 * the README says (skip the same content, reject other content with EVENT_ID_CONFLICT).
 */
export class PgAppender {
  private readonly beginAndLock: string;
  private readonly streamHeads: string;
  private readonly storedIds: string;
  private readonly copyTarget: string;
  private readonly setHead: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly channel: string,
  ) {
    this.beginAndLock = `BEGIN; SELECT head_position, head_hash FROM ${schema}.event_log FOR UPDATE`;
    this.streamHeads = `SELECT s.id, (SELECT max(e.version) FROM ${schema}.events e WHERE e.stream_id = s.id) FROM unnest($1::text[]) AS s(id)`;
    this.storedIds = `SELECT event_id, type, data FROM ${schema}.events WHERE event_id = ANY($1::text[])`;
    this.copyTarget = `${schema}.events (position, stream_id, version, event_id, type, data, metadata, recorded_at, hash)`;
    // Delivered to listeners when (and only if) the transaction commits.
    this.setHead = `WITH moved AS (UPDATE ${schema}.event_log SET head_position = $1, head_hash = $2 RETURNING head_position)
      SELECT pg_notify($3, head_position::text) FROM moved`;
  }

  /** All requests commit together or not at all. */
  async append(requests: AppendRequest[]): Promise<AppendResult> {
    try {
      return await this.transaction((client) => this.write(client, requests, false));
    } catch (error) {
      if (!(error instanceof NeedsStoredIds || isStoredEventId(error))) throw error;
      return this.transaction((client) => this.write(client, requests, true));
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async write(client: PoolClient, requests: AppendRequest[], checked: boolean): Promise<AppendResult> {
    const results = (await client.query<[string, string]>({ text: this.beginAndLock, rowMode: 'array' })) as unknown as { rows: [string, string][] }[];
    const [headText, headHash] = results[1].rows[0];
    const head = Number(headText);
    const versions = await this.currentVersions(client, requests);
    const stored = checked ? await this.storedEventIds(client, requests) : undefined;
    const recordedAt = new Date().toISOString();
    const firstOf = new Map<string, { type: string; data: unknown }>();
    for (const r of requests) for (const e of r.events) if (!firstOf.has(e.eventId)) firstOf.set(e.eventId, e);
    if (stored) for (const [eventId, content] of stored) if (!sameContent(content, firstOf.get(eventId)!)) throw new EventIdConflictError(eventId);
    const written = new Set<string>();
    const planned: Planned[] = [];
    const nextExpectedVersions: number[] = [];
    let duplicates = 0;
    for (const { stream, events, expectedVersion } of requests) {
      let version = versions.get(stream) ?? NO_STREAM_VERSION;
      if (!satisfiesExpectedVersion(expectedVersion, version)) {
        // A retried request whose events are all stored already is not a conflict: it is a no-op.
        if (events.length > 0 && !stored) throw new NeedsStoredIds();
        if (events.length === 0 || !events.every((e) => stored!.has(e.eventId) || written.has(e.eventId))) {
          throw new WrongExpectedVersionError(stream, expectedVersion, version);
        }
        duplicates += events.length;
        nextExpectedVersions.push(version);
        continue;
      }
      for (const event of events) {
        if (stored?.has(event.eventId) || written.has(event.eventId)) {
          const earlier = stored?.get(event.eventId) ?? firstOf.get(event.eventId)!;
          if (!sameContent(earlier, event)) throw new EventIdConflictError(event.eventId);
          duplicates++;
          continue;
        }
        written.add(event.eventId);
        planned.push({ stream, version: ++version, event });
      }
      versions.set(stream, version);
      nextExpectedVersions.push(version);
    }
    const appended = planned.length;
    const lastPosition = head + appended;
    if (appended > 0) {
      const chain = { previous: headHash };
      const copied = await copyRows(client, this.copyTarget, rowsOf(planned, head, recordedAt, chain));
      if (copied !== appended) throw new Error(`the log took ${copied} of ${appended} rows`);
      await client.query(this.setHead, [String(lastPosition), chain.previous, this.channel]);
    }
    return { appended, duplicates, lastPosition, nextExpectedVersions };
  }

  private async currentVersions(client: PoolClient, requests: AppendRequest[]): Promise<Map<string, number>> {
    const streams = [...new Set(requests.map((r) => r.stream))];
    const { rows } = await client.query<[string, string | null]>({ text: this.streamHeads, values: [streams], rowMode: 'array' });
    const versions = new Map<string, number>();
    for (const [stream, version] of rows) if (version !== null) versions.set(stream, Number(version));
    return versions;
  }

  /** The stored type and data of every eventId of the call that is already in the log. */
  private async storedEventIds(client: PoolClient, requests: AppendRequest[]): Promise<Map<string, { type: string; data: unknown }>> {
    const ids = [...new Set(requests.flatMap((r) => r.events.map((e) => e.eventId)))];
    if (!ids.length) return new Map();
    const { rows } = await client.query<[string, string, string]>({ text: this.storedIds, values: [ids], rowMode: 'array' });
    return new Map(rows.map((r) => [r[0], { type: r[1], data: JSON.parse(r[2]) as unknown }]));
  }
}

/** The COPY met an eventId the log already holds (the unique index on event_id). */
function isStoredEventId(error: unknown): boolean {
  return error instanceof DatabaseError && error.code === UNIQUE_VIOLATION && (error.constraint ?? '').endsWith('event_id_key');
}

/** The COPY rows of the planned events, each hashed onto the previous one as it is pulled (chain.ts). */
function* rowsOf(planned: Planned[], head: number, recordedAt: string, chain: { previous: string }): Generator<(string | null)[]> {
  for (let i = 0; i < planned.length; i++) {
    const { stream, version, event } = planned[i];
    chain.previous = chainHash(chain.previous, {
      streamId: stream,
      version,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt,
    });
    const data = event.json ?? JSON.stringify(event.data);
    const metadata = event.metadata === undefined ? null : JSON.stringify(event.metadata);
    yield [String(head + i + 1), stream, String(version), event.eventId, event.type, data, metadata, recordedAt, chain.previous];
  }
}
