import type Database from 'better-sqlite3';
import { CheckpointMovedError, snapshotText, type Changeset } from '../projectors/changeset';
import type { BatchWrite, ChangesetWriter } from './changeset-writer';
import { SQLITE_TABLES } from './sqlite-columns';

type Row = Record<string, unknown>;

const TABLE_ORDER = ['policies', 'holdings', 'flows', 'violations', 'provisionRecords', 'erasures', 'breaches', 'breachFacts'] as const;

const ROWS_PER_STATEMENT = 32;

/**
 * The SQLite write path: the same rows as postgres-writer.ts, through cached prepared statements in
 * one synchronous better-sqlite3 transaction, which is several times faster than building a
 * multi-row statement per batch.
 */
export class SqliteChangesetWriter implements ChangesetWriter {
  private readonly statements = new Map<string, Database.Statement>();

  /**
   * `closesTable`: a rebuild's temporary table that collects holding closes in log order instead of
   * updating holdings per batch; applyDeferredCloses ends the intervals once after the load, so the
   * (subject_ref, controller, holder, item) index is built once, sorted, instead of row by row.
   */
  constructor(
    private readonly sqlite: Database.Database,
    private readonly suffix: string,
    private readonly closesTable?: string,
  ) {}

  /** Synchronous inside (better-sqlite3); async so that a failure rejects like the PostgreSQL writer's. */
  async write(cs: Changeset, batch: BatchWrite): Promise<void> {
    this.writeNow(cs, batch);
  }

  private writeNow(cs: Changeset, { projection, derived = [], failBeforeCheckpoint }: BatchWrite): void {
    this.sqlite.transaction(() => {
      // Closes first: they end intervals opened by earlier batches, and must not also end an interval
      // this batch reopens (erased, then provided again) — those rows are inserted below, still open.
      const close = this.closesTable
        ? this.prepare(
            'close',
            `INSERT INTO temp.${this.closesTable} (position, subject_ref, controller, holder, item, to_at, ended_event_id)
             VALUES (@position, @subject_ref, @controller, @holder, @item, @to_at, @ended_event_id)`,
          )
        : // `+holder`: without it SQLite (no statistics) finds the row through the (holder, item, …) index, which
          // covers the whole condition but holds every subject of that holder and item (1.7 ms per close at
          // 100,000 subjects, linear in them) instead of one subject's few rows (0.01 ms).
          this.prepare(
            'close',
            `UPDATE holdings${this.suffix} SET to_at = @to_at, ended_event_id = @ended_event_id
             WHERE subject_ref = @subject_ref AND controller = @controller AND +holder = @holder AND item = @item AND to_at IS NULL`,
          );
      for (const c of cs.holdingCloses) close.run(c);
      for (const key of TABLE_ORDER) this.insert(key, cs[key]);
      for (const u of cs.erasureUpdates) {
        const { obligation_id, ...set } = u;
        const cols = Object.keys(set).sort();
        this.prepare(
          `erasure:${cols.join(',')}`,
          `UPDATE erasures${this.suffix} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE obligation_id = @obligation_id`,
        ).run({ obligation_id, ...set });
      }
      const snap = this.prepare(
        'snapshot',
        `INSERT INTO subject_state${this.suffix} (subject_ref, controller, state, position, retention_due_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (subject_ref, controller) DO UPDATE SET state = excluded.state, position = excluded.position, retention_due_at = excluded.retention_due_at`,
      );
      for (const s of cs.snapshots.values()) snap.run(s.subject_ref, s.controller, snapshotText(s), s.position, s.snapshot.retentionDue ?? null);
      const stat = this.prepare(
        'stat',
        `INSERT INTO stats${this.suffix} (metric, dim1, dim2, count) VALUES (@metric, @dim1, @dim2, @count)
         ON CONFLICT (metric, dim1, dim2) DO UPDATE SET count = count + excluded.count`,
      );
      for (const s of cs.stats.values()) stat.run(s);
      for (const q of derived) this.sqlite.prepare(q.sql).run(...(q.parameters as unknown[]));
      failBeforeCheckpoint?.(cs.checkpoint.position);
      // Past position 0 the stored row must still be the one the batch started from: a row gone (tables
      // swapped in without it) is a moved checkpoint too, not one to create.
      const moved =
        cs.basePosition > 0
          ? this.prepare(
              'checkpoint:moved',
              `UPDATE checkpoints${this.suffix} SET position = ?, watermark = ?, log_id = coalesce(?, log_id), event_hash = ? WHERE projection = ? AND position = ?`,
            ).run(cs.checkpoint.position, cs.checkpoint.watermark, cs.origin?.logId ?? null, cs.origin?.eventHash ?? null, projection, cs.basePosition)
          : this.prepare(
              'checkpoint',
              `INSERT INTO checkpoints${this.suffix} (projection, position, watermark, log_id, event_hash) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (projection) DO UPDATE SET position = excluded.position, watermark = excluded.watermark, log_id = coalesce(excluded.log_id, checkpoints${this.suffix}.log_id),
                 event_hash = excluded.event_hash WHERE checkpoints${this.suffix}.position = 0`,
            ).run(projection, cs.checkpoint.position, cs.checkpoint.watermark, cs.origin?.logId ?? null, cs.origin?.eventHash ?? null);
      if (moved.changes !== 1) throw new CheckpointMovedError(cs.basePosition);
    })();
  }

  /** Rows go in groups of ROWS_PER_STATEMENT through one multi-row statement: fewer calls into SQLite. */
  private insert(key: keyof typeof SQLITE_TABLES, rows: Row[]): void {
    if (!rows.length) return;
    const { name: table, columns: cols } = SQLITE_TABLES[key];
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table}${this.suffix} (${cols.join(', ')}) VALUES `;
    const many = this.prepare(`insert:${table}:many`, head + Array(ROWS_PER_STATEMENT).fill(tuple).join(', '));
    const one = this.prepare(`insert:${table}:one`, head + tuple);
    const fill = SQLITE_TABLES[key].fill as (r: Row, p: unknown[], at: number) => void;
    const params: unknown[] = new Array(ROWS_PER_STATEMENT * cols.length);
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      for (let r = 0; r < ROWS_PER_STATEMENT; r++) fill(rows[i + r], params, r * cols.length);
      many.run(params);
    }
    const single: unknown[] = new Array(cols.length);
    for (; i < rows.length; i++) {
      fill(rows[i], single, 0);
      one.run(single);
    }
  }

  private prepare(key: string, text: string): Database.Statement {
    let stmt = this.statements.get(key);
    if (!stmt) this.statements.set(key, (stmt = this.sqlite.prepare(text)));
    return stmt;
  }
}

/** The temporary table a rebuild collects its holding closes in (see SqliteChangesetWriter). */
export function createDeferredClosesTable(sqlite: Database.Database, name: string): void {
  sqlite.exec(`CREATE TEMP TABLE ${name} (position INTEGER NOT NULL, subject_ref TEXT NOT NULL, controller TEXT NOT NULL,
    holder TEXT NOT NULL, item TEXT NOT NULL, to_at TEXT NOT NULL, ended_event_id TEXT NOT NULL)`);
}

/**
 * Ends the intervals of the collected closes, in log order, then drops the table. Each close ends the
 * interval of its key that was open when it happened: opened before it (position) and not yet ended by an
 * earlier close. Intervals reopened later in the log are left open, as the per-batch path leaves them.
 */
export function applyDeferredCloses(sqlite: Database.Database, suffix: string, name: string): void {
  const close = sqlite.prepare(
    `UPDATE holdings${suffix} SET to_at = @to_at, ended_event_id = @ended_event_id
     WHERE subject_ref = @subject_ref AND controller = @controller AND holder = @holder AND item = @item
       AND to_at IS NULL AND position < @position`,
  );
  // Read in pages: better-sqlite3 cannot run the UPDATE while a SELECT on the connection is still iterating.
  const page = sqlite.prepare(`SELECT rowid AS id, * FROM temp.${name} WHERE rowid > ? ORDER BY rowid LIMIT 5000`);
  sqlite.transaction(() => {
    for (let after = 0, rows = page.all(after) as { id: number }[]; rows.length; rows = page.all(after) as { id: number }[]) {
      for (const { id: _id, ...c } of rows) close.run(c);
      after = rows[rows.length - 1].id;
    }
  })();
  sqlite.exec(`DROP TABLE temp.${name}`);
}
