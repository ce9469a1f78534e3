import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isSubjectRef, streamOf, type AccessRecorded, type Clock } from '@ashiato/domain';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import type { Principal } from '../auth/roles';
import { AuditPositions } from './audit-positions';
import { DPO_CLOCK } from '@ashiato/application';

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
  'flows.list',
  'violations.list',
  'holdings.list',
  'export.openlineage',
  'consents.read',
  'recordOfProcessing.read',
] as const;
export type AuditedAction = (typeof AUDITED_ACTIONS)[number];

/** Breach ids and policy ids: ASCII ids, never an '@', a space or a '+' of an identifier. */
const ID_TARGET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * What an audit record may name: a subject ref, a breach or policy id, a list route (`/v1/flows`),
 * or `*` for a list. The audit stream is append-only, so a raw identifier written there could never
 * be erased.
 */
export function isAuditTarget(target: string): boolean {
  return target === '*' || isSubjectRef(target) || /^\/v1\/[a-z-]{1,40}$/.test(target) || (ID_TARGET.test(target) && !target.startsWith('hmac:'));
}

/**
 * Every read of personal data is itself a fact: an `AccessRecorded` event on stream `audit` with the
 * reader's key id (never the key), the action and the target (a subject ref or breach id). A list
 * read that returns subject refs (flows, violations, holdings, erasures, breaches) is one event per
 * request: its target is the route and `count` the number of records returned — the refs themselves
 * are not copied into the log.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
    private readonly positions: AuditPositions,
  ) {}

  async record(principal: Principal, action: AuditedAction, target: string, count?: number): Promise<AccessRecorded> {
    // Callers validate their parameters first; this is the last line before the append-only log.
    if (!isAuditTarget(target)) throw new Error(`refusing to record an audit target that is not a ref or an id (action ${action})`);
    const event: AccessRecorded = {
      type: 'AccessRecorded',
      eventId: randomUUID(),
      occurredAt: this.clock.now().toISOString(),
      actor: principal.keyId,
      action,
      target,
      ...(count === undefined ? {} : { count }),
    };
    const { lastPosition } = await this.store.append(streamOf(event), [{ eventId: event.eventId, type: event.type, data: { ...event } }], 'any');
    this.positions.add(lastPosition);
    return event;
  }
}
