import type { PolicyPublished } from '@ashiato/domain';
import type { BatchContext, EventProjector, Projected } from './projector';
import { toUtcIso } from './time';

/**
 * policies: every published version, also kept in memory (PolicyBook) so that the flows after it in
 * the log are judged by the version in force at their occurredAt.
 */
export const policiesProjector: EventProjector<PolicyPublished> = {
  readModel: 'policies',
  handles: ['PolicyPublished'],
  apply(ctx: BatchContext, p: Projected<PolicyPublished>): void {
    const { event: e, position, occurredAt } = p;
    const effectiveFrom = learnPolicy(ctx, p);
    ctx.cs.policies.push({
      event_id: e.eventId,
      controller: e.controller,
      version: e.policy.version,
      effective_from: effectiveFrom,
      published_at: occurredAt,
      position,
      document: JSON.stringify(e.policy),
    });
  },
};

/** Adds the version to the policies in memory; a partition other than 0 only learns it (it writes no row). */
export function learnPolicy(ctx: BatchContext, { event: e, position }: Projected<PolicyPublished>): string {
  const effectiveFrom = toUtcIso(e.policy.effectiveFrom);
  ctx.policies.add({ controller: e.controller, version: e.policy.version, effectiveFrom, position, eventId: e.eventId, document: e.policy });
  return effectiveFrom;
}
