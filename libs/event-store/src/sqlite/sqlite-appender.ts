import type Database from 'better-sqlite3';
import { WrongExpectedVersionError, type AppendRequest, type AppendResult } from '../event-store.port';
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
  private readonly storedIds: Database.Statement<[string], string>;
  private readonly head: Database.Statement<[], number>;
  private readonly transaction: Database.Transaction<(requests: AppendRequest[]) => AppendResult>;
  private writeCacheSet = false;

  constructor(private readonly db: Database.Database) {
    // ON CONFLICT(event_id) only: a (stream_id, version) clash must still fail loudly.
    this.insert = db.prepare(
      `INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    );
    this.streamHeads = db.prepare<[string], { stream_id: string; version: number }>(
      `SELECT stream_id, MAX(version) AS version FROM events
       WHERE stream_id IN (SELECT value FROM json_each(?)) GROUP BY stream_id`,
    );
    this.storedIds = db.prepare<[string], string>(`SELECT event_id FROM events WHERE event_id IN (SELECT value FROM json_each(?))`).pluck();
    this.head = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
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
    for (const { stream, events, expectedVersion } of requests) {
      let version = versions.get(stream) ?? NO_STREAM_VERSION;
      if (!satisfiesExpectedVersion(expectedVersion, version)) {
        // A retried request whose events are all stored already is not a conflict: it is a no-op.
        if (events.length === 0 || !this.allStored(events.map((e) => e.eventId))) {
          throw new WrongExpectedVersionError(stream, expectedVersion, version);
        }
        duplicates += events.length;
        nextExpectedVersions.push(version);
        continue;
      }
      for (const event of events) {
        const metadata = event.metadata === undefined ? null : JSON.stringify(event.metadata);
        const info = this.insert.run(stream, version + 1, event.eventId, event.type, event.json ?? JSON.stringify(event.data), metadata, recordedAt);
        if (info.changes === 0) {
          duplicates++;
          continue;
        }
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

  /** True when every id is stored (also by an earlier request of this same call). */
  private allStored(eventIds: string[]): boolean {
    const unique = new Set(eventIds);
    return this.storedIds.all(JSON.stringify([...unique])).length === unique.size;
  }
}
