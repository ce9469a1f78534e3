import type { DataErased } from '../events/events';
import type { SubjectState } from './subject-state';

/** A holder that still keeps some of the items the controller erased (APPI Art. 35, GDPR Art. 17/19). */
export interface PendingErasure {
  holder: string;
  items: string[];
}

/**
 * The recipients that must follow a controller's erasure: every other holder in `state` still holding
 * any of the erased items. `state` may be taken just before or just after the erasure. A recipient
 * confirming its own erasure (holder ≠ controller) creates no obligation.
 */
export function erasureObligations(event: DataErased, state: SubjectState): PendingErasure[] {
  const eraser = event.holder ?? event.controller;
  if (eraser !== event.controller) return [];
  const out: PendingErasure[] = [];
  for (const [holder, held] of Object.entries(state.holdings)) {
    if (holder === eraser) continue;
    const items = event.items.filter((i) => held[i]);
    if (items.length) out.push({ holder, items });
  }
  return out.sort((a, b) => a.holder.localeCompare(b.holder));
}
