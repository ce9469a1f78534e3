import type { AshiatoEvent } from '@ashiato/domain';
import { bumpStat } from './changeset';
import type { BatchContext, EventProjector, Projected, SubjectProjector, SubjectStep } from './projector';

/** Events of every other type, and of a type this version does not know (written by a newer one). */
export const eventStatsProjector: EventProjector = {
  readModel: 'stats',
  handles: ['PolicyPublished', 'BreachDeclared', 'BreachReported', 'SubjectsNotified', 'AccessRecorded'],
  apply(ctx: BatchContext, { event }: Projected<AshiatoEvent>): void {
    bumpStat(ctx.cs, 'events', String(event.type));
  },
};

/** Subject events by type, flow verdicts by UTC day, violations by code and controller. */
export const subjectStatsProjector: SubjectProjector = {
  readModel: 'stats',
  handles: ['DataAcquired', 'DataUsed', 'DataProvided', 'DataErased', 'ConsentGiven', 'ConsentWithdrawn'],
  after(ctx: BatchContext, { event: e, occurredAt, judgement }: SubjectStep): void {
    bumpStat(ctx.cs, 'events', e.type);
    if (!judgement) return;
    bumpStat(ctx.cs, 'flows', occurredAt.slice(0, 10), judgement.verdict);
    for (const v of judgement.violations) bumpStat(ctx.cs, 'violations', v.code, e.controller);
  },
};
