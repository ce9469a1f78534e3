import type Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH, sameContent } from '../chain';
import { EventIdConflictError, WrongExpectedVersionError, type AppendRequest, type AppendResult, type EventToAppend } from '../event-store.port';
import { NO_STREAM_VERSION, satisfiesExpectedVersion } from '../expected-version';

/** Page cache of a connection that appends, in KiB. */
export const WRITER_CACHE_KIB = 65_536;

/**
 * The write path: one IMMEDIATE transaction per call (the write lock is taken up front, so two
 * processes never deadlock upgrading a read lock), stream heads looked up once per call, and a
 * prepared insert that skips an already-stored eventId instead of a SELECT per event.
 */
export class SqliteAppender {
  private readonly insert: Database.Statement;
  private readonly streamHeads: Database.Statement<[string], { stream_id: string; version: number }>;
  private readonly storedEvents: Database.Statement<[string], { event_id: string; type: string; data: string }>;
  private readonly head: Database.Statement<[], number>;
  private readonly headHash: Database.Statement<[], string | null>;
  private readonly transaction: Database.Transaction<(requests: AppendRequest[]) => AppendResult>;
  private writeCacheSet = false;

  constructor(private readonly db: Database.Database) {
    // ON CONFLICT(event_id) only: a (stream_id, version) clash must still fail loudly.
    this.insert = db.prepare(
      `INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    );
    this.streamHeads = db.prepare<[string], { stream_id: string; version: number }>(
      `SELECT stream_id, MAX(version) AS version FROM events
       WHERE stream_id IN (SELECT value FROM json_each(?)) GROUP BY stream_id`,
    );
    this.storedEvents = db.prepare<[string], { event_id: string; type: string; data: string }>(
      `SELECT event_id, type, data FROM events WHERE event_id IN (SELECT value FROM json_each(?))`,
    );
    this.head = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    this.headHash = db.prepare<[], string | null>('SELECT hash FROM events ORDER BY position DESC LIMIT 1').pluck();
    this.transaction = db.transaction((requests: AppendRequest[]) => this.write(requests));
  }

  /** All requests commit together or not at all. */
  append(requests: AppendRequest[]): AppendResult {
    if (!this.writeCacheSet) {
      // A writer keeps the hot pages of the two unique indexes (random eventIds and stream ids) in
      // memory between batches instead of reading them back from the WAL and the file: 64 MiB rather
      // than SQLite's 2 MiB. Only connections that append pay for it (a rebuild only reads).
      this.db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
      this.writeCacheSet = true;
    }
    return this.transaction.immediate(requests);
  }

  private write(requests: AppendRequest[]): AppendResult {
    const versions = this.currentVersions(requests);
    const recordedAt = new Date().toISOString();
    const nextExpectedVersions: number[] = [];
    let appended = 0;
    let duplicates = 0;
    let lastPosition = 0;
    // The chain (chain.ts): each row's hash follows from the newest row's, read under the write lock.
    let previous: string | undefined;
    for (const { stream, events, expectedVersion } of requests) {
      let version = versions.get(stream) ?? NO_STREAM_VERSION;
      if (!satisfiesExpectedVersion(expectedVersion, version)) {
        // A retried request whose events are all stored already is not a conflict: it is a no-op.
        if (events.length === 0 || !this.allStored(events)) {
          throw new WrongExpectedVersionError(stream, expectedVersion, version);
        }
        duplicates += events.length;
        nextExpectedVersions.push(version);
        continue;
      }
      for (const event of events) {
        previous ??= this.headHash.get() ?? GENESIS_HASH;
        const hash = chainHash(previous, {
          streamId: stream,
          version: version + 1,
          eventId: event.eventId,
          type: event.type,
          data: event.data,
          metadata: event.metadata,
          recordedAt,
        });
        const metadata = event.metadata === undefined ? null : JSON.stringify(event.metadata);
        const info = this.insert.run(stream, version + 1, event.eventId, event.type, event.json ?? JSON.stringify(event.data), metadata, recordedAt, hash);
        if (info.changes === 0) {
          this.assertSameContent([event]);
          duplicates++;
          continue;
        }
        previous = hash;
        version++;
        appended++;
        lastPosition = Number(info.lastInsertRowid);
      }
      versions.set(stream, version);
      nextExpectedVersions.push(version);
    }
    if (appended === 0) lastPosition = this.head.get() ?? 0;
    return { appended, duplicates, lastPosition, nextExpectedVersions };
  }

  private currentVersions(requests: AppendRequest[]): Map<string, number> {
    const streams = [...new Set(requests.map((r) => r.stream))];
    const versions = new Map<string, number>();
    for (const row of this.streamHeads.all(JSON.stringify(streams))) versions.set(row.stream_id, row.version);
    return versions;
  }

  /** True when every event is stored (also by an earlier request of this same call); EventIdConflictError if one differs. */
  private allStored(events: EventToAppend[]): boolean {
    const unique = new Set(events.map((e) => e.eventId));
    const stored = this.assertSameContent(events);
    return stored === unique.size;
  }

  /** Throws EventIdConflictError when a stored event with one of these ids has other content; returns how many are stored. */
  private assertSameContent(events: EventToAppend[]): number {
    const incoming = new Map(events.map((e) => [e.eventId, e]));
    const rows = this.storedEvents.all(JSON.stringify([...incoming.keys()]));
    for (const row of rows) {
      const event = incoming.get(row.event_id)!;
      if (!sameContent({ type: row.type, data: JSON.parse(row.data) }, event)) throw new EventIdConflictError(row.event_id);
    }
    return rows.length;
  }
}
