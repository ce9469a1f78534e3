import type { Regime } from '../policy/policy';
import { flowScenario } from '../flows/flow-scenario.testing';
import { retentionExceededBy, type RetentionFinding } from '../flows/retention-sweep';
import { regimePolicy } from './regime-policy.testing';

/**
 * Test support: a controller of `regime` that keeps e-mail addresses one year from acquisition, with a
 * subject whose e-mail it acquired on 2024-03-01 (UTC) and still holds. `findingsAt(now)` is what the
 * projection's clock reaching `now` finds.
 */
export function retentionCase(regime: Regime): { findingsAt(now: string): RetentionFinding[] } {
  const policy = {
    ...regimePolicy(regime, []),
    retention: [
      { items: ['email'], rule: 'P1Y' },
      { items: ['name'], rule: 'until-erasure' },
    ],
  };
  const s = flowScenario(policy);
  const state = s.stateAfter([s.acquired('2024-03-01T00:00:00Z', ['email', 'name'])]);
  return { findingsAt: (now) => retentionExceededBy(policy, state, undefined, now) };
}
