import type { BreachEvent } from '@ashiato/domain';
import type { BatchContext, EventProjector, Projected } from './projector';
import { toUtcIso } from './time';

/**
 * breaches and breach_facts: each declared breach, and what was reported or notified about it. Its
 * impact (breach_affected, counts, parties) is derived from the holdings: breach-impact.projector.ts.
 */
export const breachesProjector: EventProjector<BreachEvent> = {
  readModel: 'breaches',
  handles: ['BreachDeclared', 'BreachReported', 'SubjectsNotified'],
  apply(ctx: BatchContext, { event: e, position, occurredAt }: Projected<BreachEvent>): void {
    if (e.type === 'BreachDeclared') {
      ctx.cs.breaches.push({
        breach_id: e.breachId,
        event_id: e.eventId,
        position,
        occurred_at: occurredAt,
        holder: e.holder,
        controller: e.controller ?? null,
        items: JSON.stringify(e.items),
        window_from: toUtcIso(e.window.from),
        window_to: toUtcIso(e.window.to),
        discovered_at: toUtcIso(e.discoveredAt),
        cause: e.cause ?? null,
        event: JSON.stringify(e),
      });
      return;
    }
    ctx.cs.breachFacts.push({
      event_id: e.eventId,
      breach_id: e.breachId,
      position,
      type: e.type,
      occurred_at: occurredAt,
      report: e.type === 'BreachReported' ? e.report : null,
      authority: e.type === 'BreachReported' ? (e.authority ?? null) : null,
      count: e.type === 'SubjectsNotified' ? (e.count ?? null) : null,
      event: JSON.stringify(e),
    });
  },
};
