import type { SubjectEvent } from '../../events/events';
import { flowScenario } from '../../flows/flow-scenario.testing';
import { regimePolicy } from '../regime-policy.testing';

/** GDPR, a controller: lawful basis of a disclosure (Arts. 6, 9, 21, 28) and transfers (Chapter V). */
describe('GDPR — disclosure and transfer rules', () => {
  const at = (m: number): string => `2024-04-01T10:${String(m).padStart(2, '0')}:00+01:00`;

  function given(recipient: Parameters<typeof regimePolicy>[1][number]) {
    const policy = regimePolicy('GDPR', [{ id: 'r', country: 'FR', ...recipient }]);
    const s = flowScenario(policy);
    const history: SubjectEvent[] = [s.acquired(at(0), ['name', 'email', 'health'], { purposes: ['service'] })];
    return { s, history };
  }

  it('Art. 28: given a processor, when data (special categories too) is disclosed to it, then no consent is needed and no APPI Art. 29 record', () => {
    const { s, history } = given({ relation: 'entrustee' });
    const j = s.judge(history, s.provided(at(5), 'r', ['name', 'health'], ['service']));
    expect(j.verdict).toBe('allowed');
    expect(j.record).toMatchObject({ required: false, basis: 'entrustment' });
  });

  it('Art. 6(1): given a third party with no basis claimed, when ordinary data is disclosed, then no CONSENT_MISSING (another Art. 6 basis may apply)', () => {
    const { s, history } = given({ relation: 'thirdParty' });
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual([]);
  });

  it('Art. 6(1): given a recipient no longer in the policy, when data is disclosed to it, then RECIPIENT_UNDECLARED only', () => {
    const { s, history } = given({ relation: 'entrustee' });
    expect(s.codes(history, s.provided(at(5), 'gone-processor', ['name'], ['service']))).toEqual(['RECIPIENT_UNDECLARED']);
  });

  it('Art. 6(1)(a): given consent is the basis claimed, when there is none on record, then CONSENT_MISSING; after withdrawal, CONSENT_WITHDRAWN', () => {
    const { s, history } = given({ relation: 'thirdParty', basis: 'consent' });
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual(['CONSENT_MISSING']);
    history.push(s.consented(at(1), { recipients: ['r'] }));
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual([]);
    history.push(s.withdrew(at(2), { recipients: ['r'] }));
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual(['CONSENT_WITHDRAWN']);
  });

  it('Art. 9(2)(a): given a third party, when special-category data is disclosed without explicit consent or a legal obligation, then CONSENT_MISSING naming the items', () => {
    const { s, history } = given({ relation: 'thirdParty' });
    const j = s.judge(history, s.provided(at(5), 'r', ['name', 'health'], ['service']));
    expect(j.violations).toEqual([expect.objectContaining({ code: 'CONSENT_MISSING', items: ['health'], message: expect.stringContaining('Art. 9(2)(a)') })]);
    expect(s.codes(history, s.provided(at(5), 'r', ['health'], ['service'], { basis: 'statutory' }))).toEqual([]);
  });

  it('Art. 21(1): given legitimate interests, when the subject objected, then CONSENT_WITHDRAWN worded as an objection, never "opt-out"', () => {
    const { s, history } = given({ relation: 'thirdParty', basis: 'optOut' });
    history.push(s.withdrew(at(1), { recipients: ['r'] }));
    const j = s.judge(history, s.provided(at(5), 'r', ['name'], ['service']));
    expect(j.violations.map((v) => v.code)).toEqual(['CONSENT_WITHDRAWN']);
    expect(j.violations[0].message).toContain('Art. 21(1)');
    expect(j.violations[0].message).not.toMatch(/opt-out/i);
  });

  it('Art. 45: given a processor in Japan or the UK (adequacy decisions), then no transfer basis is needed', () => {
    for (const country of ['JP', 'GB']) {
      const { s, history } = given({ relation: 'entrustee', country });
      expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual([]);
    }
  });

  it('Arts. 46, 49: given a processor in the US, when it has no safeguards, then CROSS_BORDER_NO_BASIS in GDPR terms; with safeguards or explicit consent to the transfer, allowed', () => {
    const { s, history } = given({ relation: 'entrustee', country: 'US' });
    const j = s.judge(history, s.provided(at(5), 'r', ['name'], ['service']));
    expect(j.violations.map((v) => v.code)).toEqual(['CROSS_BORDER_NO_BASIS']);
    expect(j.violations[0].message).toMatch(/Art\. 45.*Art\. 46.*Art\. 49/);
    expect(j.violations[0].message).not.toContain('APPI');
    const safeguarded = given({ relation: 'entrustee', country: 'US', equivalentSystem: true });
    expect(safeguarded.s.codes(safeguarded.history, safeguarded.s.provided(at(5), 'r', ['name'], ['service']))).toEqual([]);
    history.push(s.consented(at(1), { recipients: ['r'] }));
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual([]);
  });
});
