import type { ControllerLineage } from './lineage-report';

/** The state of one row of a subject's erasures, as a person reads it. */
export type ErasureRowState = 'erased' | 'pending' | 'overdue' | 'done';

/**
 * One row per holder that had to erase: the controller's own erasure (`erased`), then one per
 * recipient obligation listing only the items that recipient held, closed in the same row by the
 * recipient's confirmation (`done`, with `closedAt`). A recipient's confirmation is never a row of
 * its own; a recipient erasing without an obligation (of its own accord) is.
 */
export interface ErasureRow {
  at: string;
  /** Who erased (the controller) or owes the erasure (a recipient). */
  holder: string;
  items: string[];
  reason: string;
  state: ErasureRowState;
  /** For a recipient: the deadline of its confirmation (ASHIATO_ERASURE_DEADLINE_DAYS). */
  dueAt?: string;
  /** For a recipient: when its own DataErased confirmed the last item. */
  closedAt?: string;
  eventIds: string[];
}

export function erasureRows(c: Pick<ControllerLineage, 'controller' | 'erasures'>): ErasureRow[] {
  const confirmations = new Set(c.erasures.flatMap((e) => e.obligations.flatMap((o) => o.eventIds)));
  const rows: ErasureRow[] = [];
  for (const e of c.erasures) {
    if (e.holder !== c.controller && e.eventIds.every((id) => confirmations.has(id))) continue;
    rows.push({ at: e.at, holder: e.holder, items: e.items, reason: e.reason, state: 'erased', eventIds: e.eventIds });
    for (const o of e.obligations) {
      rows.push({
        at: e.at,
        holder: o.holder,
        items: o.items,
        reason: e.reason,
        state: o.acknowledged ? 'done' : o.overdue ? 'overdue' : 'pending',
        ...(o.dueAt ? { dueAt: o.dueAt } : {}),
        ...(o.acknowledgedAt ? { closedAt: o.acknowledgedAt } : {}),
        eventIds: [...e.eventIds, ...o.eventIds],
      });
    }
  }
  return rows;
}
