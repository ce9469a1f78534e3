import type { SubjectEvent } from '@ashiato/domain';
import { openReadModel } from '../db/connect';
import { migrateReadModel } from '../db/migrations';
import { subjectFacts } from '../queries/flow-queries';
import { decodeFlowEvent, encodeFlowDetail } from './flow-event-codec';
import { ProjectionEngine } from '../runtime/projection-engine';
import { InMemoryEventStore } from '../testing/in-memory-event-store.testing';

const base = { controller: 'shop', subjectRef: 'hmac:s1' };
const EVENTS: SubjectEvent[] = [
  { ...base, type: 'ConsentGiven', eventId: 'e1', occurredAt: '2024-01-01T09:00:00+09:00', purposes: ['marketing'], recipients: ['partner'] },
  { ...base, type: 'ConsentGiven', eventId: 'e2', occurredAt: '2024-01-01T00:00:01.000Z', purposes: ['service'], items: ['email'] },
  { ...base, type: 'ConsentGiven', eventId: 'e3', occurredAt: '2024-01-01T00:00:02.000Z', items: [] },
  { ...base, type: 'ConsentGiven', eventId: 'e4', occurredAt: '2024-01-01T00:00:03.000Z', purposes: [] },
  { ...base, type: 'ConsentWithdrawn', eventId: 'e5', occurredAt: '2024-01-01T00:00:04.000Z', recipients: ['partner'] },
  { ...base, type: 'ConsentWithdrawn', eventId: 'e6', occurredAt: '2024-01-02T10:00:00+01:00' },
  { ...base, type: 'DataAcquired', eventId: 'e7', occurredAt: '2024-01-03T00:00:00.000Z', items: ['email', 'name'], source: { kind: 'subject' } },
  {
    ...base,
    type: 'DataProvided',
    eventId: 'e8',
    occurredAt: '2024-01-04T00:00:00+09:00',
    items: ['email'],
    recipient: 'partner',
    purposes: ['service'],
    basis: 'consent',
    consentRef: 'c-1',
  },
  { ...base, type: 'DataUsed', eventId: 'e9', occurredAt: '2024-01-05T00:00:00.000Z', items: ['name'], purposes: ['service'], exception: 'APPI-18-3-i' },
  { ...base, type: 'DataErased', eventId: 'e10', occurredAt: '2024-01-06T00:00:00.000Z', items: ['email'], holder: 'partner', reason: 'request' },
];

describe('flow rows give back the events lineage is built from', () => {
  it('decodes every subject event projected, consents with and without items included', async () => {
    const rm = openReadModel(':memory:');
    try {
      await migrateReadModel(rm);
      const store = new InMemoryEventStore();
      await store.add(...EVENTS);
      await new ProjectionEngine(rm).catchUp(store);
      const facts = await subjectFacts(rm.db, 'hmac:s1');
      expect(facts.map((f) => f.event)).toEqual(EVENTS);
      // An absent consent item list stays absent: lineage shows it as "all items", an empty one as none.
      expect('items' in facts[0].event).toBe(false);
      expect(facts[2].event).toHaveProperty('items', []);
    } finally {
      await rm.close();
    }
  });

  it('keeps a consent out of the columns it repeats', () => {
    const consent = EVENTS[0];
    const row = {
      event_id: consent.eventId,
      type: consent.type,
      occurred_at: '2024-01-01T00:00:00.000Z',
      controller: consent.controller,
      subject_ref: consent.subjectRef,
      items: '[]',
      purposes: '["marketing"]',
      recipient: null,
      basis: null,
    };
    const detail = encodeFlowDetail(consent, row.occurred_at);
    expect(detail).not.toContain(consent.subjectRef);
    expect(decodeFlowEvent({ ...row, event: detail })).toEqual(consent);
  });
});
