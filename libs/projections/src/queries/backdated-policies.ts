import { policyMissingMessage, versionInForce, type PolicyDocument, type PublishedVersion } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';

interface ViolationRow {
  code: string;
  controller: string;
  occurred_at: string;
  position: number | string | bigint;
  message: string;
}

/**
 * A POLICY_MISSING verdict stays as recorded when a version published later is back-dated to before
 * the flow; its message, read now, says so (`policyMissingMessage`), so that it agrees with the policy
 * answered for that instant. Rewrites the messages of `rows` in place.
 */
export async function explainBackdatedPolicies(db: Kysely<ReadModelDatabase>, rows: ViolationRow[]): Promise<void> {
  const missing = rows.filter((r) => r.code === 'POLICY_MISSING');
  if (!missing.length) return;
  const controllers = [...new Set(missing.map((r) => r.controller))];
  const published = await db
    .selectFrom('policies')
    .select(['controller', 'version', 'effective_from', 'published_at', 'position', 'document'])
    .where('controller', 'in', controllers)
    .execute();
  const byController = new Map<string, PublishedVersion[]>();
  for (const p of published) {
    const list = byController.get(p.controller) ?? [];
    const { regime } = JSON.parse(p.document) as Pick<PolicyDocument, 'regime'>;
    list.push({ version: p.version, effectiveFrom: p.effective_from, publishedAt: p.published_at, position: Number(p.position), regime });
    byController.set(p.controller, list);
  }
  for (const r of missing) {
    const now = versionInForce(byController.get(r.controller) ?? [], r.occurred_at);
    if (now && now.position > Number(r.position)) r.message = policyMissingMessage(r.controller, r.occurred_at, now);
  }
}
