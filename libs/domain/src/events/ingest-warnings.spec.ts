import type { AshiatoEvent } from './events';
import { ingestWarnings } from './ingest-warnings';

const now = new Date('2026-08-09T12:00:00Z');
const declared = new Map([['jcert', new Set(['email', 'name'])]]);
const acquired = (over: Partial<Record<string, unknown>> = {}): AshiatoEvent =>
  ({
    eventId: 'e',
    type: 'DataAcquired',
    occurredAt: '2026-08-09T11:00:00Z',
    controller: 'jcert',
    subjectRef: 's',
    items: ['email'],
    source: { kind: 'subject' },
    ...over,
  }) as AshiatoEvent;

describe('ingest warnings', () => {
  it('says nothing about an event of a known controller naming declared items in the past', () => {
    expect(ingestWarnings([acquired()], declared, { now, futureSkewMs: 300_000 })).toEqual([]);
  });

  it('names each undeclared item by its path, without its value', () => {
    const w = ingestWarnings([acquired(), acquired({ items: ['email', 'shoe-size'] })], declared, { now, futureSkewMs: 0 });
    expect(w.map(({ code, index, path }) => ({ code, index, path }))).toEqual([{ code: 'UNKNOWN_ITEM', index: 1, path: 'items[1]' }]);
    expect(w[0].message).not.toContain('shoe-size');
  });

  it('flags a controller with no published policy, unless the same batch publishes one first', () => {
    const policy = {
      eventId: 'p',
      type: 'PolicyPublished',
      occurredAt: '2026-08-01T00:00:00Z',
      controller: 'newco',
      policy: { items: [{ id: 'email' }] },
    } as unknown as AshiatoEvent;
    expect(ingestWarnings([acquired({ controller: 'newco' })], declared, { now, futureSkewMs: 0 }).map((w) => w.code)).toEqual(['UNKNOWN_CONTROLLER']);
    expect(ingestWarnings([policy, acquired({ controller: 'newco' })], declared, { now, futureSkewMs: 0 })).toEqual([]);
  });

  it('flags an event dated beyond the allowed skew, and not one within it', () => {
    const within = acquired({ occurredAt: '2026-08-09T12:04:00Z' });
    const beyond = acquired({ occurredAt: '2029-08-09T12:00:00Z' });
    expect(ingestWarnings([within, beyond], declared, { now, futureSkewMs: 300_000, indexes: [10, 11] }).map(({ code, index }) => ({ code, index }))).toEqual([
      { code: 'OCCURRED_IN_FUTURE', index: 11 },
    ]);
  });
});
