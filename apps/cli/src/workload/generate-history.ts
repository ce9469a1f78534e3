import type { AshiatoEvent, PolicyDocument, PolicyPublished } from '@ashiato/domain';
import { isForeign } from './policy-shapes';
import { SeededRandom } from './prng';
import { subjectFlows } from './subject-flows';
import { VIOLATION_KINDS, type ViolationKind } from './violations';

export interface HistoryOptions {
  /** The controllers' policies (the five seed policies for the demo and the benchmark). */
  policies: readonly PolicyDocument[];
  /** Number of data subjects; each gets 1–2 controllers and about ten events with each. */
  subjects: number;
  seed?: number;
  /** End of the generated period; no event lies after it. Default 2026-11-01T00:00:00Z (fixed, for reproducibility). */
  startAt?: Date;
  /** Length of the period before startAt over which subjects start (default two years). */
  spanDays?: number;
  /** Share of (subject, controller) histories given one non-compliant flow (default 0.03). */
  violationRate?: number;
  /** Emit each policy's PolicyPublished first (default true). */
  publishPolicies?: boolean;
}

export const DEFAULT_START_AT = new Date('2026-11-01T00:00:00.000Z');
const DAY = 86_400_000;

/**
 * A deterministic, seeded history of the given policies, subject by subject: only one subject's
 * events are ever in memory, so it feeds ten million events to a file or a store. The same options
 * give the same events, ids included; occurredAt never decreases within a subject.
 */
export function* generateHistory(options: HistoryOptions): Generator<AshiatoEvent> {
  const { policies } = options;
  const rnd = new SeededRandom(options.seed ?? 20260401);
  const end = (options.startAt ?? DEFAULT_START_AT).getTime();
  const span = (options.spanDays ?? 730) * DAY;
  const violationRate = options.violationRate ?? 0.03;
  if (options.publishPolicies ?? true) {
    for (const policy of policies) {
      const event: PolicyPublished = { eventId: rnd.uuid(), type: 'PolicyPublished', occurredAt: new Date(policy.effectiveFrom).toISOString(), controller: policy.controller, policy };
      yield event;
    }
  }
  // Round-robin over each policy's recipients and over the violation kinds, so that even a small
  // history provides to every declared recipient and shows every kind of violation.
  const nextTarget = new Map<string, number>();
  let nextKind = 0;
  for (let n = 0; n < options.subjects; n++) {
    const subjectRef = rnd.subjectRef();
    const violation: ViolationKind | undefined = rnd.chance(violationRate) ? VIOLATION_KINDS[nextKind++ % VIOLATION_KINDS.length] : undefined;
    const first = occasionFor(policies, violation) ?? policies[n % policies.length];
    const controllers = violation === 'retentionExceeded' || rnd.chance(0.7) ? [first] : [first, pickOther(policies, first, rnd)];
    const startFloor = Math.max(...controllers.map((p) => Date.parse(p.effectiveFrom) + DAY));
    // An idle subject starts over four years back, so its late use outlives a three-year rule.
    const from = violation === 'retentionExceeded' ? end - 4.2 * 365 * DAY : end - span + rnd.next() * (span - 60 * DAY);
    let t = Math.max(from, startFloor);
    // Timelines that would run past the end are clamped to it: the history has no future events.
    const at = (days: number) => new Date(Math.min((t += days * DAY * (0.5 + rnd.next())), end)).toISOString();
    for (const [k, policy] of controllers.entries()) {
      const index = nextTarget.get(policy.controller) ?? 0;
      nextTarget.set(policy.controller, index + 1);
      const target = policy.recipients.length ? policy.recipients[index % policy.recipients.length] : undefined;
      yield* subjectFlows({ policy, subjectRef, rnd, at, target, violation: k === 0 ? violation : undefined });
    }
  }
}

/** A policy that gives the violation its occasion (a foreign recipient, a timed retention rule, a sensitive item). */
function occasionFor(policies: readonly PolicyDocument[], violation: ViolationKind | undefined): PolicyDocument | undefined {
  switch (violation) {
    case 'crossBorderWithoutConsent':
      return policies.find((p) => p.recipients.some((r) => isForeign(p, r)));
    case 'retentionExceeded':
      return policies.find((p) => p.retention.some((r) => r.rule.endsWith('-inactivity')));
    case 'sensitiveOptOut':
      return policies.find((p) => p.items.some((i) => i.sensitive));
    default:
      return undefined;
  }
}

function pickOther(policies: readonly PolicyDocument[], not: PolicyDocument, rnd: SeededRandom): PolicyDocument {
  const others = policies.filter((p) => p !== not);
  return others.length ? rnd.pick(others) : not;
}
