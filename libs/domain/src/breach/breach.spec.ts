import type { BreachDeclared, BreachReported, SubjectsNotified } from '../events/events';
import type { PolicyItem } from '../policy/policy';
import { fixedClock } from '../time/clock';
import { assessBreach, type BreachFacts } from './assess-breach';
import { assessAppiReportability } from './reportability';

const email: PolicyItem = { id: 'email', label: 'メールアドレス', category: 'user.contact.email', sensitive: false };
const phone: PolicyItem = { id: 'phone', label: '電話番号', category: 'user.contact.phone_number', sensitive: false };
const health: PolicyItem = { id: 'medical-history', label: '病歴', category: 'user.health_and_medical', sensitive: true };
const card: PolicyItem = { id: 'card-number', label: 'カード番号', category: 'user.financial.bank_account', sensitive: false, financialRisk: true };

const discoveredAt = '2026-04-01T09:00:00+09:00';

function breach(over: Partial<BreachDeclared> = {}): BreachDeclared {
  return {
    type: 'BreachDeclared',
    eventId: '6d7cbb0e-5d58-4a3b-9d64-0d4f3c3c0001',
    occurredAt: discoveredAt,
    breachId: 'b-1',
    holder: 'starfield-technologies',
    items: ['email', 'phone'],
    window: { from: '2026-03-01T00:00:00Z', to: '2026-03-20T00:00:00Z' },
    discoveredAt,
    cause: 'misdelivery',
    ...over,
  };
}

function facts(over: Partial<BreachFacts> = {}): BreachFacts {
  return {
    breach: breach(),
    items: [email, phone],
    affectedPersons: 10,
    controllers: [{ controller: 'jcert', name: 'JCERT', regime: 'APPI' }],
    otherParties: [],
    reports: [],
    notifications: [],
    ...over,
  };
}

const reported = (kind: BreachReported['report'], at: string): BreachReported => ({
  type: 'BreachReported',
  eventId: `ev-${kind}`,
  occurredAt: at,
  breachId: 'b-1',
  report: kind,
});

describe('APPI reportability (Rules Art. 7)', () => {
  it('given a 1,200-subject breach of plain contact data, when assessed, then it is reportable for more than 1,000 persons', () => {
    const r = assessAppiReportability({ items: [email], cause: 'misdelivery', affectedPersons: 1200 });
    expect(r.reportable).toBe(true);
    expect(r.triggers.map((t) => t.trigger)).toEqual(['overThousandPersons']);
  });

  it('given exactly 1,000 persons, then trigger (iv) does not fire ("more than")', () => {
    expect(assessAppiReportability({ items: [email], cause: 'loss', affectedPersons: 1000 }).reportable).toBe(false);
  });

  it('given 10 subjects with a sensitive item, then it is reportable for the sensitive item', () => {
    const r = assessAppiReportability({ items: [email, health], cause: 'misdelivery', affectedPersons: 10 });
    expect(r.reportable).toBe(true);
    expect(r.triggers).toEqual([expect.objectContaining({ trigger: 'sensitive', items: ['medical-history'] })]);
  });

  it('given 10 subjects of plain contact data and no improper cause, then it is not reportable', () => {
    const r = assessAppiReportability({ items: [email, phone], cause: 'misdelivery', affectedPersons: 10 });
    expect(r).toEqual({ reportable: false, triggers: [], undetermined: [] });
  });

  it('given an item open to financial misuse, then trigger (ii) fires', () => {
    const r = assessAppiReportability({ items: [card], cause: 'loss', affectedPersons: 3 });
    expect(r.triggers.map((t) => t.trigger)).toEqual(['financialRisk']);
  });

  it.each(['attack', 'unauthorizedAccess', 'malware', 'theft', 'insider'])('given cause %s, then the improper-purpose trigger fires', (cause) => {
    const r = assessAppiReportability({ items: [email], cause, affectedPersons: 1 });
    expect(r.triggers.map((t) => t.trigger)).toEqual(['improperPurpose']);
  });

  it('given no cause, then nothing fires but the cause is flagged as undetermined', () => {
    const r = assessAppiReportability({ items: [email], affectedPersons: 1 });
    expect(r.reportable).toBe(false);
    expect(r.undetermined).toHaveLength(1);
  });
});

describe('deadline clocks from discoveredAt', () => {
  it('given a reportable APPI breach, then preliminary is due in 5 days (target 3) and final in 30 days', () => {
    const a = assessBreach(facts({ affectedPersons: 1200 }), fixedClock('2026-04-02T00:00:00Z'));
    const pre = a.clocks.find((c) => c.kind === 'appi-preliminary')!;
    const fin = a.clocks.find((c) => c.kind === 'appi-final')!;
    expect(pre).toMatchObject({ startedAt: '2026-04-01T00:00:00.000Z', targetAt: '2026-04-04T00:00:00.000Z', dueAt: '2026-04-06T00:00:00.000Z', status: 'open', overdue: false });
    expect(fin.dueAt).toBe('2026-05-01T00:00:00.000Z');
  });

  it('given an attack, then the final report is due in 60 days', () => {
    const a = assessBreach(facts({ breach: breach({ cause: 'attack' }) }), fixedClock('2026-04-02T00:00:00Z'));
    expect(a.clocks.find((c) => c.kind === 'appi-final')!.dueAt).toBe('2026-05-31T00:00:00.000Z');
  });

  it('given a non-reportable APPI breach, then no APPI clock runs', () => {
    const a = assessBreach(facts(), fixedClock('2026-04-02T00:00:00Z'));
    expect(a.clocks).toEqual([]);
  });

  it('given a GDPR controller, then a 72-hour clock runs even without an APPI trigger, and is overdue after it', () => {
    const f = facts({ controllers: [{ controller: 'eu-shop', regime: 'GDPR' }] });
    const before = assessBreach(f, fixedClock('2026-04-03T23:00:00Z')).clocks.find((c) => c.kind === 'gdpr-authority')!;
    const after = assessBreach(f, fixedClock('2026-04-04T01:00:00Z')).clocks.find((c) => c.kind === 'gdpr-authority')!;
    expect(before).toMatchObject({ dueAt: '2026-04-04T00:00:00.000Z', overdue: false });
    expect(after).toMatchObject({ status: 'open', overdue: true });
  });

  it('given a preliminary report filed on day 4, then that clock is closed on time while the final one stays open', () => {
    const f = facts({ affectedPersons: 1200, reports: [reported('appi-preliminary', '2026-04-05T00:00:00Z')] });
    const clocks = assessBreach(f, fixedClock('2026-04-20T00:00:00Z')).clocks;
    expect(clocks.find((c) => c.kind === 'appi-preliminary')).toMatchObject({ status: 'closed', overdue: false, closedLate: false, closedByEventId: 'ev-appi-preliminary' });
    expect(clocks.find((c) => c.kind === 'appi-final')).toMatchObject({ status: 'open', overdue: false });
  });

  it('given no preliminary report after 6 days, then it shows overdue; a late report closes it as late', () => {
    const f = facts({ affectedPersons: 1200 });
    expect(assessBreach(f, fixedClock('2026-04-07T00:00:00Z')).clocks.find((c) => c.kind === 'appi-preliminary')!.overdue).toBe(true);
    const late = assessBreach({ ...f, reports: [reported('appi-preliminary', '2026-04-08T00:00:00Z')] }, fixedClock('2026-04-09T00:00:00Z'));
    expect(late.clocks.find((c) => c.kind === 'appi-preliminary')).toMatchObject({ status: 'closed', overdue: false, closedLate: true });
  });

  it('given subjects were notified, then the notification clock is closed', () => {
    const n: SubjectsNotified = { type: 'SubjectsNotified', eventId: 'ev-n', occurredAt: '2026-04-03T00:00:00Z', breachId: 'b-1', count: 1200 };
    const a = assessBreach(facts({ affectedPersons: 1200, notifications: [n] }), fixedClock('2026-04-04T00:00:00Z'));
    expect(a.clocks.find((c) => c.kind === 'subject-notification')).toMatchObject({ status: 'closed', closedByEventId: 'ev-n' });
  });
});

describe('draft APPI report (Rules Art. 8)', () => {
  it('pre-fills items, persons, cause and other parties, and leaves what Ashiato cannot know to be filled', () => {
    const a = assessBreach(
      facts({ affectedPersons: 1200, otherParties: [{ party: 'sub-processor', name: 'Sub Ltd', country: 'US', items: ['email'] }] }),
      fixedClock('2026-04-02T00:00:00Z'),
    );
    const field = (k: string) => a.draftReport.fields.find((f) => f.key === k)!;
    expect(a.draftReport.fields.map((f) => f.heading.ja)).toContain('本人への対応の実施状況');
    expect(field('persons')).toMatchObject({ value: 1200, toBeFilled: false });
    expect(field('items').value).toContain('user.contact.email');
    expect(field('cause')).toMatchObject({ value: 'misdelivery', toBeFilled: false });
    expect(field('other').value).toContain('Sub Ltd [US]');
    expect(field('publication').toBeFilled).toBe(true);
    expect(field('prevention').toBeFilled).toBe(true);
  });

  it('marks an unknown cause as to be filled', () => {
    const a = assessBreach(facts({ breach: breach({ cause: undefined }) }), fixedClock('2026-04-02T00:00:00Z'));
    expect(a.draftReport.fields.find((f) => f.key === 'cause')!.toBeFilled).toBe(true);
  });
});

describe('draft report page', () => {
  it('lists the Rules Art. 8 items in order, highlights what is to be filled and escapes the data', async () => {
    const { renderBreachReportHtml } = await import('./render-report-html');
    const a = assessBreach(facts({ affectedPersons: 1200, breach: breach({ holder: '<img src=x>' }) }), fixedClock('2026-04-10T00:00:00Z'));
    const html = renderBreachReportHtml({ draft: a.draftReport, reportability: a.reportability, clocks: a.clocks, generatedAt: '2026-04-10T00:00:00Z' });
    const order = ['概要', '個人データの項目', '本人の数', '原因', '二次被害', '本人への対応', '公表', '再発防止', 'その他'].map((h) => html.indexOf(h));
    expect(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]))).toBe(true);
    expect(html).toContain('要記入 / to be filled');
    expect(html).toContain('OVERDUE');
    expect(html).not.toContain('<img src=x>');
  });
});
