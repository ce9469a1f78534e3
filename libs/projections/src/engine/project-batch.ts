import { projectionClockReading, type AshiatoEvent } from '@ashiato/domain';
import type { StoredEvent } from '@ashiato/event-store';
import { bumpStat, emptyChangeset, type Changeset } from './changeset';
import { ErasureTracker, type ObligationCandidate } from './erasure-tracker';
import type { PolicyBook } from './policy-book';
import { projectSubjectEvent, type BatchContext } from './project-subject-event';
import { RetentionTracker, type RetentionCandidate } from './retention-tracker';
import type { SnapshotCache } from './subject-snapshots';
import { toUtcIso } from './time';

export interface BatchInput {
  events: StoredEvent[];
  fromPosition: number;
  watermark: string | null;
  policies: PolicyBook;
  snapshots: SnapshotCache;
  /** Open, unflagged obligations due before the batch's highest occurredAt. */
  dueCandidates: ObligationCandidate[];
  /** Subjects whose stored next retention end is before the batch's highest occurredAt. */
  retentionCandidates?: RetentionCandidate[];
  erasureDeadlineDays: number;
  /** ASHIATO_FUTURE_SKEW: how far past its recording an event may move the clock (projectionClockReading). */
  futureSkewMs: number;
}

/**
 * Turns a batch of stored events into the rows it writes. Policies and snapshots are mutated in memory
 * as it goes; the caller discards both if the batch's transaction fails.
 */
export function projectBatch(input: BatchInput): Changeset {
  const cs = emptyChangeset(input.fromPosition, input.watermark);
  const ctx: BatchContext = {
    cs,
    policies: input.policies,
    snapshots: input.snapshots,
    erasures: new ErasureTracker(cs, input.erasureDeadlineDays, input.dueCandidates),
    retention: new RetentionTracker(cs, input.policies, input.snapshots, input.retentionCandidates ?? []),
    openHoldings: new Map(),
  };
  for (const stored of input.events) {
    if (stored.position <= cs.checkpoint.position) continue;
    cs.checkpoint.position = stored.position;
    const event = stored.data as unknown as AshiatoEvent;
    const occurredAt = toUtcIso(event.occurredAt);
    // The watermark is the projection's clock: event time, capped at recording time plus skew.
    const clock = projectionClockReading({ type: event.type, occurredAt, recordedAt: stored.recordedAt }, input.futureSkewMs);
    if (clock !== null && (cs.checkpoint.watermark === null || clock > cs.checkpoint.watermark)) {
      cs.checkpoint.watermark = clock;
      ctx.erasures.sweep(clock);
      ctx.retention.sweep(clock);
    }
    projectEvent(ctx, event, stored.position, occurredAt);
  }
  return cs;
}

function projectEvent(ctx: BatchContext, e: AshiatoEvent, position: number, occurredAt: string): void {
  const { cs } = ctx;
  switch (e.type) {
    case 'PolicyPublished': {
      const effectiveFrom = toUtcIso(e.policy.effectiveFrom);
      ctx.policies.add({ controller: e.controller, version: e.policy.version, effectiveFrom, position, eventId: e.eventId, document: e.policy });
      cs.policies.push({
        event_id: e.eventId,
        controller: e.controller,
        version: e.policy.version,
        effective_from: effectiveFrom,
        published_at: occurredAt,
        position,
        document: JSON.stringify(e.policy),
      });
      break;
    }
    case 'DataAcquired':
    case 'DataUsed':
    case 'DataProvided':
    case 'DataErased':
    case 'ConsentGiven':
    case 'ConsentWithdrawn':
      projectSubjectEvent(ctx, e, position, occurredAt);
      return; // counted there
    case 'BreachDeclared':
      cs.breaches.push({
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
      break;
    case 'BreachReported':
    case 'SubjectsNotified':
      cs.breachFacts.push({
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
      break;
    case 'AccessRecorded':
      break;
    default: {
      // A type this version does not know (written by a newer one): counted, otherwise skipped.
      const unknown: never = e;
      bumpStat(cs, 'events', String((unknown as { type?: unknown }).type));
      return;
    }
  }
  bumpStat(cs, 'events', e.type);
}
