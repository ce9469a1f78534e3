import type { PolicyDocument, PolicyRecipient, ProvisionBasis, SubjectEvent } from '@ashiato/domain';
import type { SeededRandom as Random } from '../workload/prng';
import { isForeign } from '../workload/policy-shapes';

/** The non-compliant flows the demo sprinkles in, one per unlucky subject. */
export const DEMO_VIOLATIONS = [
  'undeclaredPurpose',
  'undeclaredRecipient',
  'useAfterErasure',
  'consentWithdrawn',
  'itemNotHeld',
  'outsideRecipientScope',
  'crossBorderNoBasis',
  'policyMissing',
  'retentionExceeded',
] as const;
export type DemoViolation = (typeof DEMO_VIOLATIONS)[number];

export const UNDECLARED_RECIPIENT = 'Unlisted Ad Network KK';
export const UNREGISTERED_CONTROLLER = 'unregistered-reseller';

export interface SubjectContext {
  policy: PolicyDocument;
  subjectRef: string;
  rnd: Random;
  /** The next instant of this subject's timeline, `days` (randomised) after the previous one. */
  at: (days: number) => string;
  held: string[];
  purposes: string[];
}

export { isForeign };

export function basisFor(r: PolicyRecipient): { basis: ProvisionBasis } {
  if (r.basis) return { basis: r.basis };
  if (r.relation === 'entrustee') return { basis: 'entrustment' };
  if (r.relation === 'jointUser') return { basis: 'jointUse' };
  return { basis: 'consent' };
}

/** Items the recipient may receive for one of its purposes, among those held. */
export function withinScope(p: PolicyDocument, r: PolicyRecipient, held: string[]): { items: string[]; purposes: string[] } | undefined {
  for (const id of r.purposes) {
    const purposeItems = p.purposes.find((x) => x.id === id)?.items ?? [];
    const items = r.items.filter((i) => held.includes(i) && purposeItems.includes(i));
    if (items.length) return { items, purposes: [id] };
  }
  return undefined;
}

/** Events of one violation; falls back to an undeclared purpose where the policy offers no occasion. */
export function* violationEvents(kind: DemoViolation, c: SubjectContext): Generator<SubjectEvent> {
  const { policy: p, rnd, at, held, purposes } = c;
  const ev = () => ({ controller: p.controller, subjectRef: c.subjectRef, eventId: rnd.uuid() });
  const fallback = (): SubjectEvent => ({ ...ev(), type: 'DataUsed', occurredAt: at(10), items: held, purposes: ['behavioural-profiling'] });
  switch (kind) {
    case 'undeclaredPurpose':
    case 'policyMissing':
    case 'retentionExceeded':
      // policyMissing and retentionExceeded shape the whole timeline (generate-history.ts).
      yield fallback();
      return;
    case 'undeclaredRecipient':
      yield { ...ev(), type: 'DataProvided', occurredAt: at(10), items: held, recipient: UNDECLARED_RECIPIENT, purposes: purposes.slice(0, 1) };
      return;
    case 'useAfterErasure':
      yield { ...ev(), type: 'DataErased', occurredAt: at(10), items: held, reason: 'subjectRequest' };
      yield { ...ev(), type: 'DataUsed', occurredAt: at(5), items: held, purposes: purposes.slice(0, 1) };
      return;
    case 'consentWithdrawn': {
      // After a blanket withdrawal: a transfer abroad, a use needing consent, or a consent-based provision.
      yield { ...ev(), type: 'ConsentWithdrawn', occurredAt: at(10), purposes: p.purposes.map((x) => x.id), recipients: p.recipients.map((r) => r.id) };
      const abroad = p.recipients.find((x) => isForeign(p, x) && withinScope(p, x, held));
      const needsConsent = p.purposes.find((x) => x.requiresConsent && x.items.some((i) => held.includes(i)));
      const byConsent = p.recipients.find((x) => basisFor(x).basis === 'consent' && x.relation !== 'public' && withinScope(p, x, held));
      const to = abroad ?? (needsConsent ? undefined : byConsent);
      if (to) yield { ...ev(), type: 'DataProvided', occurredAt: at(5), ...withinScope(p, to, held)!, recipient: to.id, ...basisFor(to) };
      else if (needsConsent) yield { ...ev(), type: 'DataUsed', occurredAt: at(5), items: needsConsent.items.filter((i) => held.includes(i)), purposes: [needsConsent.id] };
      else yield fallback();
      return;
    }
    case 'itemNotHeld': {
      const notHeld = p.items.map((i) => i.id).filter((i) => !held.includes(i));
      const r = p.recipients.find((x) => x.relation !== 'public' && x.items.some((i) => notHeld.includes(i)));
      if (!r) return void (yield fallback());
      yield { ...ev(), type: 'DataProvided', occurredAt: at(10), items: r.items.filter((i) => notHeld.includes(i)).slice(0, 1), recipient: r.id, purposes: r.purposes.slice(0, 1), ...basisFor(r) };
      return;
    }
    case 'outsideRecipientScope': {
      const r = p.recipients.find((x) => x.relation !== 'public' && held.some((i) => !x.items.includes(i)) && withinScope(p, x, held));
      if (!r) return void (yield fallback());
      const scope = withinScope(p, r, held)!;
      const extra = held.find((i) => !r.items.includes(i))!;
      yield { ...ev(), type: 'DataProvided', occurredAt: at(10), items: [...scope.items, extra], recipient: r.id, purposes: scope.purposes, ...basisFor(r) };
      return;
    }
    case 'crossBorderNoBasis': {
      const r = p.recipients.find((x) => isForeign(p, x) && withinScope(p, x, held));
      if (!r) return void (yield fallback());
      yield { ...ev(), type: 'DataProvided', occurredAt: at(10), ...withinScope(p, r, held)!, recipient: r.id, ...basisFor(r) };
      return;
    }
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown demo violation ${String(unexpected)}`);
    }
  }
}
