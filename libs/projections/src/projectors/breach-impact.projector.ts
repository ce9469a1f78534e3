import type { CompiledQuery, Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import type { Changeset } from './changeset';
import { fillStatements, scopeOf, updateStatements, type BreachScope } from './breach-impact.statements';

type Db = Kysely<ReadModelDatabase>;

function meets(b: BreachScope, from: string, to: string | null): boolean {
  return from <= b.to && (to === null || to >= b.from);
}

/**
 * breach_affected, breach_counts, breach_provisions and breach_parties: each declared breach's impact,
 * derived from the holdings rather than from events. Its statements are the batch's derived
 * statements, which both writers run inside the batch's transaction after its rows and before its
 * checkpoint (writers/changeset-writer.ts). A breach declared in the batch (BreachDeclared) is filled
 * set-based from the holdings; an earlier breach is updated for the batch's holdings rows that can
 * change it. Declared breaches are few and kept in memory; `load` rereads them whenever the engine reloads.
 */
export class BreachImpactProjector {
  readonly readModel = 'breach_affected';
  readonly handles = ['BreachDeclared', 'DataAcquired', 'DataProvided', 'DataErased'] as const;

  private breaches: BreachScope[] = [];

  /** `upTo`: only the breaches declared up to that position (a partition learns later ones from the log). */
  async load(db: Db, upTo?: number): Promise<void> {
    const rows = await db
      .selectFrom('breaches')
      .select(['breach_id', 'holder', 'controller', 'items', 'window_from', 'window_to'])
      .$if(upTo !== undefined, (q) => q.where('position', '<=', upTo!))
      .execute();
    this.breaches = rows.map(scopeOf);
  }

  /** A breach declared in the log whose row another partition writes and fills: kept exact from the next batch on. */
  learn(b: BreachScope): void {
    this.breaches.push(b);
  }

  /** `deferFill`: a rebuild fills every breach once after its bulk load (fillAllBreaches), so none here. */
  statements(db: Db, cs: Changeset, deferFill = false): CompiledQuery[] {
    const out: CompiledQuery[] = [];
    if (!deferFill) {
      for (const b of this.breaches) {
        const subjects = changedSubjects(b, cs);
        const provided = providedSubjects(b, cs);
        if (subjects.size || provided.size) out.push(...updateStatements(db, b, subjects, provided));
      }
    }
    for (const row of cs.breaches) {
      const b = scopeOf(row);
      if (!deferFill) out.push(...fillStatements(db, b));
      this.breaches.push(b);
    }
    return out;
  }
}

/** Subjects whose rows of the breach this batch's holdings rows can change. */
function changedSubjects(b: BreachScope, cs: Changeset): Set<string> {
  const out = new Set<string>();
  const concerns = (r: { holder: string; item: string; controller: string }) =>
    r.holder === b.holder && b.items.includes(r.item) && (b.controller === null || r.controller === b.controller);
  for (const r of cs.holdings) if (concerns(r) && meets(b, r.from_at, r.to_at)) out.add(r.subject_ref);
  // A close ending before the window can take the key out of it; one ending later leaves it in.
  for (const c of cs.holdingCloses) if (concerns(c) && c.to_at < b.from) out.add(c.subject_ref);
  return out;
}

/** Subjects that got a breached item from a provider in this batch (their onward provisions change). */
function providedSubjects(b: BreachScope, cs: Changeset): Set<string> {
  const out = new Set<string>();
  for (const r of cs.holdings) {
    if (r.provider && b.items.includes(r.item) && (b.controller === null || r.controller === b.controller)) out.add(r.subject_ref);
  }
  return out;
}

/** Fills every declared breach from the holdings as they stand (a rebuild, after its bulk load and indexes). */
export async function fillAllBreaches(db: Db): Promise<void> {
  const rows = await db.selectFrom('breaches').select(['breach_id', 'holder', 'controller', 'items', 'window_from', 'window_to']).orderBy('position').execute();
  await db.transaction().execute(async (trx) => {
    for (const row of rows) for (const q of fillStatements(trx, scopeOf(row))) await trx.executeQuery(q);
  });
}
