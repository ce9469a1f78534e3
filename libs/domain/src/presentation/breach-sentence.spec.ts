import type { Reportability } from '../breach/breach-model';
import { reportabilitySentence } from './breach-sentence';

const base: Reportability = {
  reportable: false,
  article: 'APPI Art. 26(1); APPI Enforcement Rules Art. 7',
  triggers: [],
  exemptions: [],
  undetermined: [],
  missing: [],
  notifySubjects: { required: false, article: 'APPI Art. 26(2)', reason: '' },
};

describe('the reportability sentence a person reads (APPI Art. 26; GDPR Art. 33)', () => {
  it('given a reportable breach, then the Japanese sentence names each situation in Japanese with its article', () => {
    const r = { ...base, reportable: true, triggers: [{ trigger: 'financialRisk' as const, article: 'APPI Enforcement Rules Art. 7(ii)', reason: 'x' }] };
    expect(reportabilitySentence(r, 'ja')).toBe('報告対象です。該当する事態: 財産的被害のおそれ（APPI Enforcement Rules Art. 7(ii)）。');
    expect(reportabilitySentence(r, 'en')).toBe('Reportable: Risk of financial damage (APPI Enforcement Rules Art. 7(ii)).');
  });

  it('given an undetermined breach, then it says undetermined and what is missing — never "not reportable"', () => {
    const r = { ...base, reportable: 'undetermined' as const, missing: ['cause' as const] };
    expect(reportabilitySentence(r, 'ja')).toMatch(/^報告対象かどうか未確定です。.*不正の目的/);
    expect(reportabilitySentence(r, 'en')).toMatch(/^Undetermined: .*improper purpose/);
    expect(reportabilitySentence(r, 'ja')).not.toContain('報告対象外');
  });

  it('given an exemption (Rules Art. 7(i) high-level encryption), then not reportable names the exempting article', () => {
    const r = { ...base, exemptions: [{ article: 'APPI Enforcement Rules Art. 7(i)', reason: 'encrypted' }] };
    expect(reportabilitySentence(r, 'ja')).toBe('報告対象外です（適用除外: APPI Enforcement Rules Art. 7(i)）。');
  });
});
