import type { PolicyDocument } from '../policy/policy';
import { parseRetentionRule } from '../policy/retention-rule';
import { loadSeedPolicies } from '../policy/seed-policies.testing';
import { flowScenario } from './flow-scenario.testing';
import { isRetentionExceeded, retentionDeadline } from './retention';

describe('retention deadlines of the seed policies', () => {
  const seeds = loadSeedPolicies();
  const jcert = seeds.jcert;
  const s = flowScenario(jcert);

  it('gives JCERT customer data three years from the last activity of the subject (1.(エ)②)', () => {
    const state = s.stateAfter([s.acquired('2024-04-01T00:00:00Z', ['email', 'ip-address']), s.used('2025-06-30T00:00:00Z', ['email'], ['billing'])]);
    expect(retentionDeadline(jcert, 'email', state)).toBe('2028-06-30T00:00:00.000Z');
    expect(isRetentionExceeded(jcert, 'email', state, '2028-06-29T23:59:59Z')).toBe(false);
    expect(isRetentionExceeded(jcert, 'email', state, '2028-06-30T00:00:01Z')).toBe(true);
  });

  it('sets no deadline for JCERT access logs, which the text keeps without a period (3.(ウ))', () => {
    const state = s.stateAfter([s.acquired('2014-04-01T00:00:00Z', ['ip-address'])]);
    expect(retentionDeadline(jcert, 'ip-address', state)).toBeUndefined();
    expect(isRetentionExceeded(jcert, 'ip-address', state, '2040-01-01T00:00:00Z')).toBe(false);
  });

  it("judges Starfield's copy by its own rule (deletion on certificate expiry), not by JCERT's inactivity limit", () => {
    const state = s.stateAfter([
      s.acquired('2020-01-01T00:00:00Z', ['email']),
      s.consented('2020-01-01T00:00:00Z', { recipients: ['starfield-technologies'] }),
      s.provided('2020-01-01T00:00:00Z', 'starfield-technologies', ['email'], ['certificate-service']),
    ]);
    expect(isRetentionExceeded(jcert, 'email', state, '2024-01-01T00:00:00Z')).toBe(true);
    expect(retentionDeadline(jcert, 'email', state, 'starfield-technologies')).toBeUndefined();
  });

  it('counts a fixed period from the holder’s acquisition and lets the earliest rule win', () => {
    const policy: PolicyDocument = { ...seeds.gbizconnect, retention: [...seeds.gbizconnect.retention, { items: ['ip-address'], rule: 'P90D' }] };
    const g = flowScenario(policy);
    const state = g.stateAfter([g.acquired('2024-01-01T00:00:00+09:00', ['ip-address'], { source: { kind: 'generated' } })]);
    expect(retentionDeadline(policy, 'ip-address', state)).toBe('2024-03-30T15:00:00.000Z');
    expect(g.codes([g.acquired('2024-01-01T00:00:00+09:00', ['ip-address'])], g.used('2024-04-01T00:00:00+09:00', ['ip-address'], ['usage-survey']))).toEqual([
      'RETENTION_EXCEEDED',
    ]);
  });

  it('reads the machine-readable rules and rejects malformed ones', () => {
    expect(parseRetentionRule('until-erasure')).toEqual({ kind: 'until-erasure' });
    expect(parseRetentionRule('P3Y-inactivity')).toEqual({
      kind: 'fromLastActivity',
      duration: { years: 3, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0 },
    });
    expect(parseRetentionRule('P1Y6M')).toMatchObject({ kind: 'fromAcquisition', duration: { years: 1, months: 6 } });
    expect(parseRetentionRule('P2W')).toMatchObject({ duration: { days: 14 } });
    for (const bad of ['3 years', 'P', 'PT', 'P3Y-idle', '']) expect(parseRetentionRule(bad)).toBeUndefined();
  });
});
