import type { AshiatoEvent, BreachDeclared, PolicyDocument, PolicyPublished } from '@ashiato/domain';
import { policyEventId } from '@ashiato/application';
import { generateHistory, SeededRandom } from '@ashiato/workload';

/** The end of the generated period; fixed so that the same seed gives the same file byte for byte. */
export const BENCH_UNTIL = new Date('2026-11-01T00:00:00.000Z');
const DAY = 86_400_000;

export interface WorkloadOptions {
  subjects: number;
  seed: number;
}

/** The breach declared at each controller: every item it declares, over the whole generated period. */
export function benchBreachId(controller: string): string {
  return `bench-${controller}-all-items`;
}

/**
 * The benchmark log: the five seed policies as PolicyPublished (with the ids `PUT /v1/policies`
 * gives them), the seeded history of libs/workload (≈ 10 events per subject and controller),
 * then one breach per controller covering every item it holds over the whole period — together
 * they reach every subject.
 */
export function* benchWorkload(policies: readonly PolicyDocument[], options: WorkloadOptions): Generator<AshiatoEvent> {
  for (const policy of policies) {
    const event: PolicyPublished = {
      eventId: policyEventId(policy),
      type: 'PolicyPublished',
      occurredAt: new Date(policy.effectiveFrom).toISOString(),
      controller: policy.controller,
      policy,
    };
    yield event;
  }
  yield* generateHistory({ policies, subjects: options.subjects, seed: options.seed, until: BENCH_UNTIL, publishPolicies: false });
  let n = 0;
  for (const policy of policies) {
    const breach: BreachDeclared = {
      type: 'BreachDeclared',
      eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
      occurredAt: BENCH_UNTIL.toISOString(),
      breachId: benchBreachId(policy.controller),
      holder: policy.controller,
      controller: policy.controller,
      items: policy.items.map((i) => i.id),
      window: { from: new Date(BENCH_UNTIL.getTime() - 5 * 365 * DAY).toISOString(), to: BENCH_UNTIL.toISOString() },
      discoveredAt: BENCH_UNTIL.toISOString(),
      cause: 'unauthorizedAccess',
    };
    yield breach;
  }
}

/**
 * A uniform random sample (reservoir, fixed seed) of the subjects seen while the workload streams
 * by: subject refs are pseudonymous, so the reads pick theirs from the file as it is written.
 * `within` limits the sample to subjects whose events start in the first `within` events.
 */
export class SubjectSample {
  readonly refs: string[] = [];
  private seen = 0;
  private last = '';
  private readonly rnd: SeededRandom;

  constructor(
    private readonly size: number,
    private readonly within = Infinity,
    seed = 7,
  ) {
    this.rnd = new SeededRandom(seed);
  }

  offer(event: AshiatoEvent, index: number): void {
    if (index >= this.within || !('subjectRef' in event) || event.subjectRef === this.last) return;
    this.last = event.subjectRef;
    this.seen++;
    if (this.refs.length < this.size) this.refs.push(event.subjectRef);
    else {
      const j = Math.floor(this.rnd.next() * this.seen);
      if (j < this.size) this.refs[j] = event.subjectRef;
    }
  }
}
