import type { DataErased } from '../events/events';
import type { Violation } from './violations';

/** A holder that still keeps some of the items the controller erased (APPI Art. 35, GDPR Art. 17/19). */
export interface PendingErasure {
  holder: string;
  items: string[];
}

/** Who holds which item: holder -> item -> anything truthy while held (a SubjectState, or the lineage's fold). */
export interface Holdings {
  readonly holdings: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * The recipients that must follow a controller's erasure: every other holder in `state` still holding
 * any of the erased items. `state` may be taken just before or just after the erasure. A recipient
 * confirming its own erasure (holder ≠ controller) creates no obligation.
 */
export function erasureObligations(event: Pick<DataErased, 'controller' | 'holder' | 'items'>, state: Holdings): PendingErasure[] {
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

const DAY_MS = 86_400_000;

/** When a recipient must have confirmed the controller's erasure: `deadlineDays` whole days after it (UTC ISO). */
export function erasureDueAt(erasedAt: string, deadlineDays: number): string {
  return new Date(Date.parse(erasedAt) + deadlineDays * DAY_MS).toISOString();
}

/** An obligation is met once its holder keeps none of its items (its own DataErased, or several). */
export function erasureFulfilled(pending: PendingErasure, state: Holdings): boolean {
  const held = state.holdings[pending.holder] ?? {};
  return !pending.items.some((i) => held[i]);
}

/** Overdue once the clock has passed the due instant (a confirmation at due_at itself is in time). */
export function isErasureOverdue(dueAt: string, now: string): boolean {
  return Date.parse(dueAt) < Date.parse(now);
}

/** The violation of a recipient that had not confirmed by the deadline (APPI Art. 35, GDPR Arts. 17(1), 19). */
export function erasureNotPropagated(holder: string, items: string[]): Violation {
  return { code: 'ERASURE_NOT_PROPAGATED', message: `${holder} had not confirmed erasure by the deadline`, items };
}
