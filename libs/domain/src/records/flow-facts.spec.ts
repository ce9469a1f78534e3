import { flowScenario } from '../flows/flow-scenario.testing';
import { regimePolicy } from '../regimes/regime-policy.testing';
import { flowFacts } from './flow-facts';

/**
 * What a flow shows about the processing, declared or not by the policy then in force — the same
 * tests as purpose limitation (APPI Art. 18(1), 69(1); GDPR Art. 5(1)(b)) and the recipient scope
 * (APPI Art. 27, GDPR Art. 30(1)(d)), so drift and verdicts agree.
 */
describe('flow facts against the policy in force', () => {
  const policy = regimePolicy('APPI', [{ id: 'partner', country: 'US', purposes: ['service'] }]);
  const s = flowScenario(policy);
  const at = '2024-05-01T00:00:00Z';
  const undeclared = (e: Parameters<typeof flowFacts>[0]) => flowFacts(e, policy).filter((f) => !f.declared);

  it('a provision to a declared recipient for its purpose shows the recipient, its country, the purpose and items, all declared', () => {
    const facts = flowFacts(s.provided(at, 'partner', ['name'], ['service']), policy);
    expect(facts).toEqual(
      expect.arrayContaining([
        { kind: 'recipient', id: 'partner', declared: true },
        { kind: 'country', id: 'US', declared: true },
        { kind: 'purpose', id: 'service', declared: true },
        { kind: 'item', id: 'name', declared: true },
      ]),
    );
    expect(undeclared(s.provided(at, 'partner', ['name'], ['service']))).toEqual([]);
  });

  it('a recipient the policy does not list is undeclared, with no country; its declared purpose stays declared (as RECIPIENT_UNDECLARED alone)', () => {
    expect(undeclared(s.provided(at, 'Ad Network KK', ['name'], ['service']))).toEqual([{ kind: 'recipient', id: 'Ad Network KK', declared: false }]);
  });

  it('a purpose declared but not for that recipient is undeclared for that party; an unknown purpose and item are undeclared', () => {
    expect(undeclared(s.provided(at, 'partner', ['name'], ['research']))).toEqual([{ kind: 'purpose', id: 'research', party: 'partner', declared: false }]);
    expect(undeclared(s.used(at, ['shoe-size'], ['profiling']))).toEqual([
      { kind: 'item', id: 'shoe-size', declared: false },
      { kind: 'purpose', id: 'profiling', declared: false },
    ]);
  });

  it('a use naming no purpose has the undeclared purpose ""; an acquisition naming none has no purpose fact', () => {
    expect(undeclared(s.used(at, ['name'], []))).toEqual([{ kind: 'purpose', id: '', declared: false }]);
    expect(flowFacts(s.acquired(at, ['name']), policy).filter((f) => f.kind === 'purpose')).toEqual([]);
  });
});
