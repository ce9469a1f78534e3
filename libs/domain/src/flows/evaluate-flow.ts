import { assertNever, type DataAcquired, type DataProvided, type DataUsed } from '../events/events';
import type { PolicyDocument } from '../policy/policy';
import { policyMissingMessage } from '../policy/policy-in-force';
import { judgeAcquisition } from './acquisition-rules';
import { checkConsentPurposes } from './consent-rules';
import { checkHoldings } from './holding-rules';
import { checkRecipientScope } from './provision-rules';
import { flowRulesOf } from '../regimes/flow-regime';
import type { ProvisionRecordDecision } from '../regimes/flow-rules';
import { provisionBasis } from '../regimes/provision-facts';
import { checkPurposes } from './purpose-rules';
import type { SubjectState } from './subject-state';
import type { FlowJudgement, Violation } from './violations';

export type JudgedEvent = DataAcquired | DataUsed | DataProvided;

/**
 * Judges one flow against the policy version in force when it happened and the subject's state
 * (per controller and subject) just before it. Pure: same inputs, same judgement. Messages name
 * items, purposes and parties by id only.
 */
export function evaluateFlow(event: JudgedEvent, policy: PolicyDocument | undefined, state: SubjectState): FlowJudgement {
  if (!policy) {
    const violations: Violation[] = [{ code: 'POLICY_MISSING', message: policyMissingMessage(event.controller, event.occurredAt) }];
    // Without a policy the regime is unknown: a provision is recorded, to be safe.
    const record =
      event.type === 'DataProvided' ? { required: true, basis: provisionBasis(event, undefined) ?? null, article: 'no policy in force' } : undefined;
    return { verdict: 'violation', violations, ...(record ? { record } : {}) };
  }
  const { violations, record } = judge(event, policy, state);
  const merged = merge(violations);
  return { verdict: merged.length ? 'violation' : 'allowed', violations: merged, ...(record ? { record } : {}) };
}

function judge(event: JudgedEvent, policy: PolicyDocument, state: SubjectState): { violations: Violation[]; record?: ProvisionRecordDecision } {
  switch (event.type) {
    case 'DataAcquired':
      return { violations: judgeAcquisition(policy, event, state) };
    case 'DataUsed':
      return { violations: judgeUse(policy, event, state) };
    case 'DataProvided':
      return judgeProvision(policy, event, state);
    default:
      return assertNever(event);
  }
}

/** A use by the controller, or by a recipient (then only for the purposes declared for it). */
function judgeUse(policy: PolicyDocument, event: DataUsed, state: SubjectState): Violation[] {
  const holder = event.holder ?? event.controller;
  const out = checkHoldings(policy, state, holder, event.items, event.occurredAt);
  // A statutory exception (APPI Art. 18(3)) makes a use outside the declared purposes lawful.
  if (event.exception) return out;
  out.push(...checkPurposes(policy, event.purposes, event.items, partyPurposes(policy, holder)));
  out.push(...checkConsentPurposes(policy, state, event.purposes, event.items));
  return out;
}

/**
 * A provision: what every regime checks (holdings, a declared recipient and its scope, purposes, the
 * controller's consent-only purposes), then the regime's own rule for its basis, transfer abroad and
 * record. The verdict and the record come from that one decision.
 */
function judgeProvision(policy: PolicyDocument, event: DataProvided, state: SubjectState): { violations: Violation[]; record: ProvisionRecordDecision } {
  const holder = event.holder ?? event.controller;
  const out = checkHoldings(policy, state, holder, event.items, event.occurredAt);
  const recipient = policy.recipients.find((r) => r.id === event.recipient);
  const ctx = { policy, event, recipient, state };
  const rules = flowRulesOf(policy.regime);
  const decision = rules.judgeProvision(ctx);
  // A provision required by law (APPI Art. 27(1)(i)-(iv), Art. 69(1); GDPR Art. 6(1)(c)) need not be declared to any party.
  if (event.basis === 'statutory') return { violations: out, record: decision.record };
  out.push(...checkRecipientScope(policy, event, recipient));
  if (!rules.liftsPurposeLimitation(ctx)) {
    out.push(...checkPurposes(policy, event.purposes, event.items, recipient ? { party: recipient.id, purposes: recipient.purposes } : undefined));
  }
  out.push(...checkConsentPurposes(policy, state, event.purposes, event.items));
  out.push(...decision.violations);
  return { violations: out, record: decision.record };
}

function partyPurposes(policy: PolicyDocument, holder: string): { party: string; purposes: string[] } | undefined {
  if (holder === policy.controller) return undefined;
  const recipient = policy.recipients.find((r) => r.id === holder);
  return { party: holder, purposes: recipient?.purposes ?? [] };
}

/** One violation per code, its items and messages combined, in the order codes first appeared. */
function merge(violations: Violation[]): Violation[] {
  const byCode = new Map<string, Violation>();
  for (const v of violations) {
    const seen = byCode.get(v.code);
    if (!seen) {
      byCode.set(v.code, { ...v, items: v.items ? [...v.items] : undefined });
      continue;
    }
    seen.message = `${seen.message}; ${v.message}`;
    if (v.items) seen.items = [...new Set([...(seen.items ?? []), ...v.items])];
  }
  return [...byCode.values()].map((v) => (v.items ? v : { code: v.code, message: v.message }));
}
