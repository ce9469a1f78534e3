import Database from 'better-sqlite3';
import { lineBatches, secondsSince } from '../lib/ndjson';

export const BATCH = 5_000;

export interface Throughput {
  events: number;
  seconds: number;
}

interface Envelope {
  eventId: string;
  type: string;
  subjectRef?: string;
  controller?: string;
  breachId?: string;
}

/**
 * The write ceiling: the same events into one better-sqlite3 table with one prepared statement,
 * 5,000 rows per transaction, with the store's durability settings (WAL, synchronous = FULL).
 */
export async function rawInsertCeiling(ndjson: string, dbPath: string): Promise<Throughput> {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO events (stream_id, event_id, type, data) VALUES (?, ?, ?, ?)');
  const insertAll = db.transaction((lines: string[]) => {
    for (const line of lines) {
      const e = JSON.parse(line) as Envelope;
      insert.run(e.subjectRef ?? e.controller ?? e.breachId ?? '', e.eventId, e.type, line);
    }
  });
  let events = 0;
  const t0 = process.hrtime.bigint();
  for await (const lines of lineBatches(ndjson, BATCH)) {
    insertAll(lines);
    events += lines.length;
  }
  const seconds = secondsSince(t0);
  db.close();
  return { events, seconds };
}

/** The projection ceiling: JSON.parse of every line and a fold into one Map entry per subject. */
export async function foldCeiling(ndjson: string): Promise<Throughput & { subjects: number }> {
  const state = new Map<string, { events: number; lastType: string; items: number }>();
  let events = 0;
  const t0 = process.hrtime.bigint();
  for await (const lines of lineBatches(ndjson, BATCH)) {
    for (const line of lines) {
      const e = JSON.parse(line) as Envelope & { items?: string[] };
      events++;
      if (!e.subjectRef) continue;
      const s = state.get(e.subjectRef);
      if (s) {
        s.events++;
        s.lastType = e.type;
        s.items += e.items?.length ?? 0;
      } else state.set(e.subjectRef, { events: 1, lastType: e.type, items: e.items?.length ?? 0 });
    }
  }
  return { events, seconds: secondsSince(t0), subjects: state.size };
}
