import type { DataAcquired, SubjectEvent } from '../events/events';
import { buildLineage, type LineageFact } from './build-lineage';
import { applyErasureDeadlines } from './erasure-obligations';
import { renderLineageHtml } from './render-lineage-html';
import { eventIds, JCERT_SUBJECT, jcertLineagePolicy } from './jcert-lineage.testing';

const policy = jcertLineagePolicy('certificate-issuance', {
  recipients: [
    {
      id: 'starfield-technologies',
      name: 'Starfield Technologies, LLC',
      country: 'US',
      relation: 'entrustee',
      purposes: ['certificate-issuance'],
      items: ['email', 'org-name'],
      address: 'Arizona, USA',
    },
  ],
  retention: [{ items: ['email', 'org-name'], rule: 'P3Y-inactivity', label: '3年間利用がない場合に削除' }],
});

const base = JCERT_SUBJECT;
const id = eventIds();
const acquired = (at: string): DataAcquired => ({
  ...base,
  type: 'DataAcquired',
  eventId: id(),
  occurredAt: at,
  items: ['email', 'org-name'],
  source: { kind: 'subject' },
  purposes: ['certificate-issuance'],
});
const provided = (at: string, recipient: string, holder?: string): SubjectEvent => ({
  ...base,
  type: 'DataProvided',
  eventId: id(),
  occurredAt: at,
  items: ['email'],
  recipient,
  purposes: ['certificate-issuance'],
  basis: 'entrustment',
  holder,
});
const erased = (at: string, holder?: string): SubjectEvent => ({
  ...base,
  type: 'DataErased',
  eventId: id(),
  occurredAt: at,
  items: ['email'],
  reason: 'subject request',
  holder,
});

function history(): LineageFact[] {
  return [
    { event: acquired('2026-02-01T00:00:00Z'), judgement: { verdict: 'allowed', violations: [] } },
    {
      event: provided('2026-02-02T00:00:00Z', 'starfield-technologies'),
      judgement: { verdict: 'violation', violations: [{ code: 'CROSS_BORDER_NO_BASIS', message: 'US' }] },
    },
    {
      event: provided('2026-02-03T00:00:00Z', 'sub-processor', 'starfield-technologies'),
      judgement: { verdict: 'violation', violations: [{ code: 'RECIPIENT_UNDECLARED', message: 'x' }] },
    },
    { event: erased('2026-03-01T00:00:00Z') },
    { event: erased('2026-03-02T00:00:00Z', 'starfield-technologies') },
  ];
}

const build = (facts: LineageFact[], asOf: string) => buildLineage({ subjectRef: 's-1', asOf, generatedAt: asOf, facts, policies: { jcert: policy } });

describe('subject lineage', () => {
  it('given acquisition and provisions, then each item lists its holders with tier, source and proving events', () => {
    const facts = history();
    const report = build(facts, '2026-02-15T00:00:00Z');
    const email = report.controllers[0].items.find((i) => i.item === 'email')!;
    expect(email.heldBy).toEqual(['jcert', 'starfield-technologies', 'sub-processor']);
    expect(email.holdings.map((h) => [h.holder.id, h.tier, h.acquiredFrom])).toEqual([
      ['jcert', 'controller', { kind: 'source', source: { kind: 'subject' } }],
      ['starfield-technologies', 'recipient', { kind: 'provision', provider: 'jcert' }],
      ['sub-processor', 'onward', { kind: 'provision', provider: 'starfield-technologies' }],
    ]);
    expect(email.holdings[1].holder).toMatchObject({ name: 'Starfield Technologies, LLC', country: 'US', declared: true });
    expect(email.holdings[2].holder.declared).toBe(false);
    expect(report.controllers[0].provisions[0]).toMatchObject({
      verdict: 'violation',
      violations: [expect.objectContaining({ code: 'CROSS_BORDER_NO_BASIS' })],
      eventIds: [facts[1].event.eventId],
    });
  });

  it('given the controller erased, then recipients owe an erasure until they confirm it', () => {
    const facts = history();
    const report = build(facts, '2026-04-01T00:00:00Z');
    const erasure = report.controllers[0].erasures[0];
    expect(erasure.obligations).toEqual([
      {
        holder: 'starfield-technologies',
        items: ['email'],
        pending: [],
        acknowledged: true,
        acknowledgedAt: '2026-03-02T00:00:00Z',
        eventIds: [facts[4].event.eventId],
      },
      { holder: 'sub-processor', items: ['email'], pending: ['email'], acknowledged: false, eventIds: [] },
    ]);
    const email = report.controllers[0].items.find((i) => i.item === 'email')!;
    expect(email.heldBy).toEqual(['sub-processor']);
    expect(email.holdings[0]).toMatchObject({ to: '2026-03-01T00:00:00Z', eventIds: [facts[0].event.eventId, facts[3].event.eventId] });
  });

  it('given erasure deadlines, then only unconfirmed obligations past their deadline at asOf are overdue', () => {
    const facts = history();
    const report = build(facts, '2026-04-15T00:00:00Z');
    applyErasureDeadlines(report.controllers[0].erasures, () => '2026-03-31T00:00:00Z', report.asOf);
    expect(report.controllers[0].erasures[0].obligations.map((o) => [o.holder, o.overdue])).toEqual([
      ['starfield-technologies', false],
      ['sub-processor', true],
    ]);
  });

  it('given a lineage as of an earlier instant, then it differs exactly by the later events', () => {
    const facts = history();
    const before = build(facts, '2026-02-02T12:00:00Z');
    const after = build(facts, '2026-04-01T00:00:00Z');
    expect(after.eventIds.filter((x) => !before.eventIds.includes(x))).toEqual(facts.slice(2).map((f) => f.event.eventId));
    expect(before.controllers[0].erasures).toEqual([]);
  });

  it('ignores facts about other subjects', () => {
    const other: LineageFact = { event: { ...acquired('2026-02-01T00:00:00Z'), subjectRef: 's-2' } };
    expect(build([other], '2026-04-01T00:00:00Z').controllers).toEqual([]);
  });
});

describe('disclosure report HTML', () => {
  it('renders bilingual sections with provision records, recipients with country, retention and event ids', () => {
    const facts = history();
    const html = renderLineageHtml(build(facts, '2026-04-01T00:00:00Z'));
    expect(html).toContain('第三者提供記録');
    expect(html).toContain('Third-party provision records');
    expect(html).toContain('Starfield Technologies, LLC (starfield-technologies) — 委託先 / Entrustee (processor), US');
    // Times in the APPI controller's zone, to the minute; codes by their labels.
    expect(html).toContain('2026-02-02 09:00 JST');
    expect(html).not.toContain('2026-02-02T00:00:00');
    expect(html).toContain('本人から / From the person');
    expect(html).toContain('3年間利用がない場合に削除');
    for (const f of facts) expect(html).toContain(f.event.eventId);
  });

  it('escapes every text taken from events', () => {
    const evil: LineageFact = { event: { ...acquired('2026-02-01T00:00:00Z'), source: { kind: 'thirdParty', name: '<script>alert(1)</script>' } } };
    const html = renderLineageHtml(build([evil], '2026-04-01T00:00:00Z'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
