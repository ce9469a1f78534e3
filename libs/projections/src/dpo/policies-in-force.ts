import type { Kysely } from 'kysely';
import type { PolicyDocument } from '@ashiato/domain';
import type { ReadModelDatabase } from '../db/read-model.types';

/**
 * The policy version of each controller in force at `at` (latest effectiveFrom ≤ at, the later
 * publication winning a tie), for several controllers in one read. Publication time is not a filter:
 * policies are usually published after the facts they cover are recorded with past dates.
 */
export async function policiesInForceAt(
  db: Kysely<ReadModelDatabase>,
  controllers: readonly string[],
  at: string,
): Promise<Record<string, PolicyDocument | undefined>> {
  const out: Record<string, PolicyDocument | undefined> = {};
  if (!controllers.length) return out;
  const rows = await db
    .selectFrom('policies')
    .select(['controller', 'document', 'effective_from', 'position'])
    .where('controller', 'in', [...new Set(controllers)])
    .where('effective_from', '<=', at)
    .orderBy('controller')
    .orderBy('effective_from', 'desc')
    .orderBy('position', 'desc')
    .execute();
  for (const row of rows) if (!(row.controller in out)) out[row.controller] = JSON.parse(row.document) as PolicyDocument;
  return out;
}

/** The newest published version of each controller's policy, whatever its effective date. */
export async function latestPolicies(db: Kysely<ReadModelDatabase>, controllers: readonly string[]): Promise<Record<string, PolicyDocument | undefined>> {
  const out: Record<string, PolicyDocument | undefined> = {};
  if (!controllers.length) return out;
  const rows = await db
    .selectFrom('policies')
    .select(['controller', 'document'])
    .where('controller', 'in', [...new Set(controllers)])
    .orderBy('controller')
    .orderBy('effective_from', 'desc')
    .orderBy('position', 'desc')
    .execute();
  for (const row of rows) if (!(row.controller in out)) out[row.controller] = JSON.parse(row.document) as PolicyDocument;
  return out;
}
