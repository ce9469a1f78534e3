import type { AshiatoEvent, FlowJudgement, SubjectEvent } from '@ashiato/domain';
import type { Changeset, HoldingRow } from './changeset';
import type { ErasureTracker } from './erasure-tracker';
import type { PolicyBook, PolicyVersion } from './policy-book';
import type { RetentionTracker } from './retention-tracker';
import type { SnapshotCache, SubjectSnapshot } from './subject-snapshots';

/** What every projector of a batch shares: the rows being collected and the in-memory state they follow. */
export interface BatchContext {
  cs: Changeset;
  policies: PolicyBook;
  snapshots: SnapshotCache;
  erasures: ErasureTracker;
  retention: RetentionTracker;
  /**
   * Holding intervals opened in this batch, so a close in the same batch edits the row before insert:
   * keyed by the (controller, subject) snapshot object, one for the whole batch, then holder and item
   * (cheaper than hashing a long controller + subject + holder + item text per row).
   */
  openHoldings: Map<SubjectSnapshot, Map<string, HoldingRow>>;
}

/** One event of the log as the projectors see it: its log position and its occurredAt in UTC. */
export interface Projected<E extends AshiatoEvent = AshiatoEvent> {
  event: E;
  position: number;
  occurredAt: string;
}

/**
 * A subject event with what the subject state decided about it before it was applied
 * (subject-state.projector.ts): the snapshot it moves, the policy version and judgement of a flow,
 * the holder whose items it moves and which of its items that holder held before.
 */
export interface SubjectStep extends Projected<SubjectEvent> {
  snap: SubjectSnapshot;
  policy?: PolicyVersion;
  judgement?: FlowJudgement;
  holder?: string;
  heldBefore?: string[];
}

/** A read model fed by events other than subject events (policies, breaches, stats). */
export interface EventProjector<E extends AshiatoEvent = AshiatoEvent> {
  readonly readModel: string;
  readonly handles: readonly E['type'][];
  apply(ctx: BatchContext, p: Projected<E>): void;
}

/**
 * A read model fed by subject events: `before` sees the subject state the event meets, `after` the
 * state it leaves (both optional). Projectors run in the order of SUBJECT_PROJECTORS.
 */
export interface SubjectProjector {
  readonly readModel: string;
  readonly handles: readonly SubjectEvent['type'][];
  before?(ctx: BatchContext, step: SubjectStep): void;
  after?(ctx: BatchContext, step: SubjectStep): void;
}
