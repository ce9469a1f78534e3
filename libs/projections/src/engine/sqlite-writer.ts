import type Database from 'better-sqlite3';
import { CheckpointMovedError, snapshotText, type Changeset } from './changeset';

const INSERT_COLUMNS = {
  policies: ['event_id', 'controller', 'version', 'effective_from', 'published_at', 'position', 'document'],
  holdings: ['subject_ref', 'controller', 'holder', 'item', 'from_at', 'to_at', 'acquired_event_id', 'ended_event_id', 'source', 'provider', 'position'],
  flows: ['event_id', 'position', 'type', 'occurred_at', 'controller', 'subject_ref', 'holder', 'recipient', 'items', 'purposes', 'basis', 'policy_version', 'verdict', 'codes', 'event'],
  violations: ['event_id', 'code', 'holder', 'controller', 'subject_ref', 'occurred_at', 'message', 'items', 'position'],
  provision_records: [
    'event_id', 'position', 'occurred_at', 'controller', 'provider', 'subject_ref', 'recipient_id', 'recipient_name', 'recipient_address',
    'recipient_country', 'recipient_relation', 'items', 'purposes', 'basis', 'consent_ref', 'consent', 'record_required', 'retention_until',
  ],
  erasures: ['obligation_id', 'erasure_event_id', 'controller', 'subject_ref', 'holder', 'items', 'erased_at', 'due_at', 'status', 'closed_at', 'closed_event_id', 'overdue_at'],
  breaches: ['breach_id', 'event_id', 'position', 'occurred_at', 'holder', 'controller', 'items', 'window_from', 'window_to', 'discovered_at', 'cause', 'event'],
  breach_facts: ['event_id', 'breach_id', 'position', 'type', 'occurred_at', 'report', 'authority', 'count', 'event'],
} as const;

type Row = Record<string, unknown>;

const ROWS_PER_STATEMENT = 32;

type ParamsFiller = (row: Row, params: unknown[], at: number) => void;
const fillers = new Map<string, ParamsFiller>();

/**
 * Copies a row's columns into the parameter array with one property load per column, compiled from
 * the fixed column list: reading `row[column]` in a loop over column names is a megamorphic keyed
 * load that cost more than a tenth of the write path. Column names are the constants above, never input.
 */
function paramsFiller(table: keyof typeof INSERT_COLUMNS): ParamsFiller {
  let fill = fillers.get(table);
  if (!fill) {
    const body = INSERT_COLUMNS[table].map((c, k) => `p[at + ${k}] = r.${c};`).join('\n');
    fill = new Function('r', 'p', 'at', body) as ParamsFiller;
    fillers.set(table, fill);
  }
  return fill;
}

/**
 * The SQLite write path: the same rows as write-changeset.ts, through cached prepared statements in
 * one synchronous better-sqlite3 transaction, which is several times faster than building a
 * multi-row statement per batch.
 */
export class SqliteChangesetWriter {
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

  write(cs: Changeset, projection: string, beforeCheckpoint?: (position: number) => void): void {
    this.sqlite.transaction(() => {
      // Closes first: they end intervals opened by earlier batches, and must not also end an interval
      // this batch reopens (erased, then provided again) — those rows are inserted below, still open.
      const close = this.closesTable
        ? this.prepare(
            'close',
            `INSERT INTO temp.${this.closesTable} (position, subject_ref, controller, holder, item, to_at, ended_event_id)
             VALUES (@position, @subject_ref, @controller, @holder, @item, @to_at, @ended_event_id)`,
          )
        : this.prepare(
            'close',
            `UPDATE holdings${this.suffix} SET to_at = @to_at, ended_event_id = @ended_event_id
             WHERE subject_ref = @subject_ref AND controller = @controller AND holder = @holder AND item = @item AND to_at IS NULL`,
          );
      for (const c of cs.holdingCloses) close.run(c);
      this.insert('policies', cs.policies);
      this.insert('holdings', cs.holdings);
      this.insert('flows', cs.flows);
      this.insert('violations', cs.violations);
      this.insert('provision_records', cs.provisionRecords);
      this.insert('erasures', cs.erasures);
      this.insert('breaches', cs.breaches);
      this.insert('breach_facts', cs.breachFacts);
      for (const u of cs.erasureUpdates) {
        const { obligation_id, ...set } = u;
        const cols = Object.keys(set).sort();
        this.prepare(`erasure:${cols.join(',')}`, `UPDATE erasures${this.suffix} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE obligation_id = @obligation_id`).run({ obligation_id, ...set });
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
      beforeCheckpoint?.(cs.checkpoint.position);
      const moved = this.prepare(
        'checkpoint',
        `INSERT INTO checkpoints${this.suffix} (projection, position, watermark, log_id, event_hash) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, watermark = excluded.watermark, log_id = coalesce(excluded.log_id, checkpoints${this.suffix}.log_id),
           event_hash = excluded.event_hash WHERE checkpoints${this.suffix}.position = ?`,
      ).run(projection, cs.checkpoint.position, cs.checkpoint.watermark, cs.origin?.logId ?? null, cs.origin?.eventHash ?? null, cs.basePosition);
      if (moved.changes !== 1) throw new CheckpointMovedError(cs.basePosition);
    })();
  }

  /** Rows go in groups of ROWS_PER_STATEMENT through one multi-row statement: fewer calls into SQLite. */
  private insert(table: keyof typeof INSERT_COLUMNS, rows: Row[]): void {
    if (!rows.length) return;
    const cols = INSERT_COLUMNS[table];
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table}${this.suffix} (${cols.join(', ')}) VALUES `;
    const many = this.prepare(`insert:${table}:many`, head + Array(ROWS_PER_STATEMENT).fill(tuple).join(', '));
    const one = this.prepare(`insert:${table}:one`, head + tuple);
    const fill = paramsFiller(table);
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
