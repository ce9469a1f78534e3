import type { PolicyDocument } from '../policy/policy';
import { loadSeedPolicies } from '../policy/seed-policies.testing';
import type { SubjectEvent } from '../events/events';
import type { JudgedEvent } from './evaluate-flow';
import { flowScenario, type FlowScenario } from './flow-scenario.testing';
import { VIOLATION_CODES, type ViolationCode } from './violations';

/**
 * Codes no single seed scenario reaches, and the catalogue: every code a flow can carry is produced.
 * No seed declares 要配慮個人情報, so the opt-out rule uses FujiSSL with one hypothetical sensitive item.
 */
describe('evaluateFlow — violation codes across the seed policies', () => {
  const seeds = loadSeedPolicies();
  const withSensitiveItem = (p: PolicyDocument): PolicyDocument => ({
    ...p,
    items: [...p.items, { id: 'medical-certificate', label: '診断書（仮想の要配慮個人情報）', category: 'user.health', sensitive: true }],
    purposes: p.purposes.map((x) => (x.id === 'third-party-provision' ? { ...x, items: [...x.items, 'medical-certificate'] } : x)),
    recipients: p.recipients.map((r) => ({
      ...r,
      basis: r.id === 'fujissl-designated-agents' ? 'optOut' : r.basis,
      items: [...r.items, 'medical-certificate'],
    })),
  });

  it('judges every flow as POLICY_MISSING when no policy of the controller is in force', () => {
    const s = flowScenario(undefined, 'jcert');
    const judgement = s.judge([], s.used('2024-01-01T00:00:00Z', ['email'], ['billing']));
    expect(judgement).toEqual({
      verdict: 'violation',
      violations: [{ code: 'POLICY_MISSING', message: 'no policy of jcert in force at 2024-01-01T00:00:00Z' }],
    });
  });

  it('never lets sensitive items go by opt-out (APPI Art. 27(2)), while plain items may', () => {
    const policy = withSensitiveItem(seeds['nijimo-fujissl']);
    const s = flowScenario(policy);
    const history = [s.acquired('2024-01-01T00:00:00Z', ['email', 'medical-certificate'])];
    const sensitive = s.provided('2024-01-02T00:00:00Z', 'fujissl-designated-agents', ['email', 'medical-certificate'], ['third-party-provision']);
    expect(s.judge(history, sensitive).violations).toEqual([expect.objectContaining({ code: 'SENSITIVE_OPT_OUT', items: ['medical-certificate'] })]);
    expect(s.codes(history, { ...sensitive, items: ['email'] })).toEqual([]);
  });

  it('stops an opt-out provision once the subject objected', () => {
    const policy = withSensitiveItem(seeds['nijimo-fujissl']);
    const s = flowScenario(policy);
    const history = [s.acquired('2024-01-01T00:00:00Z', ['email']), s.withdrew('2024-01-05T00:00:00Z', { recipients: ['fujissl-designated-agents'] })];
    expect(s.codes(history, s.provided('2024-01-06T00:00:00Z', 'fujissl-designated-agents', ['email'], ['third-party-provision']))).toEqual([
      'CONSENT_WITHDRAWN',
    ]);
  });

  it('flags acquiring a sensitive item without the prior consent APPI Art. 20(2) requires', () => {
    const s = flowScenario(withSensitiveItem(seeds['nijimo-fujissl']));
    const acquisition = s.acquired('2024-01-01T00:00:00Z', ['medical-certificate'], { purposes: ['third-party-provision'] });
    expect(s.codes([], acquisition)).toEqual(['CONSENT_MISSING']);
    expect(s.codes([s.consented('2023-12-31T00:00:00Z', { purposes: ['third-party-provision'] })], acquisition)).toEqual([]);
  });

  it('flags an onward provision by a recipient of items it never received', () => {
    const s = flowScenario(seeds.jcert);
    const history = [
      s.acquired('2024-01-01T00:00:00Z', ['name', 'email', 'phone-number']),
      s.consented('2024-01-01T00:00:00Z', { recipients: ['starfield-technologies'] }),
      s.provided('2024-01-01T01:00:00Z', 'starfield-technologies', ['name', 'email'], ['certificate-service']),
    ];
    const onward = s.provided('2024-01-02T00:00:00Z', 'jcert-contractors', ['name', 'phone-number'], ['certificate-service'], {
      holder: 'starfield-technologies',
    });
    expect(s.judge(history, onward).violations).toEqual([expect.objectContaining({ code: 'ITEM_NOT_HELD', items: ['phone-number'] })]);
  });

  it('flags an acquisition for a purpose the policy does not declare', () => {
    const s = flowScenario(seeds.gbizconnect);
    expect(s.codes([], s.acquired('2024-01-01T00:00:00Z', ['account-email'], { purposes: ['recruitment'] }))).toEqual(['PURPOSE_UNDECLARED']);
  });

  it('produces every violation code a single flow can carry (ERASURE_NOT_PROPAGATED is raised by projections)', () => {
    const produced = new Set<ViolationCode>();
    const s = flowScenario(seeds.jcert);
    const base = [s.acquired('2024-01-01T00:00:00Z', ['name', 'email', 'ip-address'])];
    const f = flowScenario(withSensitiveItem(seeds['nijimo-fujissl']));
    const cases: [FlowScenario, SubjectEvent[], JudgedEvent][] = [
      [flowScenario(undefined, 'jcert'), [], s.used('2024-01-02T00:00:00Z', ['email'], ['billing'])],
      [s, base, s.used('2024-01-02T00:00:00Z', ['email'], ['lottery'])],
      [s, base, s.used('2024-01-02T00:00:00Z', ['ip-address'], ['billing'])],
      [s, base, s.provided('2024-01-02T00:00:00Z', 'unknown-broker', ['email'], ['billing'])],
      [s, base, s.provided('2024-01-02T00:00:00Z', 'public-certificate-repository', ['name'], ['certificate-publication'], { consentRef: 'a' })],
      [s, base, s.used('2024-01-02T00:00:00Z', ['email'], ['marketing-email'])],
      [
        s,
        [...base, s.consented('2024-01-01T00:00:00Z', { purposes: ['marketing-email'] }), s.withdrew('2024-01-01T12:00:00Z', {})],
        s.used('2024-01-02T00:00:00Z', ['email'], ['marketing-email']),
      ],
      [s, base, s.provided('2024-01-02T00:00:00Z', 'starfield-technologies', ['email'], ['certificate-service'])],
      [
        f,
        [f.acquired('2024-01-01T00:00:00Z', ['medical-certificate']), f.consented('2024-01-01T00:00:00Z', {})],
        f.provided('2024-01-02T00:00:00Z', 'fujissl-designated-agents', ['medical-certificate'], ['third-party-provision']),
      ],
      [s, base, s.used('2024-01-02T00:00:00Z', ['phone-number'], ['billing'])],
      [s, [...base, s.erased('2024-01-01T12:00:00Z', ['email'])], s.used('2024-01-02T00:00:00Z', ['email'], ['billing'])],
      [s, base, s.used('2030-01-02T00:00:00Z', ['email'], ['billing'])],
    ];
    for (const [scenario, history, flow] of cases) scenario.codes(history, flow).forEach((c) => produced.add(c));
    expect([...produced].sort()).toEqual(VIOLATION_CODES.filter((c) => c !== 'ERASURE_NOT_PROPAGATED').sort());
  });
});
