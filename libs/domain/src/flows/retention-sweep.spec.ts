import type { PolicyDocument } from '../policy/policy';
import { regimePolicy } from '../regimes/regime-policy.testing';
import { flowScenario } from './flow-scenario.testing';
import { flagRetention, nextRetentionEnd, retentionExceededBy } from './retention-sweep';

/** The sweep the projection runs as its clock passes retention ends (GDPR Art. 5(1)(e); APPI Art. 22, Art. 61(2)). */
describe('retention ends while an item is still held', () => {
  const policy: PolicyDocument = {
    ...regimePolicy('GDPR', [{ id: 'mailer', relation: 'entrustee', basis: 'entrustment' }]),
    retention: [
      { items: ['email'], rule: 'P1Y' },
      { items: ['name'], rule: 'P6M-inactivity' },
      { items: ['email'], holder: 'mailer', rule: 'P30D' },
    ],
  };
  const s = flowScenario(policy);
  const acquired = s.acquired('2024-01-01T00:00:00Z', ['email', 'name']);
  const provided = s.provided('2024-02-01T00:00:00Z', 'mailer', ['email'], ['service']);

  it('given a recipient with its own shorter rule, then its end comes first, counted from its own acquisition', () => {
    const state = s.stateAfter([acquired, provided]);
    expect(nextRetentionEnd(policy, state)).toBe('2024-03-02T00:00:00.000Z');
    const found = retentionExceededBy(policy, state, undefined, '2024-03-03T00:00:00Z');
    expect(found.map((f) => [f.holder, f.items, f.endedAt, f.eventId])).toEqual([['mailer', ['email'], '2024-03-02T00:00:00.000Z', provided.eventId]]);
  });

  it('given an inactivity rule, then each later event of the subject moves its end', () => {
    const quiet = s.stateAfter([acquired]);
    const active = s.stateAfter([acquired, s.used('2024-05-01T00:00:00Z', ['name'], ['service'])]);
    expect(retentionExceededBy(policy, quiet, undefined, '2024-07-02T00:00:00Z').map((f) => f.items)).toEqual([['name']]);
    expect(retentionExceededBy(policy, active, undefined, '2024-07-02T00:00:00Z')).toEqual([]);
    expect(nextRetentionEnd(policy, active)).toBe('2024-11-01T00:00:00.000Z');
  });

  it('finds each holding once: flagged items are skipped and the next end is the following one', () => {
    const state = s.stateAfter([acquired, provided]);
    const first = retentionExceededBy(policy, state, undefined, '2024-03-03T00:00:00Z');
    const flags = flagRetention(undefined, state, first);
    expect(retentionExceededBy(policy, state, flags, '2024-03-03T00:00:00Z')).toEqual([]);
    expect(nextRetentionEnd(policy, state, flags)).toBe('2024-08-01T00:00:00.000Z');
  });

  it('given the holder erased the item and acquired it again, then the new holding is judged afresh', () => {
    const before = s.stateAfter([acquired, provided]);
    const flags = flagRetention(undefined, before, retentionExceededBy(policy, before, undefined, '2024-03-03T00:00:00Z'));
    const again = s.stateAfter([
      acquired,
      provided,
      s.erased('2024-03-04T00:00:00Z', ['email'], { holder: 'mailer' }),
      s.provided('2024-03-05T00:00:00Z', 'mailer', ['email'], ['service']),
    ]);
    expect(flagRetention(flags, again, [])).toEqual({});
    expect(retentionExceededBy(policy, again, flags, '2024-04-05T00:00:00Z').map((f) => [f.holder, f.endedAt])).toEqual([
      ['mailer', '2024-04-04T00:00:00.000Z'],
    ]);
  });

  it('given only until-erasure rules, then no end is ever due', () => {
    const open: PolicyDocument = { ...policy, retention: [{ items: ['email', 'name'], rule: 'until-erasure' }] };
    expect(nextRetentionEnd(open, s.stateAfter([acquired]))).toBeUndefined();
  });
});
