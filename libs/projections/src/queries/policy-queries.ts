import type { PolicyDocument } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { utc } from './pagination';

export interface PolicyVersionView {
  controller: string;
  version: string;
  effectiveFrom: string;
  publishedAt: string;
  eventId: string;
  position: number;
  document: PolicyDocument;
}

function toView(r: ReadModelDatabase['policies']): PolicyVersionView {
  return {
    controller: r.controller,
    version: r.version,
    effectiveFrom: r.effective_from,
    publishedAt: r.published_at,
    eventId: r.event_id,
    position: Number(r.position),
    document: JSON.parse(r.document) as PolicyDocument,
  };
}

/** The version in force at `at`: latest effectiveFrom ≤ at, the later publication winning a tie. */
export async function policyInForce(db: Kysely<ReadModelDatabase>, controller: string, at: string): Promise<PolicyVersionView | undefined> {
  const row = await db
    .selectFrom('policies')
    .selectAll()
    .where('controller', '=', controller)
    .where('effective_from', '<=', utc(at)!)
    .orderBy('effective_from', 'desc')
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toView(row);
}

/** Every published version of a controller's policy, in the order they take effect. */
export async function policyHistory(db: Kysely<ReadModelDatabase>, controller: string): Promise<PolicyVersionView[]> {
  const rows = await db.selectFrom('policies').selectAll().where('controller', '=', controller).orderBy('effective_from').orderBy('position').execute();
  return rows.map(toView);
}

/** Controllers that have published a policy. */
export async function listControllers(db: Kysely<ReadModelDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('policies').select('controller').distinct().orderBy('controller').execute();
  return rows.map((r) => r.controller);
}
