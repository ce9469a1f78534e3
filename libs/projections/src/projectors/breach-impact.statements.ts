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
  return {
    breachId: row.breach_id,
    holder: row.holder,
    controller: row.controller ?? null,
    items: JSON.parse(row.items) as string[],
    from: row.window_from,
    to: row.window_to,
  };
}

/**
 * Item flags over holdings rows (aggregate): one '0'/'1' per item of the declaration, in its order.
 * Text rather than a bit mask: no overflow whatever the item count, and the same on both databases.
 */
function flagsFromItems(b: BreachScope): RawBuilder<string> {
  return sql<string>`${sql.join(
    b.items.map((item) => sql`max(case when item = ${item} then '1' else '0' end)`),
    sql` || `,
  )}`;
}

/** The flags of one subject over its breach_affected rows (one per controller), aggregate. */
function flagsFromRows(b: BreachScope): RawBuilder<string> {
  return sql<string>`${sql.join(
    b.items.map((_, k) => sql`max(substr(items, ${sql.lit(k + 1)}, 1))`),
    sql` || `,
  )}`;
}

/** The breached holder's rows of the breached items (and controller) whose interval meets the inclusive window. */
function heldDuring(b: BreachScope) {
  const byController = b.controller ? sql`and controller = ${b.controller}` : sql``;
  return sql`from ${sql.table('holdings')}
    where holder = ${b.holder} and item in (${sql.join(b.items)}) and from_at <= ${b.to} and (to_at is null or to_at >= ${b.from}) ${byController}`;
}

/**
 * Fills a breach's rows and counts from the holdings as they stand, set-based. Runs once, when the
 * breach is projected (or, in a rebuild, after the bulk load and its indexes).
 */
export function fillStatements(db: Db, b: BreachScope): CompiledQuery[] {
  if (!b.items.length) return [];
  return [
    sql`insert into ${sql.table('breach_affected')} (breach_id, subject_ref, controller, items)
      select ${b.breachId}, subject_ref, controller, ${flagsFromItems(b)} ${heldDuring(b)}
      group by subject_ref, controller order by subject_ref, controller`.compile(db),
    ...countStatements(db, b, sql``),
    provisionsStatement(db, b, sql``),
    sql`insert into ${sql.table('breach_parties')} (breach_id, provider, holder, subjects, items, first_at, last_at)
      select ${b.breachId}, provider, holder, count(*), ${flagsFromRows(b)}, min(first_at), max(last_at)
      from ${sql.table('breach_provisions')} where breach_id = ${b.breachId} group by provider, holder`.compile(db),
    sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
      select ${b.breachId}, 'party', holder, count(distinct subject_ref)
      from ${sql.table('breach_provisions')} where breach_id = ${b.breachId} group by holder`.compile(db),
  ];
}

/**
 * One subject's breach_provisions rows, found by the primary key: the keys first (the key index covers
 * them), then each row by its whole key (CROSS JOIN keeps that order on SQLite). Selected straight,
 * SQLite (no statistics) would rather scan the breach's rows in the covering (breach, provider,
 * recipient, …) index.
 */
function provisionsOf(b: BreachScope, s: string): RawBuilder<unknown> {
  return sql`(select p.breach_id, p.provider, p.holder, p.items, p.first_at, p.last_at
    from (select provider, holder from ${sql.table('breach_provisions')} where breach_id = ${b.breachId} and subject_ref = ${s}) as k
    cross join ${sql.table('breach_provisions')} as p
    where p.breach_id = ${b.breachId} and p.subject_ref = ${s} and p.provider = k.provider and p.holder = k.holder)`;
}

/**
 * Takes one subject's breach_provisions rows out of breach_parties and the `party` counts, before they
 * are deleted: a group's subjects drop by one; its first/last date and item flags are recomputed from
 * the group's other rows only where the subject's row held the extreme (or the group's only '1' of an item).
 */
function partiesWithout(db: Db, b: BreachScope, s: string): CompiledQuery[] {
  const group = (alias: string) =>
    sql.raw(`${alias}.breach_id = o.breach_id and ${alias}.provider = o.provider and ${alias}.holder = o.holder and ${alias}.subject_ref <> `);
  const others = (alias: string) => sql`from ${sql.table('breach_provisions')} as ${sql.raw(alias)} where ${group(alias)}${s}`;
  const g = (column: string) => sql.ref(`breach_parties.${column}`);
  const items = sql.join(
    b.items.map(
      (_, k) => sql`case when substr(o.items, ${sql.lit(k + 1)}, 1) = '1'
        and not exists (select 1 ${others('x')} and substr(x.items, ${sql.lit(k + 1)}, 1) = '1') then '0'
        else substr(${g('items')}, ${sql.lit(k + 1)}, 1) end`,
    ),
    sql` || `,
  );
  return [
    sql`update ${sql.table('breach_parties')} set
        subjects = ${g('subjects')} - 1,
        items = ${items},
        first_at = case when o.first_at > ${g('first_at')} then ${g('first_at')}
          else coalesce((select min(x.first_at) ${others('x')}), ${g('first_at')}) end,
        last_at = case when o.last_at < ${g('last_at')} then ${g('last_at')}
          else coalesce((select max(x.last_at) ${others('x')}), ${g('last_at')}) end
      from ${provisionsOf(b, s)} as o
      where ${g('breach_id')} = o.breach_id and ${g('provider')} = o.provider and ${g('holder')} = o.holder`.compile(db),
    sql`update ${sql.table('breach_counts')} set subjects = subjects - 1
      where breach_id = ${b.breachId} and dim = 'party'
      and key in (select holder from ${sql.table('breach_provisions')} where breach_id = ${b.breachId} and subject_ref = ${s})`.compile(db),
  ];
}

/**
 * Puts one subject's (new) breach_provisions rows into breach_parties and the `party` counts: a group
 * left empty by partiesWithout takes the row's figures as they are, any other merges them.
 */
function partiesWith(db: Db, b: BreachScope, s: string): CompiledQuery[] {
  const g = (column: string) => sql.ref(`breach_parties.${column}`);
  const empty = sql`${g('subjects')} = 0`;
  const items = sql.join(
    b.items.map((_, k) => sql`case when substr(excluded.items, ${sql.lit(k + 1)}, 1) = '1' then '1' else substr(${g('items')}, ${sql.lit(k + 1)}, 1) end`),
    sql` || `,
  );
  return [
    sql`insert into ${sql.table('breach_parties')} (breach_id, provider, holder, subjects, items, first_at, last_at)
      select breach_id, provider, holder, 1, items, first_at, last_at from ${provisionsOf(b, s)} as n
      where true
      on conflict (breach_id, provider, holder) do update set
        subjects = ${g('subjects')} + 1,
        items = case when ${empty} then excluded.items else ${items} end,
        first_at = case when ${empty} or excluded.first_at < ${g('first_at')} then excluded.first_at else ${g('first_at')} end,
        last_at = case when ${empty} or excluded.last_at > ${g('last_at')} then excluded.last_at else ${g('last_at')} end`.compile(db),
    sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
      select ${b.breachId}, 'party', holder, 1 from ${sql.table('breach_provisions')}
      where breach_id = ${b.breachId} and subject_ref = ${s} group by holder
      on conflict (breach_id, dim, key) do update set subjects = ${sql.ref('breach_counts.subjects')} + excluded.subjects`.compile(db),
  ];
}

/**
 * breach_provisions of the breach's affected subjects (`subject`: of one subject): every holding of a
 * breached item (of the breach's controller) that came from a provider, whenever it started.
 */
function provisionsStatement(db: Db, b: BreachScope, subject: RawBuilder<unknown>): CompiledQuery {
  const byController = b.controller ? sql`and controller = ${b.controller}` : sql``;
  return sql`insert into ${sql.table('breach_provisions')} (breach_id, subject_ref, provider, holder, items, first_at, last_at)
    select ${b.breachId}, subject_ref, provider, holder, ${flagsFromItems(b)}, min(from_at), max(from_at) from ${sql.table('holdings')}
    where provider is not null and item in (${sql.join(b.items)}) ${byController} ${subject}
    and subject_ref in (select subject_ref from ${sql.table('breach_affected')} where breach_id = ${b.breachId} ${subject})
    group by subject_ref, provider, holder`.compile(db);
}

/** breach_counts of the breach from its breach_affected rows (`subject`: restricts them to one subject). */
function countStatements(db: Db, b: BreachScope, subject: RawBuilder<unknown>, bump?: RawBuilder<unknown>): CompiledQuery[] {
  const n = bump ? sql`1` : sql`count(*)`;
  return [
    sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
      select ${b.breachId}, 'items', flags, ${n} from (
        select subject_ref, ${flagsFromRows(b)} as flags from ${sql.table('breach_affected')} where breach_id = ${b.breachId} ${subject} group by subject_ref
      ) as per_subject where flags is not null group by flags ${bump ?? sql``}`.compile(db),
    sql`insert into ${sql.table('breach_counts')} (breach_id, dim, key, subjects)
      select ${b.breachId}, 'controller', controller, ${n} from ${sql.table('breach_affected')}
      where breach_id = ${b.breachId} ${subject} group by controller ${bump ?? sql``}`.compile(db),
  ];
}

/**
 * Keeps an already-filled breach exact when holdings change after it was projected (late events): for
 * each changed subject, takes its contribution out of the counts, derives its rows again from the
 * holdings, and puts the new contribution back. Late changes to a breached holder's window are rare.
 */
export function updateStatements(db: Db, b: BreachScope, subjects: Set<string>, provided: Set<string>): CompiledQuery[] {
  const out: CompiledQuery[] = [];
  if (!b.items.length) return out;
  const bump = sql`on conflict (breach_id, dim, key) do update set subjects = ${sql.ref('breach_counts.subjects')} + excluded.subjects`;
  for (const s of subjects) {
    const rowsOf = sql`from ${sql.table('breach_affected')} where breach_id = ${b.breachId} and subject_ref = ${s}`;
    out.push(
      sql`update ${sql.table('breach_counts')} set subjects = subjects - 1
        where breach_id = ${b.breachId} and dim = 'items' and key = (select ${flagsFromRows(b)} ${rowsOf})`.compile(db),
      sql`update ${sql.table('breach_counts')} set subjects = subjects - 1
        where breach_id = ${b.breachId} and dim = 'controller' and key in (select controller ${rowsOf})`.compile(db),
      sql`delete ${rowsOf}`.compile(db),
      sql`insert into ${sql.table('breach_affected')} (breach_id, subject_ref, controller, items)
        select ${b.breachId}, subject_ref, controller, ${flagsFromItems(b)} ${heldDuring(b)} and subject_ref = ${s}
        group by subject_ref, controller`.compile(db),
      ...countStatements(db, b, sql`and subject_ref = ${s}`, bump),
    );
  }
  // Onward provisions: again for a subject that moved in or out, or that got a breached item from a provider.
  // breach_parties and the `party` counts follow: the subject's old rows out, its new rows in.
  const again = new Set([...subjects, ...provided]);
  for (const s of again) {
    out.push(
      ...partiesWithout(db, b, s),
      sql`delete from ${sql.table('breach_provisions')} where breach_id = ${b.breachId} and subject_ref = ${s}`.compile(db),
      provisionsStatement(db, b, sql`and subject_ref = ${s}`),
      ...partiesWith(db, b, s),
    );
  }
  // Every subject above is in `again`: one sweep of the emptied counts and parties covers them all.
  if (again.size) {
    out.push(
      sql`delete from ${sql.table('breach_parties')} where breach_id = ${b.breachId} and subjects = 0`.compile(db),
      sql`delete from ${sql.table('breach_counts')} where breach_id = ${b.breachId} and subjects = 0`.compile(db),
    );
  }
  return out;
}
