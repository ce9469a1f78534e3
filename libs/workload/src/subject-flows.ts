import type { PolicyDocument, PolicyRecipient, SubjectEvent } from '@ashiato/domain';
import { basisFor, isForeign, purposeReaching, unique, withinScope } from './policy-shapes';
import type { SeededRandom } from './prng';
import { violationEvents, type FlowContext, type ViolationKind } from './violations';

const GENERATED_ITEM = /log|cookie|ip-address|identifier|session/;

export interface SubjectFlowInput {
  policy: PolicyDocument;
  subjectRef: string;
  rnd: SeededRandom;
  at: (days: number) => string;
  /** A recipient this subject's data must reach (the generator rotates through every declared one). */
  target: PolicyRecipient | undefined;
  violation?: ViolationKind;
}

/**
 * One subject's history with one controller, about ten events: consents before consent-requiring
 * flows, acquisitions of declared items from their sources, uses for declared purposes, provisions
 * to declared recipients within their scope and basis, sometimes an erasure that most (not all)
 * recipients acknowledge, then the violation if one was drawn.
 */
export function* subjectFlows(input: SubjectFlowInput): Generator<SubjectEvent> {
  const { policy: p, rnd, at, target, violation } = input;
  const base = { controller: p.controller, subjectRef: input.subjectRef };
  const id = () => ({ ...base, eventId: rnd.uuid() });
  const reach = target && purposeReaching(p, target);
  const candidates = p.purposes.filter((x) => x.items.length);
  const purposes = unique([...(reach ? [reach] : []), ...rnd.some(candidates, reach ? 1 : 2)]);
  const held = unique(purposes.flatMap((x) => x.items));
  if (!held.length) return;
  if (violation !== 'missingConsent') {
    // A consent naming recipients covers provisions only (APPI Art. 27/28), so uses get their own.
    const consented = p.recipients.filter((r) => violation !== 'crossBorderWithoutConsent' || !isForeign(p, r));
    yield { ...id(), type: 'ConsentGiven', occurredAt: at(0), purposes: p.purposes.map((x) => x.id) };
    yield { ...id(), type: 'ConsentGiven', occurredAt: at(0), purposes: p.purposes.map((x) => x.id), recipients: consented.map((r) => r.id) };
  }
  const generated = held.filter((i) => GENERATED_ITEM.test(i));
  const given = held.filter((i) => !GENERATED_ITEM.test(i));
  const acquiredPurposes = purposes.map((x) => x.id);
  if (given.length) yield { ...id(), type: 'DataAcquired', occurredAt: at(0.01), items: given, source: { kind: 'subject' }, purposes: acquiredPurposes };
  if (generated.length)
    yield { ...id(), type: 'DataAcquired', occurredAt: at(0.01), items: generated, source: { kind: 'generated' }, purposes: acquiredPurposes };
  if (violation === 'retentionExceeded') {
    yield* idleThenUsed(input, held);
    return;
  }
  for (const purpose of purposes) {
    // A purpose needing consent is exercised only when consent was given (missingConsent adds its own).
    if (purpose.requiresConsent && violation === 'missingConsent') continue;
    for (let k = rnd.int(1, 2); k > 0; k--) yield { ...id(), type: 'DataUsed', occurredAt: at(7), items: purpose.items, purposes: [purpose.id] };
  }
  const recipients = provisionRecipients(p, held, target, rnd, violation);
  const provided: { id: string; items: string[] }[] = [];
  for (const r of recipients) {
    const scope = withinScope(p, r, held)!;
    const basis = basisFor(r);
    // An operation id as consent evidence, as マイナトラスト's login/signing provisions record it.
    const consentRef = basis === 'consent' ? { consentRef: `op-${rnd.hex(2)}` } : {};
    yield { ...id(), type: 'DataProvided', occurredAt: at(3), ...scope, recipient: r.id, basis, ...consentRef };
    provided.push({ id: r.id, items: scope.items });
  }
  const context: FlowContext = { policy: p, subjectRef: input.subjectRef, rnd, at, held, purposes: acquiredPurposes };
  if (violation) yield* violationEvents(violation, context);
  if (violation !== 'useAfterErasure' && rnd.chance(0.15)) {
    yield { ...id(), type: 'DataErased', occurredAt: at(30), items: held, reason: 'subjectRequest' };
    for (const r of provided) {
      // Most recipients confirm their own erasure; the rest stay open (ERASURE_NOT_PROPAGATED).
      if (rnd.chance(0.8)) yield { ...id(), type: 'DataErased', occurredAt: at(5), holder: r.id, items: r.items, reason: 'erasureRequestFromController' };
    }
  }
}

function provisionRecipients(
  p: PolicyDocument,
  held: string[],
  target: PolicyRecipient | undefined,
  rnd: SeededRandom,
  violation?: ViolationKind,
): PolicyRecipient[] {
  // Without consent, a compliant history provides nothing that needs it.
  const lawful = (r: PolicyRecipient) =>
    !(violation === 'missingConsent' && (basisFor(r) === 'consent' || isForeign(p, r))) && !(violation === 'crossBorderWithoutConsent' && isForeign(p, r));
  const reachable = p.recipients.filter((r) => lawful(r) && withinScope(p, r, held));
  const first = target && reachable.includes(target) ? [target] : [];
  const others = reachable.filter((r) => r !== target);
  return [...first, ...(others.length && rnd.chance(0.5) ? [rnd.pick(others)] : [])];
}

/** Acquired, untouched for longer than the inactivity rule allows, then used (RETENTION_EXCEEDED). */
function* idleThenUsed(input: SubjectFlowInput, held: string[]): Generator<SubjectEvent> {
  const { policy: p, rnd, at } = input;
  const purpose = p.purposes.find((x) => x.items.some((i) => held.includes(i)))!;
  const items = purpose.items.filter((i) => held.includes(i));
  yield {
    controller: p.controller,
    subjectRef: input.subjectRef,
    eventId: rnd.uuid(),
    type: 'DataUsed',
    occurredAt: at(10_000),
    items,
    purposes: [purpose.id],
  };
}
