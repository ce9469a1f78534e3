import { ART34_EXEMPTIONS, BREACH_CAUSES, BREACH_OPEN_FACTS, BREACH_PROTECTIONS, BREACH_TRIGGERS, GDPR_RISK_LEVELS } from '../breach/breach-vocabulary';
import { BREACH_REPORT_KINDS, PROVISION_BASES, SOURCE_KINDS } from '../events/events';
import { VIOLATION_CODES } from '../flows/violations';
import { RECIPIENT_RELATIONS, REGIMES } from '../policy/policy';
import { DRIFT_REASONS, LINE_STATUSES } from '../records/record-drift';
import { OBSERVABLE_KINDS } from '../records/record-form';
import { LABEL_TABLES, bilingualLabel, labelOf } from './labels';

describe('labels: one vocabulary in Japanese and English', () => {
  it.each([
    ['violation', VIOLATION_CODES],
    ['basis', PROVISION_BASES],
    ['relation', RECIPIENT_RELATIONS],
    ['source', SOURCE_KINDS],
    ['regime', REGIMES],
    ['cause', BREACH_CAUSES],
    ['protection', BREACH_PROTECTIONS],
    ['riskLevel', GDPR_RISK_LEVELS],
    ['art34Exemption', ART34_EXEMPTIONS],
    ['breachTrigger', BREACH_TRIGGERS],
    ['clock', [...BREACH_REPORT_KINDS, 'subject-notification']],
    ['reportable', ['true', 'false', 'undetermined']],
    ['openFact', BREACH_OPEN_FACTS],
    ['recordStatus', LINE_STATUSES],
    ['recordReason', DRIFT_REASONS],
    ['observableKind', OBSERVABLE_KINDS],
  ] as const)('labels every %s code of the contract in both languages', (kind, codes) => {
    for (const code of codes) {
      const [ja, en] = (LABEL_TABLES[kind] as Record<string, readonly [string, string]>)[code] ?? [];
      expect({ code, ja: !!ja && ja !== code, en: !!en && en !== code }).toEqual({ code, ja: true, en: true });
    }
  });

  it('names a code in the language asked for', () => {
    expect(labelOf('basis', 'entrustment', 'ja')).toBe('委託');
    expect(labelOf('basis', 'entrustment', 'en')).toBe('Entrustment (processor)');
    expect(bilingualLabel('relation', 'thirdParty')).toBe('第三者 / Third party');
  });

  it('names a breach’s reportability, including undetermined, never as reportable', () => {
    expect(labelOf('reportable', true, 'ja')).toBe('報告対象');
    expect(labelOf('reportable', false, 'en')).toBe('Not reportable');
    expect(labelOf('reportable', 'undetermined', 'en')).toMatch(/^Undetermined/);
    expect(labelOf('cause', 'unauthorizedAccess', 'ja')).toBe('不正アクセス');
  });

  it('shows an unknown code as it is and a missing one as a dash', () => {
    expect(labelOf('violation', 'SOMETHING_NEW', 'ja')).toBe('SOMETHING_NEW');
    expect(labelOf('basis', undefined, 'en')).toBe('—');
  });
});
