import { encodeFlowDetail } from './flow-event-codec';
import type { BatchContext, SubjectProjector, SubjectStep } from './projector';

/** The party acting in a flow: the holder of an acquisition, use, provision or erasure; none for a consent. */
export function actingHolder(e: SubjectStep['event']): string | null {
  return e.type === 'ConsentGiven' || e.type === 'ConsentWithdrawn' ? null : (e.holder ?? e.controller);
}

/** flows: one row per subject event, with the verdict and codes of its judgement (lineage, lookups, what-if). */
export const flowsProjector: SubjectProjector = {
  readModel: 'flows',
  handles: ['DataAcquired', 'DataUsed', 'DataProvided', 'DataErased', 'ConsentGiven', 'ConsentWithdrawn'],
  after(ctx: BatchContext, { event: e, position, occurredAt, policy, judgement }: SubjectStep): void {
    ctx.cs.flows.push({
      event_id: e.eventId,
      position,
      type: e.type,
      occurred_at: occurredAt,
      controller: e.controller,
      subject_ref: e.subjectRef,
      holder: actingHolder(e),
      recipient: e.type === 'DataProvided' ? e.recipient : null,
      items: JSON.stringify(('items' in e && e.items) || []),
      purposes: 'purposes' in e && e.purposes ? JSON.stringify(e.purposes) : null,
      basis: e.type === 'DataProvided' ? (e.basis ?? null) : null,
      policy_version: policy?.version ?? null,
      verdict: judgement?.verdict ?? null,
      codes: judgement ? JSON.stringify(judgement.violations.map((v) => v.code)) : null,
      event: encodeFlowDetail(e, occurredAt),
    });
  },
};
