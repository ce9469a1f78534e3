import { loadSeedPolicy } from '../policy/seed-policies.testing';
import { flowScenario } from './flow-scenario.testing';

/** JCERT (APPI): certificate issuance with Starfield Technologies (US) as entrustee. */
describe('evaluateFlow — JCERT SSL/TLS policy', () => {
  const policy = loadSeedPolicy('jcert');
  const s = flowScenario(policy);
  const applicant = ['name', 'organisation-department', 'address', 'phone-number', 'email'];
  const applied = () => s.acquired('2024-04-01T10:00:00+09:00', [...applicant, 'address-prefecture-city', 'login-credentials']);

  it('allows the certificate application data to go to Starfield once the subject consented to that US transfer', () => {
    const history = [applied(), s.consented('2024-04-01T10:01:00+09:00', { recipients: ['starfield-technologies'] })];
    const flow = s.provided('2024-04-01T10:05:00+09:00', 'starfield-technologies', applicant, ['certificate-service'], { basis: 'entrustment' });
    expect(s.judge(history, flow)).toMatchObject({ verdict: 'allowed', violations: [] });
  });

  it('flags the transfer to Starfield without the consent APPI Art. 28 needs, although Starfield is an entrustee', () => {
    const flow = s.provided('2024-04-01T10:05:00+09:00', 'starfield-technologies', applicant, ['certificate-service'], { basis: 'entrustment' });
    const judgement = s.judge([applied()], flow);
    expect(judgement.verdict).toBe('violation');
    expect(judgement.violations.map((v) => v.code)).toEqual(['CROSS_BORDER_NO_BASIS']);
    expect(judgement.violations[0].message).toContain('starfield-technologies');
  });

  it('does not accept a blanket consent that does not name Starfield as Art. 28 consent', () => {
    const history = [applied(), s.consented('2024-04-01T10:01:00+09:00', {})];
    const flow = s.provided('2024-04-01T10:05:00+09:00', 'starfield-technologies', applicant, ['certificate-service']);
    expect(s.codes(history, flow)).toEqual(['CROSS_BORDER_NO_BASIS']);
  });

  it('flags a transfer to Starfield after the subject withdrew that consent', () => {
    const history = [
      applied(),
      s.consented('2024-04-01T10:01:00+09:00', { recipients: ['starfield-technologies'] }),
      s.withdrew('2024-05-01T09:00:00+09:00', { recipients: ['starfield-technologies'] }),
    ];
    const flow = s.provided('2024-05-02T09:00:00+09:00', 'starfield-technologies', ['email'], ['certificate-service']);
    expect(s.codes(history, flow)).toEqual(['CONSENT_WITHDRAWN']);
  });

  it('publishes only the organisation and the partial address in the public certificate repository', () => {
    const history = [applied()];
    const ok = s.provided(
      '2024-04-02T09:00:00+09:00',
      'public-certificate-repository',
      ['organisation-department', 'address-prefecture-city'],
      ['certificate-publication'],
      { consentRef: 'application-7' },
    );
    expect(s.judge(history, ok).verdict).toBe('allowed');
    const fullAddress = s.provided(
      '2024-04-02T09:00:00+09:00',
      'public-certificate-repository',
      ['organisation-department', 'address'],
      ['certificate-publication'],
      { consentRef: 'application-7' },
    );
    const judgement = s.judge(history, fullAddress);
    expect(judgement.violations.map((v) => v.code)).toEqual(['ITEM_OUTSIDE_RECIPIENT_SCOPE', 'ITEM_OUTSIDE_PURPOSE']);
    expect(judgement.violations[0].items).toEqual(['address']);
  });

  it('sends marketing e-mail only with prior consent (1.(ウ)②)', () => {
    const use = s.used('2024-06-01T09:00:00+09:00', ['email'], ['marketing-email']);
    expect(s.codes([applied()], use)).toEqual(['CONSENT_MISSING']);
    const consented = [applied(), s.consented('2024-04-01T10:02:00+09:00', { purposes: ['marketing-email'] })];
    expect(s.codes(consented, use)).toEqual([]);
    const stopped = [...consented, s.withdrew('2024-05-15T09:00:00+09:00', { purposes: ['marketing-email'] })];
    expect(s.codes(stopped, use)).toEqual(['CONSENT_WITHDRAWN']);
    const renewed = [...stopped, s.consented('2024-05-20T09:00:00+09:00', { purposes: ['marketing-email'] })];
    expect(s.codes(renewed, use)).toEqual([]);
  });

  it('uses the application e-mail to confirm the application without consent (1.(ウ)①)', () => {
    const use = s.used('2024-04-01T11:00:00+09:00', ['email'], ['application-contact']);
    expect(s.codes([applied()], use)).toEqual([]);
  });

  it('accepts registry data obtained from 帝国データバンク for identity verification', () => {
    const fromRegistry = s.acquired('2024-04-01T10:30:00+09:00', ['organisation-department', 'address'], {
      source: { kind: 'thirdParty', name: '帝国データバンク' },
      purposes: ['identity-verification'],
    });
    expect(s.codes([applied()], fromRegistry)).toEqual([]);
  });

  it('flags access logs used for billing: the logs are for site security only (2.(イ))', () => {
    const history = [applied(), s.acquired('2024-04-01T10:00:01+09:00', ['ip-address', 'access-log'], { source: { kind: 'generated' } })];
    const use = s.used('2024-04-03T09:00:00+09:00', ['ip-address'], ['billing']);
    expect(s.codes(history, use)).toEqual(['ITEM_OUTSIDE_PURPOSE']);
    expect(s.codes(history, s.used('2024-04-03T09:00:00+09:00', ['ip-address', 'access-log'], ['site-security-and-maintenance']))).toEqual([]);
  });

  it('flags billing after three years without any activity (1.(エ)② P3Y-inactivity)', () => {
    const history = [applied()];
    expect(s.codes(history, s.used('2027-03-31T10:00:00+09:00', applicant, ['billing']))).toEqual([]);
    expect(s.codes(history, s.used('2027-04-02T10:00:00+09:00', applicant, ['billing']))).toEqual(['RETENTION_EXCEEDED']);
  });

  it('flags any use after the account was deleted (1.(エ)①)', () => {
    const history = [
      applied(),
      s.erased('2025-01-10T09:00:00+09:00', [...applicant, 'address-prefecture-city', 'login-credentials'], { reason: 'account-deleted' }),
    ];
    expect(s.codes(history, s.used('2025-02-01T09:00:00+09:00', ['email'], ['billing']))).toEqual(['USE_AFTER_ERASURE']);
  });

  it('lets Starfield use the data only for the purposes it was entrusted with', () => {
    const history = [
      applied(),
      s.consented('2024-04-01T10:01:00+09:00', { recipients: ['starfield-technologies'] }),
      s.provided('2024-04-01T10:05:00+09:00', 'starfield-technologies', applicant, ['certificate-service']),
    ];
    const validation = s.used('2024-04-01T12:00:00+09:00', applicant, ['identity-verification'], { holder: 'starfield-technologies' });
    expect(s.codes(history, validation)).toEqual([]);
    const ownMarketing = s.used('2024-04-02T12:00:00+09:00', ['email'], ['marketing-email'], { holder: 'starfield-technologies' });
    expect(s.codes([...history, s.consented('2024-04-01T10:02:00+09:00', { purposes: ['marketing-email'] })], ownMarketing)).toEqual(['PURPOSE_UNDECLARED']);
  });

  it('allows a disclosure ordered by law to an authority the policy does not name (1.(ア)①2.)', () => {
    const flow = s.provided('2024-07-01T09:00:00+09:00', 'tokyo-district-court', ['name', 'email'], ['court-order'], { basis: 'statutory' });
    expect(s.codes([applied()], flow)).toEqual([]);
    expect(s.codes([applied()], { ...flow, basis: undefined })).toEqual(['CONSENT_MISSING', 'PURPOSE_UNDECLARED', 'RECIPIENT_UNDECLARED']);
  });
});
