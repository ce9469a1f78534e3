import { assertNever, type DataAcquired, type DataProvided, type DataUsed } from '../events/events';
import type { PolicyDocument } from '../policy/policy';
import { judgeAcquisition } from './acquisition-rules';
import { checkConsentPurposes } from './consent-rules';
import { checkHoldings } from './holding-rules';
import { checkBasis, checkCrossBorder, checkRecipientScope } from './provision-rules';
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
    return { verdict: 'violation', violations: [{ code: 'POLICY_MISSING', message: `no policy of ${event.controller} in force at ${event.occurredAt}` }] };
  }
  const violations = merge(judge(event, policy, state));
  return { verdict: violations.length ? 'violation' : 'allowed', violations };
}

function judge(event: JudgedEvent, policy: PolicyDocument, state: SubjectState): Violation[] {
  switch (event.type) {
    case 'DataAcquired':
      return judgeAcquisition(policy, event, state);
    case 'DataUsed':
      return judgeUse(policy, event, state);
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

function judgeProvision(policy: PolicyDocument, event: DataProvided, state: SubjectState): Violation[] {
  const holder = event.holder ?? event.controller;
  const out = checkHoldings(policy, state, holder, event.items, event.occurredAt);
  // A provision required by law (APPI Art. 27(1)(i)-(iv)) need not be declared to any party.
  if (event.basis === 'statutory') return out;
  const recipient = policy.recipients.find((r) => r.id === event.recipient);
  out.push(...checkRecipientScope(policy, event, recipient));
  out.push(...checkPurposes(policy, event.purposes, event.items, recipient ? { party: recipient.id, purposes: recipient.purposes } : undefined));
  out.push(...checkConsentPurposes(policy, state, event.purposes, event.items));
  out.push(...checkBasis(policy, event, recipient, state));
  out.push(...checkCrossBorder(policy, event, recipient, state));
  return out;
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
