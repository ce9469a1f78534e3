import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from '../chain';
import { chainedFields, EVENT_COLUMNS, type EventTuple } from '../event-row';

export const MEMORY = ':memory:';

/**
 * WAL pages (4 KiB each, ≈ 500 MiB) after which a commit checkpoints the log into the database file.
 * The WAL file keeps that size on disk between checkpoints (the last connection to close removes it).
 * Store ingest of 3.1 M events: 121 / 134 s against 146 / 150 s at 32,000 pages; 256,000 gave 128 s
 * (BENCHMARKS.md).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 128_000;

/**
 * Version of the event log's schema (PRAGMA user_version). Each step below runs once, in order, in an
 * IMMEDIATE transaction, so a log written by an older version is migrated when it is first opened
 * (and two processes opening it at once do not both migrate it):
 * 1. `hash` column (the chain, chain.ts; existing rows are hashed in position order) and the
 *    `log_meta` table holding the log's identity (`log_id`, a random UUID, and `created_at`).
 */
export const EVENT_LOG_SCHEMA_VERSION = 1;

/**
 * Opens (creating if needed) the event log. `synchronous=FULL` in WAL mode fsyncs the log on every
 * commit, so an acknowledged append survives kill -9 and power loss; NORMAL would only survive the former.
 * `busy_timeout` lets a second process (the CLI ingesting while the server runs) wait for the write lock.
 */
export function openEventLog(path: string, busyTimeoutMs = 10_000): Database.Database {
  if (path !== MEMORY && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  if (path !== MEMORY) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Checkpoint every ≈ 500 MiB of WAL instead of SQLite's 4 MiB: the two unique indexes (random
  // eventIds, random stream ids) dirty pages all over their B-trees, and a page changed by many batches
  // is then copied into the database once per checkpoint rather than once per batch. The larger the log,
  // the more batches it takes to touch the same index page again, so the interval is sized for a log of
  // millions of events. Durability is the same: every commit is still fsynced to the WAL.
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id   TEXT    NOT NULL,
      version     INTEGER NOT NULL,
      event_id    TEXT    NOT NULL UNIQUE,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT,
      recorded_at TEXT    NOT NULL,
      UNIQUE (stream_id, version)
    )`);
  migrateEventLog(db);
  return db;
}

function migrateEventLog(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() >= EVENT_LOG_SCHEMA_VERSION) return;
  db.transaction(() => {
    if (version() < 1) {
      db.exec(`ALTER TABLE events ADD COLUMN hash TEXT`);
      db.exec(`CREATE TABLE IF NOT EXISTS log_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      db.prepare(`INSERT OR IGNORE INTO log_meta (key, value) VALUES ('log_id', ?), ('created_at', ?)`).run(randomUUID(), new Date().toISOString());
      hashExistingRows(db);
      db.pragma('user_version = 1');
    }
  }).immediate();
}

/** Migration 1: chains the rows a log already holds, in position order. */
function hashExistingRows(db: Database.Database): void {
  const page = db.prepare<[number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT 5000`).raw(true);
  const update = db.prepare<[string, number]>('UPDATE events SET hash = ? WHERE position = ?');
  let previous = GENESIS_HASH;
  let at = 0;
  for (;;) {
    const rows = page.all(at);
    if (!rows.length) return;
    for (const row of rows) {
      previous = chainHash(previous, chainedFields(row));
      update.run(previous, row[0]);
      at = row[0];
    }
  }
}
