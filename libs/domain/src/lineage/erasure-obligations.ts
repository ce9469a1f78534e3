import { erasureFulfilled, erasureObligations, isErasureOverdue, type Holdings } from '../flows/erasure-obligations';
import type { DataErased } from '../events/events';
import type { ErasureFact, ErasureObligation } from './lineage-report';

/**
 * The obligations a controller's erasure opens in the lineage: the holders the domain's rule names
 * (flows/erasure-obligations.ts, APPI Art. 35, GDPR Art. 17/19) in the order they came to hold the
 * data, each with every item still pending.
 */
export function openErasureObligations(event: DataErased, before: Holdings): ErasureObligation[] {
  const order = Object.keys(before.holdings);
  return erasureObligations(event, before)
    .sort((a, b) => order.indexOf(a.holder) - order.indexOf(b.holder))
    .map(({ holder, items }) => ({ holder, items, pending: [...items], acknowledged: false, eventIds: [] }));
}

/**
 * Applies a holder's own erasure, once its holdings reflect it, to its open obligations: `pending`
 * becomes the items it still holds, and the obligation is met when it keeps none (erasureFulfilled).
 */
export function acknowledge(erasures: ErasureFact[], holder: string, items: string[], at: string, eventId: string, after: Holdings): void {
  const held = after.holdings[holder] ?? {};
  for (const erasure of erasures) {
    for (const o of erasure.obligations) {
      if (o.holder !== holder || o.acknowledged || !o.items.some((i) => items.includes(i))) continue;
      o.pending = o.items.filter((i) => held[i]);
      o.eventIds.push(eventId);
      if (erasureFulfilled(o, after)) {
        o.acknowledged = true;
        o.acknowledgedAt = at;
      }
    }
  }
}

/** Sets each obligation's deadline (from the erasure read model) and whether it was overdue at `asOf`. */
export function applyErasureDeadlines(erasures: ErasureFact[], dueAt: (erasureEventId: string, holder: string) => string | undefined, asOf: string): void {
  for (const erasure of erasures) {
    for (const o of erasure.obligations) {
      const due = dueAt(erasure.eventIds[0], o.holder);
      if (!due) continue;
      o.dueAt = due;
      o.overdue = !o.acknowledged && isErasureOverdue(due, asOf);
    }
  }
}
