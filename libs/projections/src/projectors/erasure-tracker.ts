import {
  erasureDueAt,
  erasureFulfilled,
  erasureNotPropagated,
  erasureObligations,
  isErasureOverdue,
  type DataErased,
  type SubjectState,
} from '@ashiato/domain';
import { bumpStat, type Changeset, type ErasureRow, type ErasureUpdate } from './changeset';
import type { SubjectSnapshot } from './subject-snapshots';
import type { ErasuresTable } from '../db/read-model.types';

/** An open, not yet overdue obligation that may pass its deadline during the batch. */
export type ObligationCandidate = Pick<ErasuresTable, 'obligation_id' | 'erasure_event_id' | 'controller' | 'subject_ref' | 'holder' | 'items' | 'due_at'>;

/**
 * Erasure fan-out (APPI Art. 35, GDPR Art. 17/19) within one batch: who must follow an erasure, by when,
 * when it is met and the violation of a late one are the domain's decisions (flows/erasure-obligations.ts);
 * this class keeps them as rows. Overdue obligations are found by a
 * sweep on the projection's own clock, the highest occurredAt projected so far: before each event
 * that advances it, every open obligation due before it gets an ERASURE_NOT_PROPAGATED violation.
 * Event time rather than wall time makes the result independent of when and in which batches the log
 * is projected, so a rebuild equals the incremental result; `listErasures({status: 'overdue'})`
 * additionally compares due_at with the query clock, so a deadline passing in a quiet log still shows.
 */
export class ErasureTracker {
  private readonly inserted = new Map<string, ErasureRow>();
  /** Open candidates by due_at ascending; closed ones are dropped lazily when they reach the front. */
  private readonly queue: ObligationCandidate[] = [];
  private readonly closed = new Set<string>();

  constructor(
    private readonly cs: Changeset,
    private readonly deadlineDays: number,
    loaded: ObligationCandidate[],
  ) {
    for (const c of loaded) this.enqueue(c);
  }

  private enqueue(c: ObligationCandidate): void {
    // Deadlines mostly arrive in time order, so this is nearly always an append.
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].due_at > c.due_at) i--;
    this.queue.splice(i, 0, c);
  }

  /** Call before the controller's erasure is applied to the snapshot. */
  fanOut(event: DataErased, occurredAt: string, before: SubjectState, snap: SubjectSnapshot): void {
    for (const { holder, items } of erasureObligations(event, before)) {
      const id = `${event.eventId}:${holder}`;
      if (this.inserted.has(id) || snap.pending.some((p) => p.id === id)) continue;
      const row: ErasureRow = {
        obligation_id: id,
        erasure_event_id: event.eventId,
        controller: event.controller,
        subject_ref: event.subjectRef,
        holder,
        items: JSON.stringify(items),
        erased_at: occurredAt,
        due_at: erasureDueAt(occurredAt, this.deadlineDays),
        status: 'open',
        closed_at: null,
        closed_event_id: null,
        overdue_at: null,
      };
      this.cs.erasures.push(row);
      this.inserted.set(id, row);
      this.enqueue(row);
      snap.pending.push({ id, holder, items });
    }
  }

  /** Call after a recipient's own erasure is applied: closes obligations it no longer holds items of. */
  acknowledge(event: DataErased, occurredAt: string, snap: SubjectSnapshot): void {
    const holder = event.holder ?? event.controller;
    if (holder === event.controller || !snap.pending.length) return;
    snap.pending = snap.pending.filter((p) => {
      if (p.holder !== holder || !erasureFulfilled(p, snap.state)) return true;
      this.update({ obligation_id: p.id, status: 'done', closed_at: occurredAt, closed_event_id: event.eventId });
      this.closed.add(p.id);
      return false;
    });
  }

  /** The projection's clock moved to `now`: flag every open obligation due before it. */
  sweep(now: string): void {
    let due = 0;
    while (due < this.queue.length && isErasureOverdue(this.queue[due].due_at, now)) due++;
    if (!due) return;
    for (const c of this.queue.splice(0, due)) {
      if (this.closed.has(c.obligation_id)) continue;
      this.update({ obligation_id: c.obligation_id, overdue_at: c.due_at });
      const v = erasureNotPropagated(c.holder, JSON.parse(c.items) as string[]);
      this.cs.violations.push({
        event_id: c.erasure_event_id,
        code: v.code,
        holder: c.holder,
        controller: c.controller,
        subject_ref: c.subject_ref,
        occurred_at: c.due_at,
        message: v.message,
        items: c.items,
        position: this.cs.checkpoint.position,
      });
      bumpStat(this.cs, 'violations', v.code, c.controller);
    }
  }

  private update(u: ErasureUpdate): void {
    const row = this.inserted.get(u.obligation_id);
    if (row) Object.assign(row, u);
    else this.cs.erasureUpdates.push(u);
  }
}
