import type { ErasureFact, ErasureObligation, HoldingFact } from './lineage-report';

/**
 * Erasure fan-out (APPI Art. 35, GDPR Art. 17/19): when the controller erases items, every other
 * holder still holding any of them owes an erasure; its own `DataErased` acknowledges it.
 */
export function openErasureObligations(open: Map<string, Map<string, HoldingFact>>, controller: string, items: string[]): ErasureObligation[] {
  const out: ErasureObligation[] = [];
  for (const [holder, byItem] of open) {
    if (holder === controller) continue;
    const held = items.filter((i) => byItem.has(i));
    if (held.length) out.push({ holder, items: held, pending: [...held], acknowledged: false, eventIds: [] });
  }
  return out;
}

/** Applies a holder's own erasure to its open obligations; an obligation closes once every item is erased. */
export function acknowledge(erasures: ErasureFact[], holder: string, items: string[], at: string, eventId: string): void {
  for (const erasure of erasures) {
    for (const o of erasure.obligations) {
      if (o.holder !== holder || o.acknowledged) continue;
      const remaining = o.pending.filter((i) => !items.includes(i));
      if (remaining.length === o.pending.length) continue;
      o.pending = remaining;
      o.eventIds.push(eventId);
      if (!remaining.length) {
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
      o.overdue = !o.acknowledged && Date.parse(due) < Date.parse(asOf);
    }
  }
}
