import { sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import type { BreachesTable, ReadModelDatabase } from '../db/read-model.types';

type Db = Kysely<ReadModelDatabase>;

/** What the blast radius of a declared breach depends on. Window bounds are UTC ISO strings. */
export interface BreachScope {
  breachId: string;
  holder: string;
  controller: string | null;
  items: string[];
  from: string;
  to: string;
}

type ScopeColumns = Pick<BreachesTable, 'breach_id' | 'holder' | 'items' | 'window_from' | 'window_to'> & { controller?: string | null };

export function scopeOf(row: ScopeColumns): BreachScope {
  return { breachId: row.breach_id, holder: row.holder, controller: row.controller ?? null, items: JSON.parse(row.items) as string[], from: row.window_from, to: row.window_to };
}

/**
 * The subject's item flags: one '0'/'1' per item of the declaration, in its order, over the subject's
 * breach_affected rows (aggregate). Text rather than a bit mask: no overflow whatever the item count,
 * and the same on SQLite and PostgreSQL.
 */
function flagsOf(b: BreachScope): RawBuilder<string> {
  return sql<string>`${sql.join(
    b.items.map((item) => sql`max(case when item = ${item} then '1' else '0' end)`),
    sql` || `,
  )}`;
}

/**
 * Fills a breach's rows and counts from the holdings as they stand: the rows of the breached items by
 * the breached holder (and controller) whose interval meets the inclusive window, set-based, in
 * primary-key order. Runs once, when the breach is projected (or, in a rebuild, after the bulk load).
 */
export function fillStatements(db: Db, b: BreachScope): CompiledQuery[] {
  if (!b.items.length) return [];
  const byController = b.controller ? sql`and controller = ${b.controller}` : sql``;
  return [
    sql`insert into ${sql.table('breach_affected')} (breach_id, subject_ref, controller, item)
      select distinct ${b.breachId}, subject_ref, controller, item from ${sql.table('holdings')}
      where holder = ${b.holder} and item in (${sql.join(b.items)}) and from_at <= ${b.to} and (to_at is null or to_at >= ${b.from}) ${byController}
      order by 2, 3, 4`.compile(db),
    sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
      select ${b.breachId}, 'items', flags, count(*) from (
        select subject_ref, ${flagsOf(b)} as flags from ${sql.table('breach_affected')} where breach_id = ${b.breachId} group by subject_ref
      ) as per_subject group by flags`.compile(db),
    sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
      select ${b.breachId}, 'controller', controller, count(*) from (
        select distinct subject_ref, controller from ${sql.table('breach_affected')} where breach_id = ${b.breachId}
      ) as per_subject group by controller`.compile(db),
  ];
}

/** A change to one holding key of a subject that may move it into or out of a breach. */
export interface KeyChange {
  subject_ref: string;
  controller: string;
  item: string;
  /** Inserted: the key now holds an interval meeting the window. Closed: it may no longer. */
  kind: 'inserted' | 'closed';
}

/**
 * Keeps an already-filled breach exact when holdings change after it was projected (late events):
 * takes each changed subject's contribution out of the counts, applies its row changes, and puts the
 * new contribution back. Per subject; late changes to a breached holder's window are rare.
 */
export function updateStatements(db: Db, b: BreachScope, changes: KeyChange[]): CompiledQuery[] {
  const bySubject = new Map<string, KeyChange[]>();
  for (const c of changes) bySubject.set(c.subject_ref, [...(bySubject.get(c.subject_ref) ?? []), c]);
  const rowsOf = (s: string) => sql`from ${sql.table('breach_affected')} where breach_id = ${b.breachId} and subject_ref = ${s}`;
  const out: CompiledQuery[] = [];
  for (const s of bySubject.keys()) {
    out.push(
      sql`update ${sql.table('breach_counts')} set subjects = subjects - 1
        where breach_id = ${b.breachId} and dim = 'items' and key = (select ${flagsOf(b)} ${rowsOf(s)})`.compile(db),
      sql`update ${sql.table('breach_counts')} set subjects = subjects - 1
        where breach_id = ${b.breachId} and dim = 'controller' and key in (select controller ${rowsOf(s)})`.compile(db),
    );
  }
  for (const c of changes) {
    if (c.kind === 'inserted') {
      out.push(
        sql`insert into ${sql.table('breach_affected')} (breach_id, subject_ref, controller, item)
          values (${b.breachId}, ${c.subject_ref}, ${c.controller}, ${c.item}) on conflict do nothing`.compile(db),
      );
    } else {
      out.push(
        sql`delete from ${sql.table('breach_affected')}
          where breach_id = ${b.breachId} and subject_ref = ${c.subject_ref} and controller = ${c.controller} and item = ${c.item}
          and not exists (select 1 from ${sql.table('holdings')} where subject_ref = ${c.subject_ref} and controller = ${c.controller}
            and holder = ${b.holder} and item = ${c.item} and from_at <= ${b.to} and (to_at is null or to_at >= ${b.from}))`.compile(db),
      );
    }
  }
  const bump = sql`on conflict (breach_id, dim, key) do update set subjects = ${sql.ref('breach_counts.subjects')} + excluded.subjects`;
  for (const s of bySubject.keys()) {
    out.push(
      sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
        select ${b.breachId}, 'items', flags, 1 from (select ${flagsOf(b)} as flags ${rowsOf(s)}) as per_subject where flags is not null ${bump}`.compile(db),
      sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
        select distinct ${b.breachId}, 'controller', controller, 1 ${rowsOf(s)} ${bump}`.compile(db),
    );
  }
  out.push(sql`delete from ${sql.table('breach_counts')} where breach_id = ${b.breachId} and subjects = 0`.compile(db));
  return out;
}
