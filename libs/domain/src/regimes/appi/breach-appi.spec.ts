import { fixedClock } from '../../time/clock';
import { card, email, health, input, reported } from '../breach-fixtures.spec-helper';
import { assessAppiBreach } from './breach-appi';

const at = fixedClock('2026-04-03T00:00:00Z');
const assess = (...args: Parameters<typeof input>) => assessAppiBreach(input(...args), at);
const triggers = (a: ReturnType<typeof assess>) => a.reportability.triggers.map((t) => t.trigger);

describe('APPI business: reportability (APPI Art. 26(1), Enforcement Rules Art. 7)', () => {
  it('given special care-required data, then situation (i) makes it reportable', () => {
    const a = assess({ items: [email, health] });
    expect(a.reportability.reportable).toBe(true);
    expect(a.reportability.triggers).toEqual([
      expect.objectContaining({ trigger: 'sensitive', article: 'APPI Enforcement Rules Art. 7(i)', items: ['medical-history'] }),
    ]);
  });

  it('given data whose misuse may cause financial damage, then situation (ii) fires', () => {
    expect(triggers(assess({ items: [card] }))).toEqual(['financialRisk']);
  });

  it.each(['unauthorizedAccess', 'attack', 'malware', 'ransomware', 'phishing', 'theft', 'insider', 'fraud'])(
    'given cause %s, then situation (iii), an improper purpose, fires',
    (cause) => {
      expect(assess({}, { cause }).reportability.triggers).toEqual([
        expect.objectContaining({ trigger: 'improperPurpose', article: 'APPI Enforcement Rules Art. 7(iii)' }),
      ]);
    },
  );

  it('given 1,001 persons, then situation (iv) fires; given exactly 1,000, it does not ("more than")', () => {
    expect(triggers(assess({ persons: 1001 }))).toEqual(['overThousandPersons']);
    expect(assess({ persons: 1000 }).reportability.reportable).toBe(false);
  });

  it('given 10 persons of plain contact data sent to the wrong recipient, then it is not reportable and no clock runs', () => {
    const a = assess();
    expect(a.reportability).toMatchObject({ reportable: false, triggers: [], undetermined: [], missing: [] });
    expect(a.clocks).toEqual([]);
  });

  it.each([[undefined], ['unknown'], ['unauthorised access']])(
    'given cause %p, then reportability is "undetermined" (never a silent false) and the clocks run provisionally',
    (cause) => {
      const a = assess({}, { cause });
      expect(a.reportability.reportable).toBe('undetermined');
      expect(a.reportability.undetermined[0]).toContain('Rules Art. 7(iii)');
      expect(a.reportability.missing).toEqual(['cause']);
      expect(a.clocks.map((c) => [c.kind, c.provisional])).toEqual([
        ['appi-preliminary', true],
        ['appi-final', true],
        ['subject-notification', true],
      ]);
    },
  );

  it('given data protected by high-level encryption, then no situation applies even for sensitive data of 5,000 persons stolen in an attack (Rules Art. 7(i))', () => {
    const a = assess({ items: [health], persons: 5000 }, { cause: 'attack', protection: 'highLevelEncryption' });
    expect(a.reportability).toMatchObject({ reportable: false, triggers: [] });
    expect(a.reportability.exemptions[0].article).toContain('Rules Art. 7(i)');
    expect(a.clocks).toEqual([]);
  });

  it('given a reportable breach, then the persons must be notified too (APPI Art. 26(2))', () => {
    expect(assess({ persons: 1200 }).reportability.notifySubjects).toMatchObject({ required: true, article: 'APPI Art. 26(2) (promptly)' });
  });
});

describe('APPI business: clocks (Rules Art. 8; Civil Code Arts. 140–141), in Japan time', () => {
  it('given awareness at 09:00 on 2 April, then the preliminary report aims at the end of 5 April and is due at the end of 7 April; the final at the end of 2 May', () => {
    const [pre, fin, notify] = assess({ persons: 1200 }).clocks;
    expect(pre).toMatchObject({
      kind: 'appi-preliminary',
      regime: 'APPI',
      timeZone: 'Asia/Tokyo',
      startedAt: '2026-04-02T09:00:00.000+09:00',
      targetAt: '2026-04-05T23:59:59.999+09:00',
      dueAt: '2026-04-07T23:59:59.999+09:00',
      provisional: false,
    });
    expect(pre.dueBasis).toContain('Civil Code Arts. 140, 141');
    expect(fin).toMatchObject({ kind: 'appi-final', dueAt: '2026-05-02T23:59:59.999+09:00' });
    expect(notify).toMatchObject({ kind: 'subject-notification' });
    expect(notify.dueAt).toBeUndefined();
  });

  it('given an improper purpose (iii), then the final report is due in 60 days (Rules Art. 8(2))', () => {
    const fin = assess({}, { cause: 'unauthorizedAccess' }).clocks.find((c) => c.kind === 'appi-final')!;
    expect(fin.dueAt).toBe('2026-06-01T23:59:59.999+09:00');
    expect(fin.legalBasis).toContain('60 days');
  });

  it('given no preliminary report by the end of day 5, then it is overdue; a report filed on day 6 closes it late', () => {
    const late = fixedClock('2026-04-07T15:00:00Z'); // 8 April 00:00 JST
    expect(assessAppiBreach(input({ persons: 1200 }), late).clocks[0].overdue).toBe(true);
    expect(assessAppiBreach(input({ persons: 1200 }), fixedClock('2026-04-07T14:59:00Z')).clocks[0].overdue).toBe(false);
    const closed = assessAppiBreach(input({ persons: 1200, reports: [reported('appi-preliminary', '2026-04-08T10:00:00+09:00')] }), late).clocks[0];
    expect(closed).toMatchObject({ status: 'closed', overdue: false, closedLate: true, closedAt: '2026-04-08T10:00:00.000+09:00' });
  });

  it("given a report filed for another controller, then this controller's clock stays open", () => {
    const c = assess({ persons: 1200, reports: [reported('appi-preliminary', '2026-04-03T10:00:00+09:00', 'someone-else')] }).clocks[0];
    expect(c.status).toBe('open');
  });
});

describe('APPI business: draft report (Rules Art. 8(1) items)', () => {
  it('pre-fills items, persons and the cause label with its description; leaves what Ashiato cannot know to be filled', () => {
    const d = assess({ persons: 1200 }, { cause: 'unauthorizedAccess', description: 'VPN credentials reused', title: 'Portal intrusion' }).draft;
    const field = (k: string) => d.fields.find((f) => f.key === k)!;
    expect(d.fields.map((f) => f.key)).toEqual([
      'overview',
      'items',
      'persons',
      'cause',
      'secondaryHarm',
      'responseToPersons',
      'publication',
      'prevention',
      'other',
    ]);
    expect(field('persons')).toMatchObject({ value: 1200, toBeFilled: false });
    expect(field('cause').value).toContain('不正アクセス / Unauthorised access');
    expect(field('cause').value).toContain('VPN credentials reused');
    expect(field('overview').value).toContain('Portal intrusion');
    expect(field('prevention').toBeFilled).toBe(true);
    expect(d).toMatchObject({ regime: 'APPI', article: 'APPI Art. 26(1); Enforcement Rules Art. 8' });
  });

  it('marks a cause under investigation as to be filled', () => {
    expect(assess({}, { cause: 'unknown' }).draft.fields.find((f) => f.key === 'cause')!.toBeFilled).toBe(true);
  });
});
