import { sql, type Insertable, type Kysely } from 'kysely';
import type { ReadModelDatabase, ReadModelTable } from '../db/read-model.types';
import { CheckpointMovedError, snapshotText, type Changeset } from '../projectors/changeset';
import type { BatchWrite, ChangesetWriter } from './changeset-writer';

/** Stays under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement. */
const MAX_PARAMS = 30_000;

/** Writes a batch's rows and its checkpoint through Kysely on PostgreSQL (SQLite uses sqlite-writer.ts). */
export class PostgresChangesetWriter implements ChangesetWriter {
  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  write(cs: Changeset, batch: BatchWrite): Promise<void> {
    return this.db.transaction().execute((trx) => writeChangeset(trx, cs, batch));
  }
}

async function writeChangeset(db: Kysely<ReadModelDatabase>, cs: Changeset, { projection, derived = [], failBeforeCheckpoint }: BatchWrite): Promise<void> {
  // The checkpoint row first, locked: a second writer (another runner, a rebuild's catch-up) waits here
  // instead of writing a batch that fails at its end, and a swap, which locks this table first, cannot
  // deadlock with a batch holding other tables.
  const stored = await db.selectFrom('checkpoints').select('position').where('projection', '=', projection).forUpdate().executeTakeFirst();
  // A row gone past position 0 (tables swapped in without it) is a moved checkpoint too, not one to create.
  if (stored ? Number(stored.position) !== cs.basePosition : cs.basePosition > 0) throw new CheckpointMovedError(cs.basePosition);
  // Closes before inserts: they end intervals opened by earlier batches and must not also end one this
  // batch reopens (erased, then provided again). Set-based: one statement per chunk, not one per row.
  for (const chunk of chunks(cs.holdingCloses, 6)) {
    const values = sql.join(chunk.map((c) => sql`(${c.subject_ref}, ${c.controller}, ${c.holder}, ${c.item}, ${c.to_at}, ${c.ended_event_id})`));
    await sql`update ${sql.table('holdings')} as h set to_at = v.to_at, ended_event_id = v.ended_event_id
      from (values ${values}) as v(subject_ref, controller, holder, item, to_at, ended_event_id)
      where h.subject_ref = v.subject_ref and h.controller = v.controller and h.holder = v.holder and h.item = v.item and h.to_at is null`.execute(db);
  }
  await insertAll(db, 'policies', cs.policies);
  await insertAll(db, 'holdings', cs.holdings);
  await insertAll(db, 'flows', cs.flows);
  await insertAll(db, 'violations', cs.violations);
  await insertAll(db, 'provision_records', cs.provisionRecords);
  await insertAll(db, 'erasures', cs.erasures);
  await insertAll(db, 'breaches', cs.breaches);
  await insertAll(db, 'breach_facts', cs.breachFacts);

  const closed = cs.erasureUpdates.filter((u) => u.status === 'done');
  for (const chunk of chunks(closed, 3)) {
    const values = sql.join(chunk.map((u) => sql`(${u.obligation_id}, ${u.closed_at}, ${u.closed_event_id})`));
    await sql`update ${sql.table('erasures')} as e set status = 'done', closed_at = v.closed_at, closed_event_id = v.closed_event_id
      from (values ${values}) as v(obligation_id, closed_at, closed_event_id) where e.obligation_id = v.obligation_id`.execute(db);
  }
  const overdue = cs.erasureUpdates.filter((u) => u.overdue_at);
  for (const chunk of chunks(overdue, 2)) {
    const values = sql.join(chunk.map((u) => sql`(${u.obligation_id}, ${u.overdue_at})`));
    await sql`update ${sql.table('erasures')} as e set overdue_at = v.overdue_at
      from (values ${values}) as v(obligation_id, overdue_at) where e.obligation_id = v.obligation_id`.execute(db);
  }

  const snapshots = [...cs.snapshots.values()].map((s) => ({
    controller: s.controller,
    subject_ref: s.subject_ref,
    state: snapshotText(s),
    position: s.position,
    retention_due_at: s.snapshot.retentionDue ?? null,
  }));
  for (const chunk of chunks(snapshots, 4)) {
    await db
      .insertInto('subject_state')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['subject_ref', 'controller']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          position: eb.ref('excluded.position'),
          retention_due_at: eb.ref('excluded.retention_due_at'),
        })),
      )
      .execute();
  }
  // In key order: partitions of a rebuild add to the same counters side by side, and would otherwise deadlock.
  const stats = [...cs.stats.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (const chunk of chunks(stats, 4)) {
    await db
      .insertInto('stats')
      .values(chunk)
      .onConflict((oc) => oc.columns(['metric', 'dim1', 'dim2']).doUpdateSet((eb) => ({ count: eb(eb.ref('stats.count'), '+', eb.ref('excluded.count')) })))
      .execute();
  }
  for (const q of derived) await db.executeQuery(q);
  failBeforeCheckpoint?.(cs.checkpoint.position);
  const checkpoint = {
    position: cs.checkpoint.position,
    watermark: cs.checkpoint.watermark,
    log_id: cs.origin?.logId ?? null,
    event_hash: cs.origin?.eventHash ?? null,
  };
  const result = await db
    .insertInto('checkpoints')
    .values({ projection, ...checkpoint })
    .onConflict((oc) =>
      oc
        .column('projection')
        // A batch projected without knowing its log (an engine fed batches by hand) keeps the stored id.
        .doUpdateSet((eb) => ({ ...checkpoint, log_id: eb.fn.coalesce(eb.ref('excluded.log_id'), eb.ref('checkpoints.log_id')) }))
        .where('checkpoints.position', '=', cs.basePosition),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw new CheckpointMovedError(cs.basePosition);
}

async function insertAll<T extends ReadModelTable>(db: Kysely<ReadModelDatabase>, table: T, rows: Insertable<ReadModelDatabase[T]>[]): Promise<void> {
  if (!rows.length) return;
  for (const chunk of chunks(rows, Object.keys(rows[0]).length)) {
    // Kysely's generic insert typing cannot follow a table chosen at run time.
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
  }
}

function chunks<R>(rows: R[], columns: number): R[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const out: R[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
