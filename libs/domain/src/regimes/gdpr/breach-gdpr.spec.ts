import { fixedClock } from '../../time/clock';
import { health, input } from '../breach-fixtures.spec-helper';
import { assessGdprBreach } from './breach-gdpr';

const at = fixedClock('2026-04-03T00:00:00Z');
const assess = (...args: Parameters<typeof input>) => assessGdprBreach(input(...args), at);
const risk = (level: 'unlikely' | 'risk' | 'high', extra = {}) => ({ riskAssessment: { level, assessedBy: 'DPO', ...extra } });

describe('GDPR: notifying the supervisory authority (Art. 33)', () => {
  it('given a risk, then it is reportable within 72 hours of awareness, written in UTC', () => {
    const a = assess({}, risk('risk'));
    expect(a.reportability).toMatchObject({ reportable: true, article: 'GDPR Art. 33(1)' });
    expect(a.clocks[0]).toMatchObject({
      kind: 'gdpr-authority',
      regime: 'GDPR',
      timeZone: 'UTC',
      startedAt: '2026-04-02T00:00:00.000Z',
      dueAt: '2026-04-05T00:00:00.000Z',
      provisional: false,
    });
  });

  it('given no risk assessment, then it is "undetermined" and the 72-hour clock runs provisionally', () => {
    const a = assess();
    expect(a.reportability.reportable).toBe('undetermined');
    expect(a.reportability.missing).toEqual(['riskAssessment']);
    expect(a.clocks.map((c) => [c.kind, c.provisional])).toEqual([
      ['gdpr-authority', true],
      ['subject-notification', true],
    ]);
  });

  it('given a breach assessed unlikely to result in a risk, then it is not reportable, and who assessed it is recorded', () => {
    const a = assess({}, risk('unlikely'));
    expect(a.reportability.reportable).toBe(false);
    expect(a.reportability.exemptions[0].reason).toContain('by DPO');
    expect(a.clocks).toEqual([]);
  });

  it('never applies an APPI situation: sensitive data of 5,000 persons stolen in an attack is judged by the risk assessment only', () => {
    const a = assess({ items: [health], persons: 5000 }, { cause: 'attack', ...risk('unlikely') });
    expect(a.reportability.reportable).toBe(false);
    expect(a.clocks.some((c) => c.kind.startsWith('appi'))).toBe(false);
    expect(JSON.stringify(a)).not.toContain('APPI');
  });

  it('after 72 hours without a notification, the clock is overdue', () => {
    expect(assessGdprBreach(input({}, risk('risk')), fixedClock('2026-04-05T00:00:01Z')).clocks[0].overdue).toBe(true);
  });
});

describe('GDPR: telling the data subjects (Art. 34)', () => {
  it('given a risk that is not high, then the data subjects need not be told', () => {
    expect(assess({}, risk('risk')).reportability.notifySubjects.required).toBe(false);
  });

  it('given a high risk, then they must be told without undue delay (Art. 34(1))', () => {
    const a = assess({}, risk('high'));
    expect(a.reportability.notifySubjects).toMatchObject({ required: true, article: 'GDPR Art. 34(1)' });
    expect(a.reportability.triggers.map((t) => t.trigger)).toEqual(['riskToRights', 'highRisk']);
    expect(a.clocks.map((c) => c.kind)).toEqual(['gdpr-authority', 'subject-notification']);
  });

  it.each([
    ['unintelligible', false, 'GDPR Art. 34(3)(a)'],
    ['riskNoLongerLikely', false, 'GDPR Art. 34(3)(b)'],
    ['disproportionateEffort', true, 'GDPR Art. 34(3)(c)'],
  ] as const)('given a high risk and the exemption %s, then telling each person is required=%p under %s', (exemption, required, article) => {
    expect(assess({}, risk('high', { subjectNotificationExemption: exemption })).reportability.notifySubjects).toMatchObject({ required, article });
  });

  it('given a high risk and data protected by high-level encryption, then Art. 34(3)(a) applies', () => {
    expect(assess({}, { ...risk('high'), protection: 'highLevelEncryption' }).reportability.notifySubjects).toMatchObject({
      required: false,
      article: 'GDPR Art. 34(3)(a)',
    });
  });
});

describe('GDPR: draft notification (Art. 33(3))', () => {
  it('holds the items (a)–(d) in order, the nature pre-filled with categories and the approximate number of persons', () => {
    const d = assess({ persons: 42 }, risk('risk')).draft;
    expect(d.fields.map((f) => f.heading.en.slice(0, 13))).toEqual(['Art. 33(3)(a)', 'Art. 33(3)(b)', 'Art. 33(3)(c)', 'Art. 33(3)(d)', 'Risk assessme']);
    expect(d.fields[0].value).toContain('user.contact.email');
    expect(d.fields[0].value).toContain('data subjects: 42');
    expect(d.fields[4].value).toContain('assessed by DPO');
    expect(d).toMatchObject({ regime: 'GDPR', article: 'GDPR Art. 33(3)' });
  });
});
