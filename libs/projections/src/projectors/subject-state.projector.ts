import { evaluateFlow, evolveSubject, type SubjectEvent, type SubjectState } from '@ashiato/domain';
import type { BatchContext, Projected, SubjectProjector, SubjectStep } from './projector';
import { snapshotKey } from './subject-snapshots';

const SUBJECT_TYPES: SubjectEvent['type'][] = ['DataAcquired', 'DataUsed', 'DataProvided', 'DataErased', 'ConsentGiven', 'ConsentWithdrawn'];

/**
 * What the subject state decides about an event before it is applied: the snapshot it moves, the
 * flow's judgement under the policy version in force at its occurredAt, and whose items it moves.
 */
export function subjectStep(ctx: BatchContext, { event: e, position, occurredAt }: Projected<SubjectEvent>): SubjectStep {
  const snap = ctx.snapshots.getOrCreate(snapshotKey(e.controller, e.subjectRef));
  const step: SubjectStep = { event: e, position, occurredAt, snap };
  switch (e.type) {
    case 'DataAcquired':
    case 'DataUsed':
    case 'DataProvided':
      step.policy = ctx.policies.inForce(e.controller, occurredAt);
      step.judgement = evaluateFlow(e, step.policy?.document, snap.state);
      step.holder = e.type === 'DataProvided' ? e.recipient : (e.holder ?? e.controller);
      break;
    case 'DataErased':
      step.holder = e.holder ?? e.controller;
      break;
    case 'ConsentGiven':
    case 'ConsentWithdrawn':
      break;
    default: {
      const unknown: never = e;
      return unknown;
    }
  }
  if (step.holder && e.type !== 'DataUsed') step.heldBefore = heldItems(snap.state, step.holder, 'items' in e && e.items ? e.items : []);
  return step;
}

/** Applies the event to the subject's state (the domain's fold), between the projectors' before and after. */
export function evolveStep(step: SubjectStep): void {
  evolveSubject(step.snap.state, step.event);
}

/**
 * subject_state: one snapshot per (controller, subject), so judging a flow never replays the log;
 * written once per batch with the position of the subject's last event, and the subject's next
 * retention end, which the retention sweep reads.
 */
export const subjectStateProjector: SubjectProjector = {
  readModel: 'subject_state',
  handles: SUBJECT_TYPES,
  after(ctx: BatchContext, { event: e, position, snap }: SubjectStep): void {
    const key = snapshotKey(e.controller, e.subjectRef);
    const touched = ctx.cs.snapshots.get(key);
    if (touched) touched.position = position;
    else ctx.cs.snapshots.set(key, { controller: e.controller, subject_ref: e.subjectRef, snapshot: snap, position });
    ctx.retention.touched(e.controller, e.subjectRef, snap);
  },
};

function heldItems(state: SubjectState, holder: string, items: string[]): string[] {
  const held = state.holdings[holder];
  return held ? items.filter((i) => held[i]) : [];
}
