import { loadSeedPolicy } from '../policy/seed-policies.testing';
import { flowScenario } from './flow-scenario.testing';

/** gBizConnect (APPI-public, METI): registration fields, automatic logs, contractors. */
describe('evaluateFlow — gBizConnect user information policy', () => {
  const policy = loadSeedPolicy('gbizconnect');
  const s = flowScenario(policy);
  const required = ['account-name', 'account-corporation-name', 'account-department', 'account-email', 'account-password'];
  const registered = () => [
    s.acquired('2024-02-01T10:00:00+09:00', [...required, 'account-phone'], { purposes: ['gbizconnect-provision'] }),
    s.acquired('2024-02-01T10:00:05+09:00', ['ip-address', 'login-history', 'access-datetime'], { source: { kind: 'generated' } }),
  ];

  it('uses registration data and logs to run the platform', () => {
    expect(s.codes(registered(), s.used('2024-02-02T09:00:00+09:00', ['account-email', 'account-password'], ['gbizconnect-provision']))).toEqual([]);
    expect(s.codes(registered(), s.used('2024-03-01T09:00:00+09:00', ['ip-address', 'login-history'], ['usage-survey']))).toEqual([]);
  });

  it('flags a use for a purpose the policy does not declare (2. 目的以外のための利用は行いません)', () => {
    const judgement = s.judge(registered(), s.used('2024-03-01T09:00:00+09:00', ['account-email'], ['advertising']));
    expect(judgement.verdict).toBe('violation');
    expect(judgement.violations).toEqual([{ code: 'PURPOSE_UNDECLARED', message: 'purposes advertising are not declared in policy gbizconnect v1' }]);
  });

  it('allows a use outside the declared purposes when a statutory exception is given (3.)', () => {
    const use = s.used('2024-03-01T09:00:00+09:00', ['ip-address'], ['police-inquiry'], { exception: 'APPI-69-2-i' });
    expect(s.codes(registered(), use)).toEqual([]);
  });

  it('entrusts the data to contractors to provide gBizConnect, but not for their other work (4.)', () => {
    const ok = s.provided('2024-02-03T09:00:00+09:00', 'gbizconnect-contractors', ['account-name', 'account-email'], ['gbizconnect-provision']);
    expect(s.codes(registered(), ok)).toEqual([]);
    const survey = s.provided('2024-02-03T09:00:00+09:00', 'gbizconnect-contractors', ['account-email'], ['usage-survey']);
    expect(s.codes(registered(), survey)).toEqual(['PURPOSE_UNDECLARED']);
  });

  it('flags a use of an optional field the user never filled in', () => {
    expect(s.codes(registered(), s.used('2024-02-02T09:00:00+09:00', ['account-postal-code'], ['notices']))).toEqual(['ITEM_NOT_HELD']);
  });

  it('flags any use after the account was deleted (8. 直ちに削除)', () => {
    const history = [
      ...registered(),
      s.erased('2024-06-01T09:00:00+09:00', [...required, 'account-phone', 'ip-address', 'login-history', 'access-datetime'], { reason: 'account-deleted' }),
    ];
    expect(s.codes(history, s.used('2024-06-02T09:00:00+09:00', ['login-history'], ['usage-survey']))).toEqual(['USE_AFTER_ERASURE']);
  });
});
