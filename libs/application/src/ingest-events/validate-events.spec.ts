import { SubjectHasher } from '../identity/subject-hasher';
import { prepareEvents, validateEvent } from './validate-events';

const hasher = new SubjectHasher('unit-test-key-0123456789');
const ref = hasher.refFor({ externalId: 'unit-test-subject' });
let n = 0;
const base = { eventId: '8f14e45f-ceea-4e7a-9d9c-1a2b3c4d5e6f', occurredAt: '2026-04-01T09:30:00+09:00', controller: 'jcert' };
/** A distinct eventId per event: a repeat inside one batch is an error of its own. */
const ev = (fields: Record<string, unknown>) => ({ ...base, eventId: `8f14e45f-ceea-4e7a-9d9c-${String(++n).padStart(12, '0')}`, ...fields });

describe('prepareEvents', () => {
  it('reports every bad field of a breach declaration with nested paths', () => {
    const { events, errors } = prepareEvents(
      [{ ...base, type: 'BreachDeclared', breachId: 'b1', holder: 'jcert', items: [], window: { from: 'soon', to: '2026-04-02T00:00:00Z' }, discoveredAt: 3 }],
      hasher,
    );
    expect(events).toEqual([]);
    expect(errors.map((e) => e.path).sort()).toEqual(['discoveredAt', 'items', 'window.from']);
  });

  it('replaces subject by subjectRef and keeps everything else', () => {
    const { events, errors } = prepareEvents([{ ...base, type: 'ConsentGiven', subject: { phone: '090-1234-5678' }, purposes: ['marketing-email'] }], hasher);
    expect(errors).toEqual([]);
    expect(events[0]).toEqual({ ...base, type: 'ConsentGiven', subjectRef: hasher.refFor({ phone: '09012345678' }), purposes: ['marketing-email'] });
  });

  it('requires exactly one of subjectRef and subject, refuses client-written audit entries and unknown fields', () => {
    const { errors } = prepareEvents(
      [
        ev({ type: 'DataErased', items: ['email'], reason: 'request' }),
        ev({ type: 'DataErased', items: ['email'], reason: 'request', subjectRef: ref, subject: { email: 'x@example.jp' } }),
        ev({ type: 'AccessRecorded', actor: 'me', action: 'lineage.read', target: ref }),
        ev({ type: 'DataErased', items: ['email'], reason: 'request', subjectRef: ref, note: 'free text' }),
      ],
      hasher,
    );
    expect(errors.map((e) => `${e.index}:${e.path}`)).toEqual(['0:subjectRef', '1:subject', '2:type', '3:?']);
  });

  it('takes as subjectRef only the keyed-HMAC ref the API produces, never a raw identifier', () => {
    const raw = ['alice@example.com', 'cust-000123', '09012345678', ref.toUpperCase()];
    const { events, errors } = prepareEvents(
      raw.map((subjectRef) => ev({ type: 'DataErased', items: ['email'], reason: 'request', subjectRef })),
      hasher,
    );
    expect(events).toEqual([]);
    expect(errors.map((e) => `${e.index}:${e.path}`)).toEqual(['0:subjectRef', '1:subjectRef', '2:subjectRef', '3:subjectRef']);
    expect(JSON.stringify(errors)).not.toMatch(/alice|000123|09012345678/);
  });

  it('checks an embedded policy document with paths under policy', () => {
    const { errors } = prepareEvents([{ ...base, type: 'PolicyPublished', policy: { controller: 'jcert' } }], hasher);
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['policy.name', 'policy.items']));
  });
});

describe('validateEvent against the contract schemas', () => {
  it('refuses a risk assessment that is not an object and reports a misplaced field once', () => {
    const declared = {
      ...base,
      type: 'BreachDeclared',
      breachId: 'b1',
      holder: 'jcert',
      items: ['email'],
      window: { from: base.occurredAt, to: base.occurredAt },
      discoveredAt: base.occurredAt,
    };
    expect(validateEvent({ ...declared, riskAssessment: [] })).toEqual([{ path: 'riskAssessment', message: 'must be an object' }]);
    expect(validateEvent({ ...declared, window: ['2026-04-01T00:00:00Z'], holder: 7 })).toEqual([
      { path: 'holder', message: 'must be a string' },
      { path: 'window', message: 'must be an object {from, to}' },
    ]);
  });

  it('takes null for an absent optional field, as before', () => {
    expect(validateEvent({ ...base, type: 'DataErased', subjectRef: ref, items: ['email'], reason: 'request', holder: null })).toEqual([]);
  });
});
