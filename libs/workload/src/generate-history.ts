import type { AshiatoEvent, PolicyDocument, PolicyPublished } from '@ashiato/domain';
import { isForeign } from './policy-shapes';
import { SeededRandom } from './prng';
import { subjectFlows } from './subject-flows';
import { unregisteredController, VIOLATION_KINDS, type ViolationKind } from './violations';

export interface HistoryOptions {
  /** The controllers' policies (the seed policies, plus the demo's own for `ashiato demo`). */
  policies: readonly PolicyDocument[];
  /** Number of data subjects (the scale); each gets 1–2 controllers and about ten events with each. */
  subjects: number;
  seed?: number;
  /** End of the generated period; no event lies after it. Default DEFAULT_UNTIL (fixed, for reproducibility). */
  until?: Date;
  /** Length of the period before `until` over which subjects start (default two years). */
  spanDays?: number;
  /** Share of subjects given one non-compliant flow (default 0.03). */
  violationRate?: number;
  /** Emit each policy's PolicyPublished first (default true). */
  publishPolicies?: boolean;
  /** The ref of subject `n`, first served by `controller`; default a seeded random `hmac:` ref. */
  subjectRef?: (controller: string, n: number) => string;
}

export const DEFAULT_UNTIL = new Date('2026-11-01T00:00:00.000Z');
const DAY = 86_400_000;

/**
 * A deterministic, seeded history of the given policies, subject by subject: only one subject's
 * events are ever in memory, so it feeds ten million events to a file or a store. The same options
 * give the same events, ids included; occurredAt never decreases within a subject.
 */
export function* generateHistory(options: HistoryOptions): Generator<AshiatoEvent> {
  const { policies } = options;
  const rnd = new SeededRandom(options.seed ?? 20260401);
  const end = (options.until ?? DEFAULT_UNTIL).getTime();
  const span = (options.spanDays ?? 730) * DAY;
  const violationRate = options.violationRate ?? 0.03;
  if (options.publishPolicies ?? true) {
    for (const policy of policies) {
      const event: PolicyPublished = {
        eventId: rnd.uuid(),
        type: 'PolicyPublished',
        occurredAt: new Date(policy.effectiveFrom).toISOString(),
        controller: policy.controller,
        policy,
      };
      yield event;
    }
  }
  // Round-robin over each policy's recipients and, per controller, over the violation kinds, so that
  // even a small history provides to every declared recipient and shows every kind at every controller.
  const nextTarget = new Map<string, number>();
  const nextKind = new Map<string, number>();
  const rotate = (counters: Map<string, number>, key: string) => {
    const k = counters.get(key) ?? 0;
    counters.set(key, k + 1);
    return k;
  };
  for (let n = 0; n < options.subjects; n++) {
    const assigned = policies[n % policies.length];
    const subjectRef = options.subjectRef ? options.subjectRef(assigned.controller, n) : rnd.subjectRef();
    const violation: ViolationKind | undefined = rnd.chance(violationRate)
      ? VIOLATION_KINDS[rotate(nextKind, assigned.controller) % VIOLATION_KINDS.length]
      : undefined;
    const first = hasOccasion(assigned, violation) ? assigned : (policies.find((p) => hasOccasion(p, violation)) ?? assigned);
    const controllers = violation === 'retentionExceeded' || rnd.chance(0.7) ? [first] : [first, pickOther(policies, first, rnd)];
    const startFloor = Math.max(...controllers.map((p) => Date.parse(p.effectiveFrom) + DAY));
    // An idle subject starts over four years back, so its late use outlives a three-year rule.
    const from = violation === 'retentionExceeded' ? end - 4.2 * 365 * DAY : end - span + rnd.next() * (span - 60 * DAY);
    let t = Math.max(from, startFloor);
    // Timelines that would run past the end are clamped to it: the history has no future events.
    const at = (days: number) => new Date(Math.min((t += days * DAY * (0.5 + rnd.next())), end)).toISOString();
    if (violation === 'policyMissing') {
      yield* unregisteredController(subjectRef, rnd, at);
      continue;
    }
    for (const [k, policy] of controllers.entries()) {
      const index = rotate(nextTarget, policy.controller);
      const target = policy.recipients.length ? policy.recipients[index % policy.recipients.length] : undefined;
      yield* subjectFlows({ policy, subjectRef, rnd, at, target, violation: k === 0 ? violation : undefined });
    }
  }
}

/**
 * Whether `p` gives the violation its occasion: a foreign recipient, a timed retention rule, a
 * sensitive item under the APPI (whose Art. 27(2) forbids an opt-out provision of one).
 */
function hasOccasion(p: PolicyDocument, violation: ViolationKind | undefined): boolean {
  switch (violation) {
    case 'crossBorderWithoutConsent':
      return p.recipients.some((r) => isForeign(p, r));
    case 'retentionExceeded':
      return p.retention.some((r) => r.rule.endsWith('-inactivity'));
    case 'sensitiveOptOut':
      return p.regime === 'APPI' && p.items.some((i) => i.sensitive);
    default:
      return true;
  }
}

function pickOther(policies: readonly PolicyDocument[], not: PolicyDocument, rnd: SeededRandom): PolicyDocument {
  const others = policies.filter((p) => p !== not);
  return others.length ? rnd.pick(others) : not;
}
