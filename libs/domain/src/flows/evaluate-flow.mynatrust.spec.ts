import { loadSeedPolicy } from '../policy/seed-policies.testing';
import { flowScenario } from './flow-scenario.testing';

/** CyberLinks マイナトラスト (APPI): the app hands card and certificate data to the upstream cloud operator. */
describe('evaluateFlow — マイナトラスト 電子署名 app policy', () => {
  const policy = loadSeedPolicy('cyberlinks-mynatrust');
  const s = flowScenario(policy);
  const card = ['card-name', 'card-address', 'card-date-of-birth', 'card-face-photo'];
  const cert = ['signing-cert-name', 'signing-cert-address', 'signing-cert-date-of-birth'];
  const history = () => [s.acquired('2024-01-10T09:00:00+09:00', card), s.acquired('2024-01-10T09:01:00+09:00', cert)];

  it('provides the card data to the upstream cloud operator at login authentication', () => {
    const login = s.provided('2024-01-10T09:05:00+09:00', 'upstream-cloud-operator', card, ['user-authentication'], {
      basis: 'consent',
      consentRef: 'login-op-1',
    });
    expect(s.judge(history(), login)).toMatchObject({ verdict: 'allowed', violations: [] });
  });

  it('provides the signing certificate data to the upstream cloud operator when a document is signed', () => {
    const signing = s.provided('2024-01-11T14:00:00+09:00', 'upstream-cloud-operator', cert, ['document-signing'], { consentRef: 'sign-op-9' });
    expect(s.codes(history(), signing)).toEqual([]);
  });

  it('flags the same data sent to a party the policy does not declare', () => {
    const leak = s.provided('2024-01-11T14:00:00+09:00', 'ad-network-x', card, ['user-authentication'], { consentRef: 'login-op-1' });
    const judgement = s.judge(history(), leak);
    expect(judgement.violations.map((v) => v.code)).toEqual(['RECIPIENT_UNDECLARED']);
    expect(judgement.violations[0].message).toBe('recipient ad-network-x is not declared in policy cyberlinks-mynatrust v1');
  });

  it('flags a provision to the upstream operator for a purpose other than login or signing', () => {
    const notices = s.provided('2024-01-12T09:00:00+09:00', 'upstream-cloud-operator', ['card-name'], ['service-notices'], { consentRef: 'x' });
    expect(s.codes(history(), notices)).toEqual(['PURPOSE_UNDECLARED']);
  });

  it('flags a provision to the upstream operator with no consent shown for it', () => {
    const silent = s.provided('2024-01-10T09:05:00+09:00', 'upstream-cloud-operator', card, ['user-authentication']);
    expect(s.codes(history(), silent)).toEqual(['CONSENT_MISSING']);
  });

  it('flags signing with certificate data the app never stored', () => {
    const onlyCard = [s.acquired('2024-01-10T09:00:00+09:00', card)];
    const signing = s.provided('2024-01-11T14:00:00+09:00', 'upstream-cloud-operator', cert, ['document-signing'], { consentRef: 'sign-op-9' });
    const judgement = s.judge(onlyCard, signing);
    expect(judgement.violations).toEqual([expect.objectContaining({ code: 'ITEM_NOT_HELD', items: cert })]);
  });

  it('flags cookie data used for authentication: cookies only customise the web service (5.)', () => {
    const h = [...history(), s.acquired('2024-01-10T09:02:00+09:00', ['cookie-id'], { source: { kind: 'generated' } })];
    expect(s.codes(h, s.used('2024-01-10T10:00:00+09:00', ['cookie-id'], ['user-authentication']))).toEqual(['ITEM_OUTSIDE_PURPOSE']);
    expect(s.codes(h, s.used('2024-01-10T10:00:00+09:00', ['cookie-id'], ['customised-web-service']))).toEqual([]);
  });

  it('flags acquiring data the policy does not declare, such as the Individual Number', () => {
    const acquisition = s.acquired('2024-01-10T09:00:00+09:00', ['card-name', 'individual-number'], { purposes: ['user-authentication'] });
    expect(s.judge([], acquisition).violations).toEqual([expect.objectContaining({ code: 'ITEM_OUTSIDE_PURPOSE', items: ['individual-number'] })]);
  });
});
