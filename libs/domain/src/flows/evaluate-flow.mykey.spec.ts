import { loadSeedPolicy } from '../policy/seed-policies.testing';
import { flowScenario } from './flow-scenario.testing';

/** Digital Agency MyKey Platform (APPI-public): per-service identifiers, usage services, contractors. */
describe('evaluateFlow — MyKey Platform protection policy', () => {
  const policy = loadSeedPolicy('digital-agency-mykey');
  const s = flowScenario(policy);
  const card = ['identification-certificate-serial', 'name', 'address', 'date-of-birth', 'sex'];
  const signedUp = () => [
    s.acquired('2024-05-01T09:00:00+09:00', card),
    s.acquired('2024-05-01T09:00:01+09:00', ['platform-user-identifier', 'service-identifier'], { source: { kind: 'generated' } }),
    s.acquired('2024-05-01T09:00:02+09:00', ['identification-certificate-serial-history', 'signing-certificate-serial'], {
      source: { kind: 'thirdParty', name: 'J-LIS' },
    }),
  ];

  it('hands a usage service its own identifier and the card attributes for authentication, without consent (Art. 69(1))', () => {
    const flow = s.provided(
      '2024-05-01T09:01:00+09:00',
      'mykey-usage-services',
      ['service-identifier', 'name', 'address', 'date-of-birth', 'sex'],
      ['authentication-service'],
    );
    expect(s.judge(signedUp(), flow)).toMatchObject({ verdict: 'allowed', violations: [] });
  });

  it('flags the platform-wide identifier handed to a usage service: each service gets only its own identifier', () => {
    const flow = s.provided('2024-05-01T09:01:00+09:00', 'mykey-usage-services', ['platform-user-identifier'], ['authentication-service']);
    expect(s.codes(signedUp(), flow)).toEqual(['ITEM_OUTSIDE_RECIPIENT_SCOPE']);
  });

  it('flags a provision to a usage service for statistics: only authentication is declared for them', () => {
    const flow = s.provided('2024-05-02T09:00:00+09:00', 'mykey-usage-services', ['service-identifier'], ['statistics']);
    expect(s.codes(signedUp(), flow)).toEqual(['ITEM_OUTSIDE_PURPOSE', 'PURPOSE_UNDECLARED']);
  });

  it('entrusts processing to contractors under supervision (4.)', () => {
    const flow = s.provided(
      '2024-05-03T09:00:00+09:00',
      'mykey-contractors',
      ['platform-user-identifier', 'identification-certificate-serial'],
      ['user-identifier-management'],
    );
    expect(s.codes(signedUp(), flow)).toEqual([]);
  });

  it('flags the card attributes used for statistics: only access information is', () => {
    const use = s.used('2024-06-01T09:00:00+09:00', ['date-of-birth', 'sex'], ['statistics']);
    expect(s.judge(signedUp(), use).violations).toEqual([expect.objectContaining({ code: 'ITEM_OUTSIDE_PURPOSE', items: ['date-of-birth', 'sex'] })]);
  });

  it('flags handing the e-mail address to a service the policy does not name', () => {
    const history = [...signedUp(), s.acquired('2024-05-04T09:00:00+09:00', ['email'])];
    const flow = s.provided('2024-05-05T09:00:00+09:00', 'private-marketing-co', ['email'], ['contact-and-inquiries']);
    expect(s.codes(history, flow)).toEqual(['RECIPIENT_UNDECLARED']);
  });
});
