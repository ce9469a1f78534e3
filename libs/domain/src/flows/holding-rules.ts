import type { PolicyDocument } from '../policy/policy';
import { RETENTION_RULES } from '../regimes/retention-regime';
import { retentionDeadline } from './retention';
import type { SubjectState } from './subject-state';
import type { Violation } from './violations';

/**
 * A party can only use or hand over what it holds: never acquired → ITEM_NOT_HELD; erased → the
 * flow came after the erasure (APPI Art. 22 / 35, GDPR Art. 17); held past its retention rule →
 * it should have been deleted, as the controller's regime words it (APPI Art. 22, Art. 61(2), GDPR Art. 5(1)(e)).
 */
export function checkHoldings(policy: PolicyDocument, state: SubjectState, holder: string, items: string[], at: string): Violation[] {
  const held = state.holdings[holder] ?? {};
  const erased = state.erased[holder] ?? {};
  const notHeld: string[] = [];
  const afterErasure: string[] = [];
  const expired = new Map<string, string[]>();
  for (const item of items) {
    if (held[item]) {
      const end = retentionDeadline(policy, item, state, holder);
      if (end !== undefined && Date.parse(at) > Date.parse(end)) expired.set(end, [...(expired.get(end) ?? []), item]);
    } else if (erased[item]) {
      afterErasure.push(item);
    } else {
      notHeld.push(item);
    }
  }
  const out: Violation[] = [];
  if (notHeld.length) out.push({ code: 'ITEM_NOT_HELD', message: `${holder} never acquired items ${notHeld.join(', ')}`, items: notHeld });
  if (afterErasure.length) {
    out.push({ code: 'USE_AFTER_ERASURE', message: `${holder} erased items ${afterErasure.join(', ')} before this flow`, items: afterErasure });
  }
  for (const [endedAt, kept] of [...expired].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(RETENTION_RULES[policy.regime]({ holder, items: kept, endedAt }));
  return out;
}
