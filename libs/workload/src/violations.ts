import type { PolicyDocument, SubjectEvent } from '@ashiato/domain';
import { basisFor, isForeign, withinScope } from './policy-shapes';
import type { SeededRandom } from './prng';

/** The kinds of non-compliant flow the generator sprinkles in, at most one per (subject, controller). */
export const VIOLATION_KINDS = [
  'undeclaredPurpose',
  'undeclaredRecipient',
  'itemOutsideScope',
  'missingConsent',
  'useAfterWithdrawal',
  'crossBorderWithoutConsent',
  'sensitiveOptOut',
  'itemNotHeld',
  'useAfterErasure',
  'retentionExceeded',
  'policyMissing',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export const UNDECLARED_RECIPIENT = 'Unlisted Ad Network KK';
export const UNDECLARED_PURPOSE = 'behavioural-profiling';
/** The controller of policyMissing subjects: it never publishes a policy. */
export const UNREGISTERED_CONTROLLER = 'unregistered-reseller';

export interface FlowContext {
  policy: PolicyDocument;
  subjectRef: string;
  rnd: SeededRandom;
  /** The next instant of this subject's timeline, about `days` after the previous one. */
  at: (days: number) => string;
  held: string[];
  purposes: string[];
}

/**
 * The events of one violation, appended after the subject's compliant flows. Where the policy gives
 * no occasion for a kind (no seed declares a sensitive item, so no opt-out of one can happen), the
 * flow falls back to an undeclared purpose so the rate of non-compliant flows stays as asked.
 * missingConsent, crossBorderWithoutConsent and retentionExceeded also shape the compliant part
 * (subject-flows.ts): no consent given, no consent for the foreign recipient, an idle timeline;
 * policyMissing replaces the whole history (unregisteredController).
 */
export function* violationEvents(kind: ViolationKind, c: FlowContext): Generator<SubjectEvent> {
  const { policy: p, rnd, at, held, purposes } = c;
  const ev = () => ({ controller: p.controller, subjectRef: c.subjectRef, eventId: rnd.uuid() });
  const fallback = (): SubjectEvent => ({ ...ev(), type: 'DataUsed', occurredAt: at(10), items: held, purposes: [UNDECLARED_PURPOSE] });
  const provideTo = (r: PolicyDocument['recipients'][number], days: number): SubjectEvent => ({
    ...ev(),
    type: 'DataProvided',
    occurredAt: at(days),
    ...withinScope(p, r, held)!,
    recipient: r.id,
    basis: basisFor(r),
  });
  switch (kind) {
    case 'undeclaredPurpose':
      yield fallback();
      return;
    case 'undeclaredRecipient':
      yield { ...ev(), type: 'DataProvided', occurredAt: at(10), items: held, recipient: UNDECLARED_RECIPIENT, purposes: purposes.slice(0, 1) };
      return;
    case 'itemOutsideScope': {
      const r = p.recipients.find((x) => held.some((i) => !x.items.includes(i)) && withinScope(p, x, held));
      if (!r) return void (yield fallback());
      const scope = withinScope(p, r, held)!;
      yield {
        ...ev(),
        type: 'DataProvided',
        occurredAt: at(10),
        items: [...scope.items, held.find((i) => !r.items.includes(i))!],
        recipient: r.id,
        purposes: scope.purposes,
        basis: basisFor(r),
      };
      return;
    }
    case 'missingConsent':
    case 'useAfterWithdrawal': {
      if (kind === 'useAfterWithdrawal') {
        yield { ...ev(), type: 'ConsentWithdrawn', occurredAt: at(10), purposes: p.purposes.map((x) => x.id), recipients: p.recipients.map((r) => r.id) };
      }
      const needsConsent = p.purposes.find((x) => x.requiresConsent && x.items.some((i) => held.includes(i)));
      const byConsent = p.recipients.find((x) => (basisFor(x) === 'consent' || isForeign(p, x)) && withinScope(p, x, held));
      // Where no flow needs consent, a provision that claims the consent the subject never gave or took back.
      const claimed = p.recipients.find((x) => x.relation !== 'public' && withinScope(p, x, held));
      if (needsConsent)
        yield { ...ev(), type: 'DataUsed', occurredAt: at(5), items: needsConsent.items.filter((i) => held.includes(i)), purposes: [needsConsent.id] };
      else if (byConsent) yield provideTo(byConsent, 5);
      else if (claimed) yield { ...provideTo(claimed, 5), basis: 'consent' } as SubjectEvent;
      else yield fallback();
      return;
    }
    case 'crossBorderWithoutConsent': {
      const r = p.recipients.find((x) => isForeign(p, x) && withinScope(p, x, held));
      yield r ? provideTo(r, 10) : fallback();
      return;
    }
    case 'sensitiveOptOut': {
      const sensitive = p.items.filter((i) => i.sensitive && held.includes(i.id)).map((i) => i.id);
      const r = p.recipients.find((x) => x.relation === 'thirdParty' && x.items.some((i) => sensitive.includes(i)));
      if (!r) return void (yield fallback());
      yield {
        ...ev(),
        type: 'DataProvided',
        occurredAt: at(10),
        items: r.items.filter((i) => sensitive.includes(i)),
        recipient: r.id,
        purposes: r.purposes.slice(0, 1),
        basis: 'optOut',
      };
      return;
    }
    case 'itemNotHeld': {
      const notHeld = p.items.map((i) => i.id).filter((i) => !held.includes(i));
      const r = p.recipients.find((x) => x.items.some((i) => notHeld.includes(i)));
      if (!r) return void (yield fallback());
      yield {
        ...ev(),
        type: 'DataProvided',
        occurredAt: at(10),
        items: r.items.filter((i) => notHeld.includes(i)).slice(0, 1),
        recipient: r.id,
        purposes: r.purposes.slice(0, 1),
        basis: basisFor(r),
      };
      return;
    }
    case 'useAfterErasure':
      yield { ...ev(), type: 'DataErased', occurredAt: at(10), items: held, reason: 'subjectRequest' };
      yield { ...ev(), type: 'DataUsed', occurredAt: at(5), items: held, purposes: purposes.slice(0, 1) };
      return;
    case 'retentionExceeded':
    case 'policyMissing':
      // The idle timeline (subject-flows.ts) already ends in the late use; policyMissing has no policy flows.
      return;
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown violation kind ${String(unexpected)}`);
    }
  }
}

/** Flows of a controller that never published a policy (POLICY_MISSING). */
export function* unregisteredController(subjectRef: string, rnd: SeededRandom, at: (days: number) => string): Generator<SubjectEvent> {
  const base = { controller: UNREGISTERED_CONTROLLER, subjectRef };
  yield { ...base, eventId: rnd.uuid(), type: 'DataAcquired', occurredAt: at(0), items: ['email'], source: { kind: 'thirdParty', name: 'list broker' } };
  yield { ...base, eventId: rnd.uuid(), type: 'DataUsed', occurredAt: at(3), items: ['email'], purposes: ['marketing'] };
}
