import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { streamOf, type AccessRecorded, type Clock } from '@ashiato/domain';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import type { Principal } from '../auth/roles';
import { DPO_CLOCK } from './clock';

/** What was read: a subject's lineage, a report, a breach, or a list of them. */
export const AUDITED_ACTIONS = [
  'lineage.read',
  'lineage.lookup',
  'breach.read',
  'breach.subjects',
  'breach.report',
  'breach.list',
  'provisionRecords.read',
  'erasures.read',
  'audit.read',
] as const;
export type AuditedAction = (typeof AUDITED_ACTIONS)[number];

/**
 * Every read of personal data is itself a fact: an `AccessRecorded` event on stream `audit` with the
 * reader's key id (never the key), the action and the target (a subject ref or breach id).
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  async record(principal: Principal, action: AuditedAction, target: string): Promise<AccessRecorded> {
    const event: AccessRecorded = {
      type: 'AccessRecorded',
      eventId: randomUUID(),
      occurredAt: this.clock.now().toISOString(),
      actor: principal.keyId,
      action,
      target,
    };
    await this.store.append(streamOf(event), [{ eventId: event.eventId, type: event.type, data: { ...event } }], 'any');
    return event;
  }
}
