import { createHash } from 'node:crypto';
import { SUBJECT_REF_PREFIX, type AshiatoEvent, type PolicyDocument, type SubjectEvent } from '@ashiato/domain';
import { basisFor, DEMO_VIOLATIONS, isForeign, UNREGISTERED_CONTROLLER, violationEvents, withinScope, type DemoViolation, type SubjectContext } from './demo-violations';
import { SeededRandom as Random } from '../workload/prng';

/**
 * The ref of demo subject `n` of a controller: shaped like the API's keyed HMAC, derived from a
 * fixed label so that the same demo always has the same subjects (and a test can name one).
 */
export function demoSubjectRef(controller: string, n: number): string {
  return `${SUBJECT_REF_PREFIX}${createHash('sha256').update(`demo-${controller}-${String(n).padStart(6, '0')}`).digest('hex')}`;
}

export interface DemoHistoryOptions {
  /** Subjects in total, spread over the policies. */
  subjects: number;
  seed?: number;
  /** End of the generated period; most of the history lies in the 540 days before it. */
  until: Date;
  /** Share of subjects given one non-compliant flow. */
  violationRate?: number;
}

const DAY = 86_400_000;

/**
 * A deterministic demo history of the seed policies: per subject, consent, an acquisition for one
 * or two declared purposes, uses for them, provisions to declared recipients within their scope,
 * sometimes an erasure that some recipients never confirm (ERASURE_NOT_PROPAGATED), and for a
 * share of subjects one non-compliant flow of a kind from DEMO_VIOLATIONS.
 */
export function* generateDemoHistory(policies: readonly PolicyDocument[], options: DemoHistoryOptions): Generator<AshiatoEvent> {
  const rnd = new Random(options.seed ?? 20260401);
  const end = options.until.getTime();
  const violationRate = options.violationRate ?? 0.06;
  // Each policy goes through the kinds of violation in turn, so even a small demo shows every kind.
  const nextKind = new Map<string, number>();
  for (let n = 0; n < options.subjects; n++) {
    const policy = policies[n % policies.length];
    let violation: DemoViolation | undefined;
    if (rnd.chance(violationRate)) {
      const k = nextKind.get(policy.controller) ?? 0;
      nextKind.set(policy.controller, k + 1);
      violation = DEMO_VIOLATIONS[k % DEMO_VIOLATIONS.length];
    }
    // A retention breach needs a subject idle for years: its timeline starts 3.6 years back.
    const idle = violation === 'retentionExceeded' && policy.retention.some((r) => r.rule !== 'until-erasure');
    const start = Math.max(end - (idle ? 1_300 : 540) * DAY, Date.parse(policy.effectiveFrom) + DAY);
    let t = start + (idle ? 0 : rnd.next() * (end - start - 60 * DAY));
    // Timelines that would run past `until` are clamped to it: the demo has no future events.
    const at = (days: number) => new Date(Math.min((t += days * DAY * (0.5 + rnd.next())), end)).toISOString();
    const subjectRef = demoSubjectRef(policy.controller, n);
    if (violation === 'policyMissing') yield* unregisteredController(subjectRef, rnd, at);
    else if (idle) yield* idleThenUsed(policy, subjectRef, rnd, at, end);
    else yield* subjectHistory(policy, subjectRef, rnd, at, violation);
  }
}

function* subjectHistory(p: PolicyDocument, subjectRef: string, rnd: Random, at: (days: number) => string, violation?: DemoViolation): Generator<SubjectEvent> {
  const base = { controller: p.controller, subjectRef };
  const purposes = pickSome(rnd, p.purposes.filter((x) => x.items.length), 2);
  const held = unique(purposes.flatMap((x) => x.items));
  if (!held.length) return;
  // A subject left without a cross-border consent is the occasion for CROSS_BORDER_NO_BASIS.
  const consented = p.recipients.filter((r) => violation !== 'crossBorderNoBasis' || !isForeign(p, r));
  // A consent naming recipients covers provisions only (APPI Art. 27/28), so in-house uses get their own.
  yield { ...base, eventId: rnd.uuid(), type: 'ConsentGiven', occurredAt: at(0), purposes: p.purposes.map((x) => x.id) };
  yield { ...base, eventId: rnd.uuid(), type: 'ConsentGiven', occurredAt: at(0), purposes: p.purposes.map((x) => x.id), recipients: consented.map((r) => r.id) };
  yield { ...base, eventId: rnd.uuid(), type: 'DataAcquired', occurredAt: at(0.01), items: held, source: { kind: 'subject' }, purposes: purposes.map((x) => x.id) };
  for (const purpose of purposes) {
    for (let k = rnd.int(1, 3); k > 0; k--) yield { ...base, eventId: rnd.uuid(), type: 'DataUsed', occurredAt: at(7), items: purpose.items, purposes: [purpose.id] };
  }
  const candidates = consented.filter((r) => r.relation !== 'public' && withinScope(p, r, held));
  const given: { id: string; items: string[] }[] = [];
  for (const r of pickSome(rnd, candidates, 2)) {
    const provision = withinScope(p, r, held)!;
    yield { ...base, eventId: rnd.uuid(), type: 'DataProvided', occurredAt: at(3), ...provision, recipient: r.id, ...basisFor(r) };
    given.push({ id: r.id, items: provision.items });
  }
  const context: SubjectContext = { policy: p, subjectRef, rnd, at, held, purposes: purposes.map((x) => x.id) };
  if (violation) yield* violationEvents(violation, context);
  if (rnd.chance(0.12)) {
    yield { ...base, eventId: rnd.uuid(), type: 'DataErased', occurredAt: at(30), items: held, reason: 'subjectRequest' };
    for (const r of given) {
      // Most recipients confirm their own erasure; the others become ERASURE_NOT_PROPAGATED.
      if (rnd.chance(0.8)) yield { ...base, eventId: rnd.uuid(), type: 'DataErased', occurredAt: at(5), holder: r.id, items: r.items, reason: 'erasureRequestFromController' };
    }
  }
}

/** Acquired, then untouched for longer than the retention rule allows, then used (RETENTION_EXCEEDED). */
function* idleThenUsed(p: PolicyDocument, subjectRef: string, rnd: Random, at: (days: number) => string, end: number): Generator<SubjectEvent> {
  const base = { controller: p.controller, subjectRef };
  const rule = p.retention.find((r) => r.rule !== 'until-erasure')!;
  const purpose = p.purposes.find((x) => x.items.some((i) => rule.items.includes(i))) ?? p.purposes[0];
  const items = purpose.items.filter((i) => rule.items.includes(i));
  yield { ...base, eventId: rnd.uuid(), type: 'ConsentGiven', occurredAt: at(0), purposes: p.purposes.map((x) => x.id) };
  yield { ...base, eventId: rnd.uuid(), type: 'DataAcquired', occurredAt: at(0.01), items, source: { kind: 'subject' }, purposes: [purpose.id] };
  yield { ...base, eventId: rnd.uuid(), type: 'DataUsed', occurredAt: new Date(end - 20 * DAY).toISOString(), items, purposes: [purpose.id] };
}

/** Flows of a controller that never published a policy (POLICY_MISSING). */
function* unregisteredController(subjectRef: string, rnd: Random, at: (days: number) => string): Generator<SubjectEvent> {
  const base = { controller: UNREGISTERED_CONTROLLER, subjectRef };
  yield { ...base, eventId: rnd.uuid(), type: 'DataAcquired', occurredAt: at(0), items: ['email'], source: { kind: 'thirdParty', name: 'list broker' } };
  yield { ...base, eventId: rnd.uuid(), type: 'DataUsed', occurredAt: at(3), items: ['email'], purposes: ['marketing'] };
}

function pickSome<T>(rnd: Random, list: readonly T[], max: number): T[] {
  const pool = [...list];
  const out: T[] = [];
  for (let k = Math.min(rnd.int(1, max), pool.length); k > 0; k--) out.push(pool.splice(Math.floor(rnd.next() * pool.length), 1)[0]);
  return out;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}
