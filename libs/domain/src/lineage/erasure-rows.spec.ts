import type { DataErased, SubjectEvent } from '../events/events';
import { erasureObligations } from '../flows/erasure-obligations';
import { buildLineage } from './build-lineage';
import { applyErasureDeadlines } from './erasure-obligations';
import { erasureRows } from './erasure-rows';
import { eventIds, JCERT_SUBJECT, jcertLineagePolicy } from './jcert-lineage.testing';

const policy = jcertLineagePolicy('issuance', {
  recipients: [
    { id: 'starfield', name: 'Starfield', country: 'JP', relation: 'entrustee', purposes: ['issuance'], items: ['email', 'org-name'] },
    { id: 'globalsign', name: 'GlobalSign', country: 'JP', relation: 'entrustee', purposes: ['issuance'], items: ['email', 'org-name'] },
  ],
  retention: [],
});
const base = JCERT_SUBJECT;
const id = eventIds();
const events = (): SubjectEvent[] => [
  { ...base, type: 'DataAcquired', eventId: id(), occurredAt: '2026-02-01T00:00:00Z', items: ['email', 'org-name'], source: { kind: 'subject' } },
  {
    ...base,
    type: 'DataProvided',
    eventId: id(),
    occurredAt: '2026-02-02T00:00:00Z',
    items: ['email'],
    recipient: 'starfield',
    purposes: ['issuance'],
    basis: 'entrustment',
  },
  {
    ...base,
    type: 'DataProvided',
    eventId: id(),
    occurredAt: '2026-02-02T00:00:00Z',
    items: ['org-name'],
    recipient: 'globalsign',
    purposes: ['issuance'],
    basis: 'entrustment',
  },
  { ...base, type: 'DataErased', eventId: id(), occurredAt: '2026-03-01T00:00:00Z', items: ['email', 'org-name'], reason: 'subjectRequest' },
  // The recipient confirms, naming every item the controller erased: only what it held matters.
  {
    ...base,
    type: 'DataErased',
    eventId: id(),
    occurredAt: '2026-03-02T00:00:00Z',
    items: ['email', 'org-name'],
    reason: 'erasureRequestFromController',
    holder: 'starfield',
  },
];

describe('erasure rows (APPI Art. 35, GDPR Art. 17/19)', () => {
  it('lists each recipient with only the items it held, its confirmation closing the same row', () => {
    const facts = events().map((event) => ({ event }));
    const report = buildLineage({ subjectRef: 's-1', asOf: '2026-05-01T00:00:00Z', generatedAt: '2026-05-01T00:00:00Z', facts, policies: { jcert: policy } });
    applyErasureDeadlines(report.controllers[0].erasures, () => '2026-03-31T00:00:00Z', report.asOf);
    const rows = erasureRows(report.controllers[0]);
    expect(rows.map((r) => [r.holder, r.items, r.state, r.closedAt])).toEqual([
      ['jcert', ['email', 'org-name'], 'erased', undefined],
      ['starfield', ['email'], 'done', '2026-03-02T00:00:00Z'],
      ['globalsign', ['org-name'], 'overdue', undefined],
    ]);
    expect(rows[1].eventIds).toEqual([facts[3].event.eventId, facts[4].event.eventId]);
  });

  it('keeps the obligation open while the recipient holds any of its items again, as the erasure read model does', () => {
    const [acquired, toStarfield, , erased] = events();
    const both = { ...toStarfield, items: ['email', 'org-name'] } as SubjectEvent;
    const at = (occurredAt: string) => ({ ...base, eventId: id(), occurredAt });
    const later: SubjectEvent[] = [
      { ...at('2026-03-02T00:00:00Z'), type: 'DataErased', items: ['email'], reason: 'erasureRequestFromController', holder: 'starfield' },
      { ...at('2026-03-03T00:00:00Z'), type: 'DataProvided', items: ['email'], recipient: 'starfield', purposes: ['issuance'], basis: 'entrustment' },
      { ...at('2026-03-04T00:00:00Z'), type: 'DataErased', items: ['org-name'], reason: 'erasureRequestFromController', holder: 'starfield' },
    ];
    const report = buildLineage({
      subjectRef: 's-1',
      asOf: '2026-05-01T00:00:00Z',
      generatedAt: '2026-05-01T00:00:00Z',
      facts: [acquired, both, erased, ...later].map((event) => ({ event })),
      policies: { jcert: policy },
    });
    applyErasureDeadlines(report.controllers[0].erasures, () => '2026-03-31T00:00:00Z', report.asOf);
    const starfield = erasureRows(report.controllers[0]).find((r) => r.holder === 'starfield' && r.items.length === 2);
    expect(starfield?.state).toBe('overdue');
    const obligation = report.controllers[0].erasures[0].obligations[0];
    expect({ holder: obligation.holder, pending: obligation.pending, acknowledged: obligation.acknowledged }).toEqual({
      holder: 'starfield',
      pending: ['email'],
      acknowledged: false,
    });
    expect(erasureObligations(erased as DataErased, { holdings: { jcert: { email: true, 'org-name': true }, starfield: { email: true } } })).toEqual([
      { holder: 'starfield', items: ['email'] },
    ]);
  });

  it('keeps a recipient’s erasure of its own accord as a row of its own', () => {
    const [acquired, provided] = events();
    const own: SubjectEvent = {
      ...base,
      type: 'DataErased',
      eventId: id(),
      occurredAt: '2026-02-10T00:00:00Z',
      items: ['email'],
      reason: 'retention',
      holder: 'starfield',
    };
    const report = buildLineage({
      subjectRef: 's-1',
      asOf: '2026-05-01T00:00:00Z',
      generatedAt: '2026-05-01T00:00:00Z',
      facts: [acquired, provided, own].map((event) => ({ event })),
      policies: { jcert: policy },
    });
    expect(erasureRows(report.controllers[0]).map((r) => [r.holder, r.items, r.state])).toEqual([['starfield', ['email'], 'erased']]);
  });
});
