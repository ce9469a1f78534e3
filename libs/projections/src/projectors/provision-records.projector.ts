import { activeConsents, provisionRecordKeptUntil } from '@ashiato/domain';
import type { BatchContext, SubjectProjector, SubjectStep } from './projector';

/**
 * provision_records: the record of each provision to a third party (APPI Art. 29, GDPR Art. 30).
 * Whether it is required and its basis are the domain's decision (judgement.record); the consents it
 * rests on are those standing before the provision, so it runs before the subject state moves.
 */
export const provisionRecordsProjector: SubjectProjector = {
  readModel: 'provision_records',
  handles: ['DataProvided'],
  before(ctx: BatchContext, { event: e, position, occurredAt, policy, judgement, snap }: SubjectStep): void {
    if (e.type !== 'DataProvided') return;
    const record = judgement?.record;
    const recipient = policy?.document.recipients.find((r) => r.id === e.recipient);
    const consents = activeConsents(snap.state, { purposes: e.purposes, items: e.items, recipient: e.recipient }).map((c) => c.eventId);
    ctx.cs.provisionRecords.push({
      event_id: e.eventId,
      position,
      occurred_at: occurredAt,
      controller: e.controller,
      provider: e.holder ?? e.controller,
      subject_ref: e.subjectRef,
      recipient_id: e.recipient,
      recipient_name: recipient?.name ?? e.recipient,
      recipient_address: recipient?.address ?? null,
      recipient_country: recipient?.country ?? null,
      recipient_relation: recipient?.relation ?? null,
      items: JSON.stringify(e.items),
      purposes: JSON.stringify(e.purposes),
      basis: record?.basis ?? null,
      consent_ref: e.consentRef ?? null,
      consent: consents.length || e.consentRef ? JSON.stringify({ consentRef: e.consentRef, consentEventIds: consents }) : null,
      record_required: record?.required === false ? 0 : 1,
      retention_until: provisionRecordKeptUntil(occurredAt),
    });
  },
};
