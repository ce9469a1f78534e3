import type { DataAcquired } from '../events/events';
import type { PolicyDocument } from '../policy/policy';
import { consentViolation } from './consent-rules';
import { checkPurposes, undeclaredItems } from './purpose-rules';
import type { SubjectState } from './subject-state';
import type { Violation } from './violations';

/**
 * An acquisition must be for specified purposes (APPI Art. 17/21, GDPR Art. 5(1)(b)): items the policy
 * does not declare, purposes it does not declare, or items outside the named purposes are flagged.
 * Sensitive items need the subject's prior consent unless taken from public sources (APPI Art. 20(2)).
 */
export function judgeAcquisition(policy: PolicyDocument, event: DataAcquired, state: SubjectState): Violation[] {
  const out: Violation[] = [];
  const unknown = undeclaredItems(policy, event.items);
  if (unknown.length) {
    out.push({
      code: 'ITEM_OUTSIDE_PURPOSE',
      message: `items ${unknown.join(', ')} are not declared in policy ${policy.controller} v${policy.version}`,
      items: unknown,
    });
  }
  if (event.purposes?.length) {
    const known = event.items.filter((i) => !unknown.includes(i));
    out.push(...checkPurposes(policy, event.purposes, known));
  }
  const sensitive = event.items.filter((i) => policy.items.find((x) => x.id === i)?.sensitive);
  if (sensitive.length && event.source.kind !== 'public' && policy.regime !== 'APPI-public') {
    const v = consentViolation(state, { purposes: event.purposes ?? [], items: sensitive }, `acquiring sensitive items ${sensitive.join(', ')}`);
    if (v) out.push({ ...v, items: sensitive });
  }
  return out;
}
