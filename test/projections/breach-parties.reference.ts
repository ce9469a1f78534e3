import type { Kysely } from 'kysely';
import type { BreachDeclared } from '@ashiato/domain';
import type { ReadModelDatabase } from '@ashiato/projections';
import type { ReceivingParty } from '@ashiato/projections/dpo/breach-impact.query';

/**
 * The receiving parties as they were derived before breach_provisions existed: straight from the
 * holdings, re-deriving the affected set on each hop. The projection must answer the same.
 */
export async function receivingPartiesFromHoldings(db: Kysely<ReadModelDatabase>, b: BreachDeclared, maxHops = 3): Promise<ReceivingParty[]> {
  const from = new Date(b.window.from).toISOString();
  const to = new Date(b.window.to).toISOString();
  let affected = db
    .selectFrom('holdings')
    .select('subject_ref')
    .where('holder', '=', b.holder)
    .where('item', 'in', b.items)
    .where('from_at', '<=', to)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>=', from)]));
  if (b.controller) affected = affected.where('controller', '=', b.controller);
  const out: ReceivingParty[] = [];
  const seen = new Set<string>([b.holder]);
  let frontier = [b.holder];
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    let q = db.selectFrom('holdings').where('provider', 'in', frontier).where('item', 'in', b.items).where('subject_ref', 'in', affected);
    if (b.controller) q = q.where('controller', '=', b.controller);
    const perItem = await q
      .select(['holder', 'provider', 'item', (eb) => eb.fn.min('from_at').as('first'), (eb) => eb.fn.max('from_at').as('last')])
      .groupBy(['holder', 'provider', 'item'])
      .orderBy('holder')
      .orderBy('provider')
      .orderBy('item')
      .execute();
    const perParty = await q
      .select(['holder', (eb) => eb.fn.count<number>('subject_ref').distinct().as('n')])
      .groupBy('holder')
      .execute();
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

export interface PartyAggregates {
  groups: { provider: string; holder: string; subjects: number; items: string; firstAt: string; lastAt: string }[];
  parties: { holder: string; subjects: number }[];
}

const byKey =
  <T>(key: (x: T) => string) =>
  (x: T, y: T) =>
    key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;

/** breach_parties and the `party` counts of a breach as they stand in the read model. */
export async function partyAggregates(db: Kysely<ReadModelDatabase>, breachId: string): Promise<PartyAggregates> {
  const rows = await db.selectFrom('breach_parties').selectAll().where('breach_id', '=', breachId).execute();
  const counts = await db.selectFrom('breach_counts').select(['key', 'subjects']).where('breach_id', '=', breachId).where('dim', '=', 'party').execute();
  return {
    groups: rows
      .map((r) => ({ provider: r.provider, holder: r.holder, subjects: Number(r.subjects), items: r.items, firstAt: r.first_at, lastAt: r.last_at }))
      .sort(byKey((g) => `${g.provider}\u0000${g.holder}`)),
    parties: counts.map((c) => ({ holder: c.key, subjects: Number(c.subjects) })).sort(byKey((p) => p.holder)),
  };
}

/** The same aggregates folded in memory from the breach's breach_provisions rows (one per subject, provider and recipient). */
export async function partyAggregatesFromProvisions(db: Kysely<ReadModelDatabase>, breachId: string): Promise<PartyAggregates> {
  const rows = await db.selectFrom('breach_provisions').selectAll().where('breach_id', '=', breachId).execute();
  const groups = new Map<string, PartyAggregates['groups'][number]>();
  const subjects = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.provider}\u0000${r.holder}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { provider: r.provider, holder: r.holder, subjects: 1, items: r.items, firstAt: r.first_at, lastAt: r.last_at });
    else {
      g.subjects++;
      g.items = [...g.items].map((f, k) => (f === '1' || r.items[k] === '1' ? '1' : '0')).join('');
      if (r.first_at < g.firstAt) g.firstAt = r.first_at;
      if (r.last_at > g.lastAt) g.lastAt = r.last_at;
    }
    subjects.set(r.holder, (subjects.get(r.holder) ?? new Set()).add(r.subject_ref));
  }
  return {
    groups: [...groups.values()].sort(byKey((g) => `${g.provider}\u0000${g.holder}`)),
    parties: [...subjects].map(([holder, s]) => ({ holder, subjects: s.size })).sort(byKey((p) => p.holder)),
  };
}
