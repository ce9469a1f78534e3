import type { Pool, PoolClient } from 'pg';
import { chainHash, sameContent } from '../chain';
import { EventIdConflictError, WrongExpectedVersionError, type AppendRequest, type AppendResult } from '../event-store.port';
import { NO_STREAM_VERSION, satisfiesExpectedVersion } from '../expected-version';

/** Columns of one INSERT, one array per column (sent as `unnest($1::bigint[], …)`: one statement per call). */
interface Rows {
  position: string[];
  stream: string[];
  version: string[];
  eventId: string[];
  type: string[];
  data: string[];
  metadata: (string | null)[];
  hash: string[];
}

/**
 * The write path. Every call is one transaction that first locks the single `event_log` row: appends
 * are serialised, so positions are handed out densely (head + 1, head + 2, …) and a later position
 * never commits before an earlier one. A reader that sees position n has seen every position below
 * it: the log has no gaps and a subscription never skips an event that commits late.
 *
 * Under that lock, stream heads and already-stored eventIds are read once per call (no race with
 * another writer is possible), and the new rows go in with one INSERT … SELECT FROM unnest(…).
 */
export class PgAppender {
  private readonly lockHead: string;
  private readonly streamHeads: string;
  private readonly storedIds: string;
  private readonly insert: string;
  private readonly setHead: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly channel: string,
  ) {
    this.lockHead = `SELECT head_position, head_hash FROM ${schema}.event_log FOR UPDATE`;
    this.streamHeads = `SELECT s.id, (SELECT max(e.version) FROM ${schema}.events e WHERE e.stream_id = s.id) FROM unnest($1::text[]) AS s(id)`;
    this.storedIds = `SELECT event_id, type, data FROM ${schema}.events WHERE event_id = ANY($1::text[])`;
    this.insert = `INSERT INTO ${schema}.events (position, stream_id, version, event_id, type, data, metadata, recorded_at, hash)
      SELECT p, s, v, i, t, d, m, $8::timestamptz, h
      FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[]) AS u(p, s, v, i, t, d, m, h)`;
    this.setHead = `UPDATE ${schema}.event_log SET head_position = $1, head_hash = $2`;
  }

  /** All requests commit together or not at all. */
  async append(requests: AppendRequest[]): Promise<AppendResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await this.write(client, requests);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async write(client: PoolClient, requests: AppendRequest[]): Promise<AppendResult> {
    const [headText, headHash] = (await client.query<[string, string]>({ text: this.lockHead, rowMode: 'array' })).rows[0];
    const head = Number(headText);
    let previous = headHash;
    const versions = await this.currentVersions(client, requests);
    const stored = await this.storedEventIds(client, requests);
    const recordedAt = new Date().toISOString();
    const rows: Rows = { position: [], stream: [], version: [], eventId: [], type: [], data: [], metadata: [], hash: [] };
    const firstOf = new Map<string, { type: string; data: unknown }>();
    for (const r of requests) for (const e of r.events) if (!firstOf.has(e.eventId)) firstOf.set(e.eventId, e);
    for (const [eventId, content] of stored) if (!sameContent(content, firstOf.get(eventId)!)) throw new EventIdConflictError(eventId);
    const written = new Set<string>();
    const nextExpectedVersions: number[] = [];
    let duplicates = 0;
    for (const { stream, events, expectedVersion } of requests) {
      let version = versions.get(stream) ?? NO_STREAM_VERSION;
      if (!satisfiesExpectedVersion(expectedVersion, version)) {
        // A retried request whose events are all stored already is not a conflict: it is a no-op.
        if (events.length === 0 || !events.every((e) => stored.has(e.eventId) || written.has(e.eventId))) {
          throw new WrongExpectedVersionError(stream, expectedVersion, version);
        }
        duplicates += events.length;
        nextExpectedVersions.push(version);
        continue;
      }
      for (const event of events) {
        if (stored.has(event.eventId) || written.has(event.eventId)) {
          const earlier = stored.get(event.eventId) ?? firstOf.get(event.eventId)!;
          if (!sameContent(earlier, event)) throw new EventIdConflictError(event.eventId);
          duplicates++;
          continue;
        }
        written.add(event.eventId);
        version++;
        rows.position.push(String(head + written.size));
        rows.stream.push(stream);
        rows.version.push(String(version));
        rows.eventId.push(event.eventId);
        rows.type.push(event.type);
        rows.data.push(event.json ?? JSON.stringify(event.data));
        rows.metadata.push(event.metadata === undefined ? null : JSON.stringify(event.metadata));
        previous = chainHash(previous, { streamId: stream, version, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata, recordedAt });
        rows.hash.push(previous);
      }
      versions.set(stream, version);
      nextExpectedVersions.push(version);
    }
    const appended = written.size;
    const lastPosition = head + appended;
    if (appended > 0) {
      await client.query(this.insert, [rows.position, rows.stream, rows.version, rows.eventId, rows.type, rows.data, rows.metadata, recordedAt, rows.hash]);
      await client.query(this.setHead, [String(lastPosition), previous]);
      // Delivered to listeners when (and only if) the transaction commits.
      await client.query('SELECT pg_notify($1, $2)', [this.channel, String(lastPosition)]);
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
