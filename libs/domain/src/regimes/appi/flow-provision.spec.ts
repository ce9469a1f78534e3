import type { SubjectEvent } from '../../events/events';
import { flowScenario } from '../../flows/flow-scenario.testing';
import { regimePolicy } from '../regime-policy.testing';

/** APPI, businesses: provision to third parties (Arts. 27–29). */
describe('APPI business — provision rules', () => {
  const at = (m: number): string => `2024-04-01T10:${String(m).padStart(2, '0')}:00+09:00`;

  function given(recipient: Parameters<typeof regimePolicy>[1][number], items = ['name', 'email']) {
    const policy = regimePolicy('APPI', [{ id: 'r', ...recipient }]);
    const s = flowScenario(policy);
    const history: SubjectEvent[] = [s.acquired(at(0), items, { purposes: ['service'] })];
    return { s, history, items };
  }

  it('Art. 27(1): given a third party and no consent, when data is provided, then CONSENT_MISSING and a record is required', () => {
    const { s, history, items } = given({ relation: 'thirdParty' });
    const j = s.judge(history, s.provided(at(5), 'r', items, ['service']));
    expect(j.violations.map((v) => v.code)).toEqual(['CONSENT_MISSING']);
    expect(j.violations[0].message).toContain('APPI Art. 27(1)');
    expect(j.record).toEqual({ required: true, basis: null, article: 'APPI Art. 29(1)' });
  });

  it('Art. 27(1): given the subject consented to that recipient, when data is provided on consent, then allowed and recorded', () => {
    const { s, history, items } = given({ relation: 'thirdParty', basis: 'consent' });
    history.push(s.consented(at(1), { recipients: ['r'], purposes: ['service'] }));
    const j = s.judge(history, s.provided(at(5), 'r', items, ['service']));
    expect(j.verdict).toBe('allowed');
    expect(j.record).toMatchObject({ required: true, basis: 'consent' });
  });

  it('Art. 27(5)(i)/(iii): given an entrustee or a joint user, when data is provided without a declared basis, then no consent is needed and no record (Art. 29(1) proviso)', () => {
    for (const relation of ['entrustee', 'jointUser'] as const) {
      const { s, history, items } = given({ relation });
      const j = s.judge(history, s.provided(at(5), 'r', items, ['service']));
      expect(j.verdict).toBe('allowed');
      expect(j.record).toMatchObject({ required: false, basis: relation === 'entrustee' ? 'entrustment' : 'jointUse' });
    }
  });

  it('Art. 27(5)(ii): given a business succession, when data is handed to the successor, then no consent is needed and no record', () => {
    const { s, history, items } = given({ relation: 'thirdParty' });
    const j = s.judge(history, s.provided(at(5), 'r', items, ['service'], { basis: 'businessSuccession' }));
    expect(j.verdict).toBe('allowed');
    expect(j.record).toMatchObject({ required: false, basis: 'businessSuccession', article: expect.stringContaining('27(5)(ii)') });
  });

  it('Art. 27(5): given a third party, when the flow claims entrustment, then the claim does not apply and consent is missing', () => {
    const { s, history, items } = given({ relation: 'thirdParty' });
    const j = s.judge(history, s.provided(at(5), 'r', items, ['service'], { basis: 'entrustment' }));
    expect(j.violations.map((v) => v.code)).toEqual(['CONSENT_MISSING']);
    expect(j.record).toMatchObject({ required: true, basis: 'entrustment' });
  });

  it('Art. 27(2): given an opt-out provision, when special care-required data is included, then SENSITIVE_OPT_OUT; after an objection, CONSENT_WITHDRAWN', () => {
    const { s, history } = given({ relation: 'thirdParty', basis: 'optOut' }, ['name', 'health']);
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual([]);
    expect(s.codes(history, s.provided(at(5), 'r', ['health'], ['service']))).toEqual(['SENSITIVE_OPT_OUT']);
    history.push(s.withdrew(at(3), { recipients: ['r'] }));
    expect(s.codes(history, s.provided(at(5), 'r', ['name'], ['service']))).toEqual(['CONSENT_WITHDRAWN']);
  });

  it('Art. 28(1): given an entrustee in the US, when data is provided without consent to that foreign recipient, then CROSS_BORDER_NO_BASIS and a record (Art. 27(5) does not lift it)', () => {
    const { s, history, items } = given({ relation: 'entrustee', country: 'US' });
    const j = s.judge(history, s.provided(at(5), 'r', items, ['service']));
    expect(j.violations.map((v) => v.code)).toEqual(['CROSS_BORDER_NO_BASIS']);
    expect(j.violations[0].message).toContain('APPI Art. 28(1)');
    expect(j.record).toMatchObject({ required: true, article: 'APPI Art. 29(1), Art. 28(1)' });
    history.push(s.consented(at(1), { recipients: ['r'] }));
    expect(s.codes(history, s.provided(at(5), 'r', items, ['service']))).toEqual([]);
  });

  it('Art. 28(1): given a foreign recipient in an equivalent-system country (UK, EEA) or with equivalent measures, then no Art. 28 consent is needed', () => {
    for (const r of [{ country: 'GB' }, { country: 'DE' }, { country: 'US', equivalentSystem: true }]) {
      const { s, history, items } = given({ relation: 'entrustee', ...r });
      expect(s.codes(history, s.provided(at(5), 'r', items, ['service']))).toEqual([]);
    }
  });

  it('Art. 27(1)(i)-(iv): given a provision required by law, then no consent, no declared recipient and no record are needed', () => {
    const { s, history, items } = given({ relation: 'thirdParty' });
    const j = s.judge(history, s.provided(at(5), 'police', items, ['service'], { basis: 'statutory' }));
    expect(j.verdict).toBe('allowed');
    expect(j.record).toMatchObject({ required: false, basis: 'statutory' });
  });
});
