import { sql, type Kysely } from 'kysely';
import type { BreachDeclared } from '@ashiato/domain';
import type { ReadModelDatabase } from '../db/read-model.types';
import type { Page, PageRequest } from '../queries/pagination';
import { acquiredEventId, affectedPage, type AffectedSubject } from '../queries/holding-queries';

/**
 * Blast radius of a declared breach, from the breach_affected / breach_counts read model
 * (libs/projections/src/projectors/breach-impact.projector.ts): the subjects whose breached items the breached holder held at
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
export function affectedSubjects(db: Db, b: BreachDeclared, page: PageRequest = {}): Promise<Page<AffectedSubject>> {
  const { from, to } = window(b);
  return affectedPage(db.selectFrom('breach_affected').select('subject_ref').distinct().where('breach_id', '=', b.breachId), page, (refs) => {
    let detail = db
      .selectFrom('holdings')
      .select(['subject_ref', 'controller', 'item', acquiredEventId])
      .where('subject_ref', 'in', refs)
      // `holder || ''`: keeps SQLite off the (holder, item, …) index, which would visit every holding of
      // the holder; the page's subjects are found by the subject index instead.
      .where(sql<string>`${sql.ref('holder')} || ''`, '=', b.holder)
      .where('item', 'in', b.items)
      .where('from_at', '<=', to)
      .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>=', from)]));
    if (b.controller) detail = detail.where('controller', '=', b.controller);
    return detail.execute();
  });
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
 * onward from those parties (breadth-first, a few hops): a walk over breach_parties, breach_provisions
 * aggregated per (provider, recipient), so each hop reads a few rows per recipient whatever the
 * number of subjects.
 */
export async function receivingParties(db: Db, b: BreachDeclared, maxHops = 3): Promise<ReceivingParty[]> {
  const out: ReceivingParty[] = [];
  const seen = new Set<string>([b.holder]);
  let frontier = [b.holder];
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    const rows = await db
      .selectFrom('breach_parties')
      .select(['holder', 'provider', 'items', 'first_at', 'last_at', 'subjects'])
      .where('breach_id', '=', b.breachId)
      .where('provider', 'in', frontier)
      .execute();
    const next = new Map<string, ReceivingParty & { providers: number }>();
    // In (party, provider) order: parties come out sorted within a hop, `via` is the first provider.
    const byPartyThenProvider = (x: { holder: string; provider: string }, y: { holder: string; provider: string }) =>
      x.holder < y.holder ? -1 : x.holder > y.holder ? 1 : x.provider < y.provider ? -1 : x.provider > y.provider ? 1 : 0;
    for (const r of rows.sort(byPartyThenProvider)) {
      if (seen.has(r.holder)) continue;
      const items = b.items.filter((_, k) => r.items[k] === '1');
      const p = next.get(r.holder);
      if (!p) {
        next.set(r.holder, {
          party: r.holder,
          via: r.provider,
          items: [...new Set(items)].sort(),
          subjects: Number(r.subjects),
          firstAt: String(r.first_at),
          lastAt: String(r.last_at),
          providers: 1,
        });
        continue;
      }
      p.items = [...new Set([...p.items, ...items])].sort();
      if (String(r.first_at) < p.firstAt) p.firstAt = String(r.first_at);
      if (String(r.last_at) > p.lastAt) p.lastAt = String(r.last_at);
      p.providers++;
    }
    // A subject counts once per party even when it came from several parties of this hop.
    const several = [...next.values()].filter((p) => p.providers > 1).map((p) => p.party);
    if (several.length) await countOnce(db, b, frontier, several, next);
    for (const { providers: _, ...p } of next.values()) {
      out.push(p);
      seen.add(p.party);
    }
    frontier = [...next.keys()];
  }
  return out;
}

/**
 * Distinct subjects of parties that received from several providers of one hop. When every provider
 * of such a party is in the hop, its `party` count (distinct subjects over all its providers) is the
 * answer; otherwise (it also received from a party outside the hop) they are counted from
 * breach_provisions, restricted to that party and the hop's providers.
 */
async function countOnce(db: Db, b: BreachDeclared, frontier: string[], several: string[], next: Map<string, ReceivingParty>): Promise<void> {
  const inHop = new Set(frontier);
  const providers = await db
    .selectFrom('breach_parties')
    .select(['holder', 'provider'])
    .where('breach_id', '=', b.breachId)
    .where('holder', 'in', several)
    .execute();
  const outside = new Set(providers.filter((r) => !inHop.has(r.provider)).map((r) => r.holder));
  const whole = several.filter((p) => !outside.has(p));
  if (whole.length) {
    const counts = await db
      .selectFrom('breach_counts')
      .select(['key', 'subjects'])
      .where('breach_id', '=', b.breachId)
      .where('dim', '=', 'party')
      .where('key', 'in', whole)
      .execute();
    for (const c of counts) next.get(c.key)!.subjects = Number(c.subjects);
  }
  if (outside.size) {
    const distinct = await db
      .selectFrom('breach_provisions')
      .select(['holder', (eb) => eb.fn.count<number>('subject_ref').distinct().as('n')])
      .where('breach_id', '=', b.breachId)
      .where('provider', 'in', frontier)
      .where('holder', 'in', [...outside])
      .groupBy('holder')
      .execute();
    for (const d of distinct) next.get(d.holder)!.subjects = Number(d.n);
  }
}
