import { actingHolder } from './flows.projector';
import type { BatchContext, SubjectProjector, SubjectStep } from './projector';

/**
 * violations of a flow's judgement, one row per code. Violations found by the projection's clock
 * rather than by an event (an erasure not propagated in time, a retention end passed) are written by
 * their sweeps (erasure-tracker.ts, retention-tracker.ts) into the same table.
 */
export const violationsProjector: SubjectProjector = {
  readModel: 'violations',
  handles: ['DataAcquired', 'DataUsed', 'DataProvided'],
  after(ctx: BatchContext, { event: e, position, occurredAt, judgement }: SubjectStep): void {
    if (!judgement) return;
    const holder = actingHolder(e) ?? e.controller;
    for (const v of judgement.violations) {
      ctx.cs.violations.push({
        event_id: e.eventId,
        code: v.code,
        holder,
        controller: e.controller,
        subject_ref: e.subjectRef,
        occurred_at: occurredAt,
        message: v.message,
        items: v.items ? JSON.stringify(v.items) : null,
        position,
      });
    }
  },
};
