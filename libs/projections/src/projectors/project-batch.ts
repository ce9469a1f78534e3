import { isSubjectEvent, projectionClockReading, type AshiatoEvent, type PolicyPublished, type SubjectEvent } from '@ashiato/domain';
import type { StoredEvent } from '@ashiato/event-store';
import { breachesProjector } from './breaches.projector';
import { emptyChangeset, type Changeset } from './changeset';
import { ErasureTracker, type ObligationCandidate } from './erasure-tracker';
import { erasuresProjector } from './erasures.projector';
import { flowsProjector } from './flows.projector';
import { holdingsProjector } from './holdings.projector';
import { learnPolicy, policiesProjector } from './policies.projector';
import type { PolicyBook } from './policy-book';
import type { BatchContext, EventProjector, Projected, SubjectProjector } from './projector';
import { provisionRecordsProjector } from './provision-records.projector';
import { RetentionTracker, type RetentionCandidate } from './retention-tracker';
import { eventStatsProjector, subjectStatsProjector } from './stats.projector';
import { evolveStep, subjectStateProjector, subjectStep } from './subject-state.projector';
import type { SnapshotCache } from './subject-snapshots';
import { toUtcIso } from './time';
import { violationsProjector } from './violations.projector';

/** In this order: provision records and erasure fan-out read the state an event meets; the rest, the state it leaves. */
export const SUBJECT_PROJECTORS: readonly SubjectProjector[] = [
  provisionRecordsProjector,
  erasuresProjector,
  holdingsProjector,
  flowsProjector,
  violationsProjector,
  subjectStatsProjector,
  subjectStateProjector,
];

export const EVENT_PROJECTORS: readonly EventProjector[] = [policiesProjector as EventProjector, breachesProjector as EventProjector, eventStatsProjector];

function byType<P extends { handles: readonly string[] }>(projectors: readonly P[]): Map<string, P[]> {
  const out = new Map<string, P[]>();
  for (const p of projectors) for (const type of p.handles) out.set(type, [...(out.get(type) ?? []), p]);
  return out;
}

const SUBJECT_BY_TYPE = byType(SUBJECT_PROJECTORS);
const EVENT_BY_TYPE = byType(EVENT_PROJECTORS);

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
  /**
   * A partition of the subjects (runtime/partition.ts): only the subject events of subjects it owns are
   * projected, and only the primary partition writes the rows of events that belong to no subject.
   */
  owns?: (subjectRef: string) => boolean;
  primary?: boolean;
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
    const projected = { event, position: stored.position, occurredAt };
    if (isSubjectEvent(event)) {
      if (!input.owns || input.owns(event.subjectRef)) projectSubjectEvent(ctx, projected as Projected<SubjectEvent>);
    } else if (input.primary === false) {
      if (event.type === 'PolicyPublished') learnPolicy(ctx, projected as Projected<PolicyPublished>);
    } else {
      // A type this version does not know (written by a newer one) is counted, otherwise skipped.
      for (const p of EVENT_BY_TYPE.get(event.type) ?? [eventStatsProjector]) p.apply(ctx, projected);
    }
  }
  return cs;
}

function projectSubjectEvent(ctx: BatchContext, projected: Projected<SubjectEvent>): void {
  const projectors = SUBJECT_BY_TYPE.get(projected.event.type) ?? [];
  const step = subjectStep(ctx, projected);
  for (const p of projectors) p.before?.(ctx, step);
  evolveStep(step);
  for (const p of projectors) p.after?.(ctx, step);
}
