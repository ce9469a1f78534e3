import { loadSeedPolicy } from '../policy/seed-policies.testing';
import { flowScenario } from './flow-scenario.testing';

/** Nijimo FujiSSL (APPI): designated agents, certificate verifiers, statistics, new-service notices. */
describe('evaluateFlow — FujiSSL certificate information policy', () => {
  const policy = loadSeedPolicy('nijimo-fujissl');
  const s = flowScenario(policy);
  const contact = ['name', 'address', 'phone-number', 'email'];
  const certificate = ['certificate-contents', 'certificate-validity'];
  const viaAgent = () => [
    s.acquired('2023-09-01T10:00:00+09:00', [...contact, ...certificate], { source: { kind: 'thirdParty', name: '指定事業者' } }),
    s.consented('2023-09-01T10:00:00+09:00', { purposes: ['third-party-provision'] }),
  ];

  it('serves the certificate contents and validity to certificate verifiers (4.2)', () => {
    const ocsp = s.provided('2023-09-02T00:00:00+09:00', 'fujissl-certificate-verifiers', certificate, ['third-party-provision']);
    expect(s.judge(viaAgent(), ocsp)).toMatchObject({ verdict: 'allowed', violations: [] });
  });

  it('flags the phone number served to certificate verifiers: only certificate contents and validity go to them', () => {
    const leak = s.provided('2023-09-02T00:00:00+09:00', 'fujissl-certificate-verifiers', ['certificate-contents', 'phone-number'], ['third-party-provision']);
    const judgement = s.judge(viaAgent(), leak);
    expect(judgement.violations).toEqual([
      {
        code: 'ITEM_OUTSIDE_RECIPIENT_SCOPE',
        message: 'items phone-number are outside the scope of recipient fujissl-certificate-verifiers',
        items: ['phone-number'],
      },
    ]);
  });

  it('gives the managing designated agent the information it needs to check and renew certificates (4.1)', () => {
    const renewal = s.provided(
      '2024-08-01T10:00:00+09:00',
      'fujissl-designated-agents',
      [...contact, ...certificate],
      ['third-party-provision', 'certificate-management'],
    );
    expect(s.codes(viaAgent(), renewal)).toEqual([]);
  });

  it('flags a provision to a designated agent once the subject asked to stop third-party provision (11.)', () => {
    const history = [...viaAgent(), s.withdrew('2024-01-01T10:00:00+09:00', { purposes: ['third-party-provision'] })];
    const renewal = s.provided('2024-08-01T10:00:00+09:00', 'fujissl-designated-agents', contact, ['third-party-provision']);
    expect(s.codes(history, renewal)).toEqual(['CONSENT_WITHDRAWN']);
  });

  it('uses the data for statistics and new-service notices (2.(6)(7))', () => {
    expect(s.codes(viaAgent(), s.used('2024-01-15T09:00:00+09:00', [...contact, ...certificate], ['statistics-and-research']))).toEqual([]);
    expect(s.codes(viaAgent(), s.used('2024-01-15T09:00:00+09:00', ['email'], ['new-service-notices']))).toEqual([]);
  });

  it('flags a use for a purpose outside 2.(1)-(8), such as selling mailing lists', () => {
    expect(s.codes(viaAgent(), s.used('2024-01-15T09:00:00+09:00', ['email'], ['mailing-list-sale']))).toEqual(['PURPOSE_UNDECLARED']);
  });

  it('flags a designated agent receiving data with no consent on record or shown', () => {
    const bare = [s.acquired('2023-09-01T10:00:00+09:00', contact, { source: { kind: 'subject' } })];
    const flow = s.provided('2023-09-05T10:00:00+09:00', 'fujissl-designated-agents', contact, ['third-party-provision']);
    expect(s.codes(bare, flow)).toEqual(['CONSENT_MISSING']);
  });
});
