import type { AshiatoEvent, PolicyDocument } from '@ashiato/domain';

/** Test support: a small APPI policy (a controller, an entrustee abroad, a third party) and event builders. */
export function testPolicy(version = '1', effectiveFrom = '2024-01-01T00:00:00Z', extraPurpose?: string): PolicyDocument {
  return {
    controller: 'shop',
    name: 'Test Shop',
    regime: 'APPI',
    version,
    effectiveFrom,
    items: [
      { id: 'email', label: 'Email', category: 'user.contact.email', sensitive: false },
      { id: 'name', label: 'Name', category: 'user.name', sensitive: false },
    ],
    purposes: [
      { id: 'delivery', label: 'Delivery', items: ['email', 'name'] },
      ...(extraPurpose ? [{ id: extraPurpose, label: extraPurpose, items: ['email'] }] : []),
    ],
    recipients: [
      {
        id: 'courier',
        name: 'Courier KK',
        country: 'JP',
        relation: 'entrustee',
        purposes: ['delivery'],
        items: ['email', 'name'],
        basis: 'entrustment',
        address: 'Tokyo',
      },
      { id: 'partner', name: 'Partner KK', country: 'JP', relation: 'thirdParty', purposes: ['delivery'], items: ['email'], basis: 'consent' },
    ],
    retention: [{ items: ['email', 'name'], rule: 'until-erasure' }],
  };
}

let counter = 0;
export function eventId(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const publish = (policy: PolicyDocument, occurredAt: string): AshiatoEvent => ({
  type: 'PolicyPublished',
  eventId: eventId(),
  occurredAt,
  controller: policy.controller,
  policy,
});

export const acquire = (subjectRef: string, items: string[], occurredAt: string, holder?: string): AshiatoEvent => ({
  type: 'DataAcquired',
  eventId: eventId(),
  occurredAt,
  controller: 'shop',
  subjectRef,
  items,
  source: { kind: 'subject' },
  purposes: ['delivery'],
  holder,
});

export const use = (subjectRef: string, items: string[], purposes: string[], occurredAt: string): AshiatoEvent => ({
  type: 'DataUsed',
  eventId: eventId(),
  occurredAt,
  controller: 'shop',
  subjectRef,
  items,
  purposes,
});

export const provide = (subjectRef: string, recipient: string, items: string[], occurredAt: string, basis?: 'consent' | 'entrustment'): AshiatoEvent => ({
  type: 'DataProvided',
  eventId: eventId(),
  occurredAt,
  controller: 'shop',
  subjectRef,
  recipient,
  items,
  purposes: ['delivery'],
  basis,
});

export const erase = (subjectRef: string, items: string[], occurredAt: string, holder?: string): AshiatoEvent => ({
  type: 'DataErased',
  eventId: eventId(),
  occurredAt,
  controller: 'shop',
  subjectRef,
  items,
  holder,
  reason: 'request',
});

export const consent = (subjectRef: string, occurredAt: string, recipients?: string[]): AshiatoEvent => ({
  type: 'ConsentGiven',
  eventId: eventId(),
  occurredAt,
  controller: 'shop',
  subjectRef,
  recipients,
});
