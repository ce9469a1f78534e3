import type { SubjectEvent } from '../../events/events';
import { flowScenario } from '../../flows/flow-scenario.testing';
import { regimePolicy } from '../regime-policy.testing';

/** APPI, public bodies: use and provision of retained personal information (Arts. 69, 71). */
describe('APPI public body — provision rules', () => {
  const at = (m: number): string => `2024-04-01T10:${String(m).padStart(2, '0')}:00+09:00`;

  function given(recipient: Parameters<typeof regimePolicy>[1][number]) {
    const policy = regimePolicy('APPI-public', [{ id: 'r', ...recipient }]);
    const s = flowScenario(policy);
    const history: SubjectEvent[] = [s.acquired(at(0), ['name', 'health'], { purposes: ['service'] })];
    return { s, history };
  }

  it('Art. 69(1): given a third party declared for the purpose of use, when provided for that purpose, then allowed without consent and no Art. 29 record', () => {
    const { s, history } = given({ relation: 'publicBody' });
    const j = s.judge(history, s.provided(at(5), 'r', ['name', 'health'], ['service']));
    expect(j.verdict).toBe('allowed');
    expect(j.record).toMatchObject({ required: false, article: expect.stringContaining('businesses only') });
  });

  it('Art. 69(2)(i): given a provision outside the purpose of use, when the subject consented to it, then allowed; without consent, then PURPOSE_UNDECLARED', () => {
    const { s, history } = given({ relation: 'thirdParty' });
    const flow = (m: number) => s.provided(at(m), 'r', ['name'], ['research'], { basis: 'consent' });
    expect(s.codes(history, flow(5))).toEqual(['PURPOSE_UNDECLARED']);
    history.push(s.consented(at(1), { recipients: ['r'], purposes: ['research'] }));
    expect(s.codes(history, flow(5))).toEqual([]);
  });

  it('Art. 71(1): given a third party abroad without an equivalent system, when provided within the purpose of use, then no consent is needed', () => {
    const { s, history } = given({ relation: 'thirdParty', country: 'US' });
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual([]);
  });

  it('Art. 71(1): given a third party abroad, when provided for another purpose on consent, then consent to the foreign third party is needed too', () => {
    const { s, history } = given({ relation: 'thirdParty', country: 'US' });
    history.push(s.consented(at(1), { purposes: ['research'] }));
    const j = s.judge(history, s.provided(at(5), 'r', ['name'], ['research'], { basis: 'consent' }));
    // A consent to the purpose covers any recipient for Art. 69(2)(i), but Art. 71(1) consent must name the foreign recipient.
    expect(j.violations.map((v) => v.code)).toEqual(['CROSS_BORDER_NO_BASIS']);
    expect(j.violations[0].message).toContain('APPI Art. 71(1)');
    history.push(s.consented(at(2), { recipients: ['r'], purposes: ['research'] }));
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['research'], { basis: 'consent' }))).toEqual([]);
  });

  it('Art. 69(1): given a provision required by law, then allowed whatever the purpose', () => {
    const { s, history } = given({ relation: 'thirdParty', country: 'US' });
    expect(s.codes(history, s.provided(at(5), 'court', ['health'], ['research'], { basis: 'statutory' }))).toEqual([]);
  });
});
