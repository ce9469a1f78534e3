import { flagRetention, nextRetentionEnd, retentionExceededBy, type SubjectState } from '@ashiato/domain';
import { bumpStat, type Changeset } from './changeset';
import type { PolicyBook } from './policy-book';
import { snapshotKey, type SnapshotCache, type SubjectSnapshot } from './subject-snapshots';
import { toUtcIso } from './time';

/** A subject whose next retention end may pass during the batch (its subject_state row, or an event of the batch). */
export interface RetentionCandidate {
  controller: string;
  subject_ref: string;
  due: string;
  /** subject_state.position of a row loaded from the database; undefined for a subject the batch touched. */
  position?: number;
}

/**
 * Retention ends (RETENTION_EXCEEDED) within one batch. Which holdings are past their end, and how
 * the violation reads, are the domain's decisions (flows/retention-sweep.ts, regimes/*\/retention-*.ts);
 * this class only keeps the clock's appointments and writes rows. Like erasure deadlines, a sweep on
 * the projection's own clock: before each event that moves it forward, every subject with an end
 * before it is asked again, so the result does not depend on how the log is cut into batches.
 *
 * The rule applied is that of the policy version in force at the subject's latest event, among the
 * versions known at that point of the log. Each subject's next end is kept in its snapshot and in
 * subject_state.retention_due_at, which the engine reads to find the subjects due within a batch.
 */
export class RetentionTracker {
  /** By due ascending; an entry whose due no longer equals its snapshot's is stale and skipped. */
  private readonly queue: RetentionCandidate[] = [];

  constructor(
    private readonly cs: Changeset,
    private readonly policies: PolicyBook,
    private readonly snapshots: SnapshotCache,
    loaded: RetentionCandidate[],
  ) {
    for (const c of loaded) this.enqueue(c);
  }

  private enqueue(c: RetentionCandidate): void {
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].due > c.due) i--;
    this.queue.splice(i, 0, c);
  }

  /** After a subject event: its holdings or activity changed, so its next end may have. */
  touched(controller: string, subjectRef: string, snap: SubjectSnapshot): void {
    const due = this.nextEnd(controller, snap.state, snap);
    if (due === snap.retentionDue) return;
    setDue(snap, due);
    if (due !== undefined) this.enqueue({ controller, subject_ref: subjectRef, due });
  }

  /** The projection's clock moved to `now`: every subject with an end before it is judged. */
  sweep(now: string): void {
    while (this.queue.length && this.queue[0].due < now) {
      const c = this.queue.shift()!;
      const key = snapshotKey(c.controller, c.subject_ref);
      const snap = this.snapshots.get(key);
      if (!snap || snap.retentionDue !== c.due) continue;
      const policy = this.policyOf(c.controller, snap.state);
      const findings = policy ? retentionExceededBy(policy, snap.state, snap.retentionFlags, now) : [];
      for (const f of findings) {
        this.cs.violations.push({
          event_id: f.eventId,
          code: f.violation.code,
          holder: f.holder,
          controller: c.controller,
          subject_ref: c.subject_ref,
          occurred_at: f.endedAt,
          message: f.violation.message,
          items: JSON.stringify(f.items),
          position: this.cs.checkpoint.position,
        });
        bumpStat(this.cs, 'violations', f.violation.code, c.controller);
      }
      if (findings.length) snap.retentionFlags = flagRetention(snap.retentionFlags, snap.state, findings);
      const due = this.nextEnd(c.controller, snap.state, snap);
      setDue(snap, due);
      if (due !== undefined) this.enqueue({ ...c, due });
      if (!this.cs.snapshots.has(key)) {
        this.cs.snapshots.set(key, {
          controller: c.controller,
          subject_ref: c.subject_ref,
          snapshot: snap,
          position: c.position ?? this.cs.checkpoint.position,
        });
      }
    }
  }

  private policyOf(controller: string, state: SubjectState) {
    return state.lastActivityAt ? this.policies.inForce(controller, toUtcIso(state.lastActivityAt))?.document : undefined;
  }

  private nextEnd(controller: string, state: SubjectState, snap: SubjectSnapshot): string | undefined {
    const policy = this.policyOf(controller, state);
    return policy ? nextRetentionEnd(policy, state, snap.retentionFlags) : undefined;
  }
}

function setDue(snap: SubjectSnapshot, due: string | undefined): void {
  if (due === undefined) delete snap.retentionDue;
  else snap.retentionDue = due;
}
