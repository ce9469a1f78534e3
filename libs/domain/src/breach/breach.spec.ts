import type { SubjectsNotified } from '../events/events';
import { fixedClock } from '../time/clock';
import { declared, email } from '../regimes/breach-fixtures.spec-helper';
import { assessBreach, type BreachFacts } from './assess-breach';
import { renderBreachReportHtml } from './render-report-html';

const at = fixedClock('2026-04-03T00:00:00Z');

function facts(over: Partial<BreachFacts> = {}): BreachFacts {
  return {
    breach: declared(),
    controllers: [{ controller: 'jcert', name: 'JCERT', regime: 'APPI', persons: 10, items: [email] }],
    otherParties: [],
    reports: [],
    notifications: [],
    ...over,
  };
}

describe('a breach assessed per controller, each under its own regime', () => {
  it('given one holder keeping 600 persons of each of two APPI businesses, then neither exceeds 1,000 persons (persons are counted per business, not summed)', () => {
    const a = assessBreach(
      facts({
        controllers: [
          { controller: 'a', regime: 'APPI', persons: 600, items: [email] },
          { controller: 'b', regime: 'APPI', persons: 600, items: [email] },
        ],
      }),
      at,
    );
    expect(a.assessments.map((x) => x.reportability.reportable)).toEqual([false, false]);
    expect(a.reportability.reportable).toBe(false);
  });

  it('given a GDPR controller and a public body in one breach, then each gets its own regime, clocks and draft', () => {
    const a = assessBreach(
      facts({
        breach: declared({ riskAssessment: { level: 'risk', assessedBy: 'DPO' } }),
        controllers: [
          { controller: 'eu-shop', regime: 'GDPR', persons: 5, items: [email] },
          { controller: 'city', regime: 'APPI-public', persons: 101, items: [email] },
        ],
      }),
      at,
    );
    expect(a.regimes).toEqual(['APPI-public', 'GDPR']);
    expect(a.assessments.map((x) => [x.controller, x.regime, x.reportability.reportable, x.draft?.article])).toEqual([
      ['eu-shop', 'GDPR', true, 'GDPR Art. 33(3)'],
      ['city', 'APPI-public', true, 'APPI Art. 68(1); Enforcement Rules Art. 44'],
    ]);
    expect(a.clocks.map((c) => `${c.controller}:${c.kind}`)).toEqual([
      'eu-shop:gdpr-authority',
      'city:appi-preliminary',
      'city:appi-final',
      'city:subject-notification',
    ]);
    expect(a.reportability.triggers.map((t) => t.controller)).toEqual(['eu-shop', 'city']);
  });

  it('given a controller with no known policy, then its duty is undetermined, never false', () => {
    const a = assessBreach(facts({ controllers: [{ controller: 'ghost', persons: 3, items: [] }] }), at);
    expect(a.reportability).toMatchObject({ reportable: 'undetermined', missing: ['regime'] });
    expect(a.assessments[0]).toMatchObject({ regime: null, draft: null });
  });

  it('given no controller at all, then the breach is undetermined', () => {
    expect(assessBreach(facts({ controllers: [] }), at).reportability).toMatchObject({ reportable: 'undetermined', missing: ['controller'] });
  });

  it('given the persons were notified, then the notification clock closes', () => {
    const n: SubjectsNotified = { type: 'SubjectsNotified', eventId: 'ev-n', occurredAt: '2026-04-03T00:00:00Z', breachId: 'b-1', count: 1200 };
    const a = assessBreach(facts({ controllers: [{ controller: 'jcert', regime: 'APPI', persons: 1200, items: [email] }], notifications: [n] }), at);
    expect(a.clocks.find((c) => c.kind === 'subject-notification')).toMatchObject({ status: 'closed', closedByEventId: 'ev-n' });
  });
});

describe('draft report page', () => {
  it('lists the Rules Art. 8 items in order, labels clocks in both languages, writes times in Japan time and escapes the data', () => {
    const a = assessBreach(
      facts({ breach: declared({ holder: '<img src=x>' }), controllers: [{ controller: 'jcert', regime: 'APPI', persons: 1200, items: [email] }] }),
      fixedClock('2026-04-10T00:00:00Z'),
    );
    const x = a.assessments[0];
    const html = renderBreachReportHtml({
      draft: x.draft!,
      reportability: x.reportability,
      clocks: x.clocks,
      generatedAt: '2026-04-10T00:00:00Z',
      title: 'Portal <b>',
    });
    const order = ['概要', '個人データの項目', '本人の数', '原因', '二次被害', '本人への対応', '公表', '再発防止', 'その他'].map((h) => html.indexOf(h));
    expect(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]))).toBe(true);
    expect(html).toContain('要記入 / to be filled');
    expect(html).toContain('速報（個人情報保護委員会）');
    expect(html).toContain('2026-04-07 23:59 JST');
    expect(html).toContain('期限超過 / OVERDUE');
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('Portal <b>');
  });

  it('given a cause under investigation, then the page says in Japanese and English that reportability is undetermined and why', () => {
    const a = assessBreach(facts({ breach: declared({ cause: 'unknown' }) }), at);
    const x = a.assessments[0];
    const html = renderBreachReportHtml({ draft: x.draft!, reportability: x.reportability, clocks: x.clocks, generatedAt: '2026-04-10T00:00:00Z' });
    expect(html).toContain('未確定（暫定で期限を計算） <span class="en">/ Undetermined (clocks run provisionally)</span>');
    expect(html).toContain('報告対象かどうか未確定です。');
    expect(html).toContain('原因が未確定のため、不正の目的によるおそれを否定できない');
    expect(html).not.toContain('報告対象です。');
  });
});
