import type { Kysely } from 'kysely';
import type { BreachDeclared } from '@ashiato/domain';
import type { ReadModelDatabase } from '../db/read-model.types';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from '../queries/pagination';
import type { AffectedSubject } from '../queries/holding-queries';

/**
 * Blast radius of a declared breach, from the breach_affected / breach_counts read model
 * (libs/projections/src/breach-impact): the subjects whose breached items the breached holder held at
 * any time inside the inclusive window, kept exact as holdings change. Nothing here re-derives that
 * set from the holdings intervals.
 */
type Db = Kysely<ReadModelDatabase>;

function window(b: BreachDeclared): { from: string; to: string } {
  return { from: new Date(b.window.from).toISOString(), to: new Date(b.window.to).toISOString() };
}

export interface BreachCounts {
  /** Distinct affected subjects. */
  subjects: number;
  /** Distinct subjects with at least one of `items` (a subject counts once however many it has). */
  withAnyOf(items: string[]): number;
  byController: { controller: string; subjects: number }[];
}

/** Every figure of the breach from a handful of pre-aggregated rows (one per item combination and controller). */
export async function breachCounts(db: Db, b: BreachDeclared): Promise<BreachCounts> {
  const rows = await db.selectFrom('breach_counts').select(['dim', 'key', 'subjects']).where('breach_id', '=', b.breachId).where('subjects', '>', 0).execute();
  const combos = rows.filter((r) => r.dim === 'items').map((r) => ({ flags: r.key, subjects: Number(r.subjects) }));
  const withAnyOf = (items: string[]): number => {
    const at = b.items.flatMap((item, k) => (items.includes(item) ? [k] : []));
    return combos.reduce((n, c) => (at.some((k) => c.flags[k] === '1') ? n + c.subjects : n), 0);
  };
  return {
    subjects: combos.reduce((n, c) => n + c.subjects, 0),
    withAnyOf,
    byController: rows
      .filter((r) => r.dim === 'controller')
      .map((r) => ({ controller: r.key, subjects: Number(r.subjects) }))
      .sort((x, y) => (x.controller < y.controller ? -1 : x.controller > y.controller ? 1 : 0)),
  };
}

export async function affectedControllers(db: Db, b: BreachDeclared): Promise<{ controller: string; subjects: number }[]> {
  return (await breachCounts(db, b)).byController;
}

/** One page of affected subjects by subjectRef, with the controllers, items and events that put them with the holder. */
export async function affectedSubjects(db: Db, b: BreachDeclared, page: PageRequest = {}): Promise<Page<AffectedSubject>> {
  const limit = pageLimit(page);
  const after = decodeCursor<string>(page.cursor, 'string');
  let keys = db.selectFrom('breach_affected').select('subject_ref').distinct().where('breach_id', '=', b.breachId);
  if (after !== undefined) keys = keys.where('subject_ref', '>', after);
  const subjects = await keys.orderBy('subject_ref').limit(limit + 1).execute();
  const refs = subjects.slice(0, limit).map((s) => s.subject_ref);
  const { from, to } = window(b);
  let detail = db
    .selectFrom('holdings')
    .select(['subject_ref', 'controller', 'item', 'acquired_event_id'])
    .where('subject_ref', 'in', refs.length ? refs : [''])
    .where('holder', '=', b.holder)
    .where('item', 'in', b.items)
    .where('from_at', '<=', to)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>=', from)]));
  if (b.controller) detail = detail.where('controller', '=', b.controller);
  const rows = refs.length ? await detail.execute() : [];
  const bySubject = new Map<string, AffectedSubject>(refs.map((r) => [r, { subjectRef: r, controllers: [], items: [], eventIds: [] }]));
  for (const r of rows) {
    const s = bySubject.get(r.subject_ref)!;
    if (!s.controllers.includes(r.controller)) s.controllers.push(r.controller);
    if (!s.items.includes(r.item)) s.items.push(r.item);
    if (!s.eventIds.includes(r.acquired_event_id)) s.eventIds.push(r.acquired_event_id);
  }
  return toPage(subjects, limit, (s) => bySubject.get(s.subject_ref)!, (s) => s.subject_ref);
}

/** Every affected subjectRef, in pages (the notification list). */
export async function* allAffectedSubjects(db: Db, b: BreachDeclared, pageSize = 5000): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    let q = db.selectFrom('breach_affected').select('subject_ref').distinct().where('breach_id', '=', b.breachId);
    if (after !== undefined) q = q.where('subject_ref', '>', after);
    const page = (await q.orderBy('subject_ref').limit(pageSize).execute()).map((r) => r.subject_ref);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
  }
}

export interface ReceivingParty {
  party: string;
  /** The holder it received the items from (the breached holder, or a party downstream of it). */
  via: string;
  items: string[];
  subjects: number;
  firstAt: string;
  lastAt: string;
}

/**
 * Parties that received the breached items of the affected subjects from the breached holder, and
 * onward from those parties (breadth-first, a few hops): the provisions of each holding (partial index
 * on holdings(provider, holder, item, subject_ref, from_at)) whose subject is in breach_affected.
 */
export async function receivingParties(db: Db, b: BreachDeclared, maxHops = 3): Promise<ReceivingParty[]> {
  const out: ReceivingParty[] = [];
  const seen = new Set<string>([b.holder]);
  let frontier = [b.holder];
  const affected = db.selectFrom('breach_affected').select('subject_ref').where('breach_id', '=', b.breachId);
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    let q = db.selectFrom('holdings').where('provider', 'in', frontier).where('item', 'in', b.items).where('subject_ref', 'in', affected);
    if (b.controller) q = q.where('controller', '=', b.controller);
    const [perItem, perParty] = await Promise.all([
      q.select(['holder', 'provider', 'item', (eb) => eb.fn.min('from_at').as('first'), (eb) => eb.fn.max('from_at').as('last')]).groupBy(['holder', 'provider', 'item']).execute(),
      q.select(['holder', (eb) => eb.fn.count<number>('subject_ref').distinct().as('n')]).groupBy('holder').execute(),
    ]);
    const next = new Map<string, ReceivingParty>();
    for (const r of perItem) {
      if (seen.has(r.holder)) continue;
      const first = String(r.first);
      const last = String(r.last);
      const p = next.get(r.holder) ?? { party: r.holder, via: r.provider ?? b.holder, items: [], subjects: 0, firstAt: first, lastAt: last };
      if (!p.items.includes(r.item)) p.items = [...p.items, r.item].sort();
      if (first < p.firstAt) p.firstAt = first;
      if (last > p.lastAt) p.lastAt = last;
      next.set(r.holder, p);
    }
    for (const p of next.values()) {
      p.subjects = Number(perParty.find((x) => x.holder === p.party)?.n ?? 0);
      out.push(p);
      seen.add(p.party);
    }
    frontier = [...next.keys()];
  }
  return out;
}
