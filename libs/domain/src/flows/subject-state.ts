import type { SubjectEvent } from '../events/events';

/**
 * What one controller's history with one subject implies at a point in time: which holder has which
 * item, what was erased, which consents stand. Built by folding `evolveSubject` over the subject
 * stream (decider style); `evaluateFlow` reads it to judge the next flow.
 */
export interface HeldItem {
  since: string;
  eventId: string;
}

export interface ErasedItem {
  at: string;
  eventId: string;
}

export interface ConsentRecord {
  purposes?: string[];
  recipients?: string[];
  items?: string[];
  givenAt: string;
  eventId: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
}

/** One ConsentWithdrawn (or opt-out objection): what it covers and when, kept to judge later flows. */
export interface WithdrawalRecord {
  purposes?: string[];
  recipients?: string[];
  at: string;
  eventId: string;
}

export interface SubjectState {
  /** holder -> item -> since when held. The controller is a holder like any recipient. */
  holdings: Record<string, Record<string, HeldItem>>;
  /** holder -> item -> when it was erased (cleared again if the holder re-acquires the item). */
  erased: Record<string, Record<string, ErasedItem>>;
  consents: ConsentRecord[];
  /**
   * Every withdrawal in order. A withdrawal aimed at one recipient or purpose revokes any earlier
   * consent as far as that recipient or purpose goes, even a broader one. Optional for states
   * built before it existed.
   */
  withdrawals?: WithdrawalRecord[];
  /** First acquisition of each item by the controller, for retention from acquisition. */
  firstAcquiredAt: Record<string, string>;
  lastActivityAt?: string;
}

export function emptySubjectState(): SubjectState {
  return { holdings: {}, erased: {}, consents: [], withdrawals: [], firstAcquiredAt: {} };
}

function hold(state: SubjectState, holder: string, items: string[], at: string, eventId: string): void {
  const held = (state.holdings[holder] ??= {});
  const erased = state.erased[holder];
  for (const item of items) {
    if (!held[item]) held[item] = { since: at, eventId };
    if (erased) delete erased[item];
  }
}

/** The items among `items` that `holder` holds in `state`. */
export function heldAmong(state: SubjectState, holder: string, items: readonly string[]): string[] {
  const held = state.holdings[holder];
  return held ? items.filter((i) => held[i]) : [];
}

/**
 * How one event moves a holder's holding intervals: the items it starts and stops holding, from
 * `before` (heldAmong just before evolveSubject applied the event) and its holdings after.
 */
export function holdingMoves(
  items: readonly string[],
  before: readonly string[],
  after: Readonly<Record<string, unknown>> | undefined,
): { opened: string[]; closed: string[] } {
  const opened: string[] = [];
  const closed: string[] = [];
  for (const item of new Set(items)) {
    const held = Boolean(after?.[item]);
    if (before.includes(item) !== held) (held ? opened : closed).push(item);
  }
  return { opened, closed };
}

/**
 * Whether a withdrawal marks a consent as withdrawn: one naming nothing reaches every consent, one
 * naming purposes or recipients the consents that name one of them.
 */
export function withdrawalReaches(w: { purposes?: string[]; recipients?: string[] }, c: { purposes?: string[]; recipients?: string[] }): boolean {
  const blanket = !w.purposes?.length && !w.recipients?.length;
  return blanket || !!w.purposes?.some((p) => c.purposes?.includes(p)) || !!w.recipients?.some((r) => c.recipients?.includes(r));
}

/** Applies one event of this controller's subject history. Mutates and returns `state` for speed. */
export function evolveSubject(state: SubjectState, event: SubjectEvent): SubjectState {
  state.lastActivityAt = event.occurredAt;
  switch (event.type) {
    case 'DataAcquired': {
      const holder = event.holder ?? event.controller;
      hold(state, holder, event.items, event.occurredAt, event.eventId);
      if (holder === event.controller) {
        for (const item of event.items) state.firstAcquiredAt[item] ??= event.occurredAt;
      }
      return state;
    }
    case 'DataProvided':
      hold(state, event.recipient, event.items, event.occurredAt, event.eventId);
      return state;
    case 'DataErased': {
      const holder = event.holder ?? event.controller;
      const held = state.holdings[holder];
      const erased = (state.erased[holder] ??= {});
      for (const item of event.items) {
        if (held) delete held[item];
        erased[item] = { at: event.occurredAt, eventId: event.eventId };
      }
      return state;
    }
    case 'ConsentGiven':
      state.consents.push({
        purposes: event.purposes,
        recipients: event.recipients,
        items: event.items,
        givenAt: event.occurredAt,
        eventId: event.eventId,
      });
      return state;
    case 'ConsentWithdrawn': {
      (state.withdrawals ??= []).push({ purposes: event.purposes, recipients: event.recipients, at: event.occurredAt, eventId: event.eventId });
      for (const c of state.consents) {
        if (!c.withdrawnAt && withdrawalReaches(event, c)) {
          c.withdrawnAt = event.occurredAt;
          c.withdrawnBy = event.eventId;
        }
      }
      return state;
    }
    case 'DataUsed':
      return state;
    default: {
      const never: never = event;
      return never;
    }
  }
}
