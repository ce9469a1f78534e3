import type { DataAcquired } from '@ashiato/domain';
import type { HoldingRow } from './changeset';
import type { BatchContext, SubjectProjector, SubjectStep } from './projector';

/**
 * holdings: one interval per (subject, controller, holder, item), opened when the holder comes to
 * hold the item and ended when it no longer does. An interval opened and ended in the same batch is
 * edited before insert; one opened earlier is ended by a close the writer applies (Changeset.holdingCloses).
 */
export const holdingsProjector: SubjectProjector = {
  readModel: 'holdings',
  handles: ['DataAcquired', 'DataProvided', 'DataErased'],
  after: moveIntervals,
};

function moveIntervals(ctx: BatchContext, step: SubjectStep): void {
  const { event: e, holder, heldBefore: before, snap, position, occurredAt } = step;
  if (!holder || !before) return;
  const items = 'items' in e && e.items ? e.items : [];
  const after = snap.state.holdings[holder] ?? {};
  const keyPrefix = `${holder}\u0000`;
  let open = ctx.openHoldings.get(snap);
  if (!open) ctx.openHoldings.set(snap, (open = new Map()));
  const provider = e.type === 'DataProvided' ? (e.holder ?? e.controller) : null;
  // One JSON text per event, shared by the rows of all its items.
  let source: string | undefined;
  for (const item of items) {
    const wasHeld = before.includes(item);
    if (wasHeld === Boolean(after[item])) continue;
    const key = keyPrefix + item;
    if (!wasHeld) {
      source ??= JSON.stringify(provider ? { kind: 'provision', from: provider } : (e as DataAcquired).source);
      const row: HoldingRow = {
        subject_ref: e.subjectRef,
        controller: e.controller,
        holder,
        item,
        from_at: occurredAt,
        to_at: null,
        ended_event_id: null,
        source,
        provider,
        position,
      };
      ctx.cs.holdings.push(row);
      open.set(key, row);
    } else {
      const opened = open.get(key);
      if (opened) {
        opened.to_at = occurredAt;
        opened.ended_event_id = e.eventId;
        open.delete(key);
      } else {
        ctx.cs.holdingCloses.push({
          position,
          subject_ref: e.subjectRef,
          controller: e.controller,
          holder,
          item,
          to_at: occurredAt,
          ended_event_id: e.eventId,
        });
      }
    }
  }
}
