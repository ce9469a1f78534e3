import Database from 'better-sqlite3';
import { READ_MODEL_TABLES } from '@ashiato/projections';

/** Every eventId the SQLite log holds (read through its own connection: WAL lets it beside the server's). */
export function storedEventIds(logPath: string): Set<string> {
  const db = new Database(logPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    return new Set(db.prepare('SELECT event_id FROM events').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

export interface SentBatch {
  eventIds: string[];
  /** Answered 202. */
  acked: boolean;
}

export interface LogFindings {
  ackedEvents: number;
  /** Events of batches answered 202 that the log does not hold. */
  lost: number;
  /** Batches some but not all of whose events the log holds. */
  partial: number;
  /** Batches without an answer (the kill cut them off) that the log holds in full. */
  unansweredStored: number;
}

/** Checks the sent batches against the log: acknowledged ones complete, every one all-or-nothing. */
export function checkBatches(logPath: string, batches: SentBatch[]): LogFindings {
  const stored = storedEventIds(logPath);
  const findings: LogFindings = { ackedEvents: 0, lost: 0, partial: 0, unansweredStored: 0 };
  for (const batch of batches) {
    const present = batch.eventIds.filter((id) => stored.has(id)).length;
    if (batch.acked) {
      findings.ackedEvents += batch.eventIds.length;
      findings.lost += batch.eventIds.length - present;
    }
    if (present > 0 && present < batch.eventIds.length) findings.partial++;
    if (!batch.acked && present === batch.eventIds.length) findings.unansweredStored++;
  }
  return findings;
}

export type Dump = Record<string, string[]>;

/** Every row of every read-model table, each as JSON with sorted keys, sorted: equal dumps, equal answers. */
export function dumpReadModel(path: string): Dump {
  const db = new Database(path, { fileMustExist: true });
  try {
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    const dump: Dump = {};
    for (const table of READ_MODEL_TABLES) {
      const rows = tables.has(table) ? (db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) : [];
      dump[table] = rows
        .map((row) =>
          JSON.stringify(
            Object.keys(row)
              .sort()
              .map((k) => [k, row[k]]),
          ),
        )
        .sort();
    }
    return dump;
  } finally {
    db.close();
  }
}

/** The first difference between two dumps (table, row counts, first differing row), or undefined. */
export function firstDifference(actual: Dump, expected: Dump): string | undefined {
  for (const table of READ_MODEL_TABLES) {
    const a = actual[table] ?? [];
    const e = expected[table] ?? [];
    const at = a.findIndex((row, i) => row !== e[i]);
    if (a.length === e.length && at < 0) continue;
    const i = at < 0 ? Math.min(a.length, e.length) : at;
    return `${table}: ${a.length} rows against ${e.length}; first difference at row ${i}: ${(a[i] ?? '(none)').slice(0, 300)} / ${(e[i] ?? '(none)').slice(0, 300)}`;
  }
  return undefined;
}

/** Rebuild twins (`<table>__rb_<id>`) still in the read model. */
export function twinTables(path: string): string[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_\\_rb\\_%' ESCAPE '\\'`).pluck().all() as string[];
  } finally {
    db.close();
  }
}
