import type { Kysely } from 'kysely';
import type { PolicyDocument } from '@ashiato/domain';
import type { ReadModelDatabase } from '../db/read-model.types';

/**
 * The policy version of each controller in force at `at` (latest effectiveFrom ≤ at, the later
 * publication winning a tie), for several controllers in one read. Publication time is not a filter:
 * policies are usually published after the facts they cover are recorded with past dates.
 */
export function policiesInForceAt(
  db: Kysely<ReadModelDatabase>,
  controllers: readonly string[],
  at: string,
): Promise<Record<string, PolicyDocument | undefined>> {
  return newestPolicies(db, controllers, at);
}

/** The newest published version of each controller's policy, whatever its effective date. */
export function latestPolicies(db: Kysely<ReadModelDatabase>, controllers: readonly string[]): Promise<Record<string, PolicyDocument | undefined>> {
  return newestPolicies(db, controllers);
}

/** Each controller's policy with the latest effectiveFrom (≤ `at` when given), the later publication winning a tie. */
async function newestPolicies(db: Kysely<ReadModelDatabase>, controllers: readonly string[], at?: string): Promise<Record<string, PolicyDocument | undefined>> {
  const out: Record<string, PolicyDocument | undefined> = {};
  if (!controllers.length) return out;
  let q = db
    .selectFrom('policies')
    .select(['controller', 'document'])
    .where('controller', 'in', [...new Set(controllers)]);
  if (at !== undefined) q = q.where('effective_from', '<=', at);
  const rows = await q.orderBy('controller').orderBy('effective_from', 'desc').orderBy('position', 'desc').execute();
  for (const row of rows) if (!(row.controller in out)) out[row.controller] = JSON.parse(row.document) as PolicyDocument;
  return out;
}
