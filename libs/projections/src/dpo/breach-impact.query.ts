import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { BreachDeclared } from '@ashiato/domain';
import type { ReadModelDatabase } from '../db/read-model.types';

/** Blast radius of a declared breach, from the holdings intervals and the flows read model. */
type Db = Kysely<ReadModelDatabase>;

/**
 * Holdings of the breached items by the breached holder that overlap the window: held from before
 * its end and not erased before its start (the same inclusive window as ProjectionQueries.subjectsHoldingDuring).
 */
function heldDuring(db: Db, b: BreachDeclared) {
  const from = new Date(b.window.from).toISOString();
  const to = new Date(b.window.to).toISOString();
  let q = db
    .selectFrom('holdings')
    .where('holder', '=', b.holder)
    .where('item', 'in', b.items)
    .where('from_at', '<=', to)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>=', from)]));
  if (b.controller) q = q.where('controller', '=', b.controller);
  return q;
}

type HeldQuery = ReturnType<typeof heldDuring>;
function affectedRefs(q: HeldQuery): SelectQueryBuilder<ReadModelDatabase, 'holdings', { subject_ref: string }> {
  return q.select('subject_ref').distinct();
}

export async function affectedSubjectsPage(db: Db, b: BreachDeclared, limit: number, after?: string): Promise<string[]> {
  let q = heldDuring(db, b);
  if (after !== undefined) q = q.where('subject_ref', '>', after);
  const rows = await affectedRefs(q).orderBy('subject_ref').limit(limit).execute();
  return rows.map((r) => r.subject_ref);
}

export async function* allAffectedSubjects(db: Db, b: BreachDeclared, pageSize = 5000): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    const page = await affectedSubjectsPage(db, b, pageSize, after);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
  }
}

export async function affectedControllers(db: Db, b: BreachDeclared): Promise<{ controller: string; subjects: number }[]> {
  const rows = await heldDuring(db, b)
    .select(['controller', (eb) => eb.fn.count<number>('subject_ref').distinct().as('n')])
    .groupBy('controller')
    .orderBy('controller')
    .execute();
  return rows.map((r) => ({ controller: r.controller, subjects: Number(r.n) }));
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
 * onward from those parties (breadth-first, a few hops), from the provision source of each holding
 * (index on holdings(provider, item, from_at)).
 */
export async function receivingParties(db: Db, b: BreachDeclared, maxHops = 3): Promise<ReceivingParty[]> {
  const out: ReceivingParty[] = [];
  const seen = new Set<string>([b.holder]);
  let frontier = [b.holder];
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    let q = db
      .selectFrom('holdings')
      .where('provider', 'in', frontier)
      .where('item', 'in', b.items)
      .where('subject_ref', 'in', affectedRefs(heldDuring(db, b)));
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
