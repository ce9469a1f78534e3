/** The read model's breach tables (part of ReadModelDatabase in read-model.types.ts). */
export interface BreachesTable {
  breach_id: string;
  event_id: string;
  position: number;
  occurred_at: string;
  holder: string;
  controller: string | null;
  items: string;
  window_from: string;
  window_to: string;
  discovered_at: string;
  cause: string | null;
  event: string;
}

export interface BreachFactsTable {
  event_id: string;
  breach_id: string;
  position: number;
  type: string;
  occurred_at: string;
  report: string | null;
  authority: string | null;
  count: number | null;
  event: string;
}

/**
 * One row per (breach, subject, controller) whose breached items the breached holder held at some
 * instant of the window. `items`: one '0'/'1' per item of the declaration, in its order.
 */
export interface BreachAffectedTable {
  breach_id: string;
  subject_ref: string;
  controller: string;
  items: string;
}

/**
 * Distinct affected subjects of a breach per `dim`: `items` keyed by the subject's item flags over all
 * its controllers, `controller` keyed by controller, `party` keyed by a recipient of breach_provisions
 * (its distinct subjects over all its providers).
 */
export interface BreachCountsTable {
  breach_id: string;
  dim: 'items' | 'controller' | 'party';
  key: string;
  subjects: number;
}

/**
 * Provisions of a breach's items onward, for its affected subjects: one row per (breach, subject,
 * provider, recipient) over every holding the recipient got from the provider, any time. The receiving
 * parties of the breach are a walk over these rows from the breached holder.
 */
export interface BreachProvisionsTable {
  breach_id: string;
  subject_ref: string;
  provider: string;
  holder: string;
  /** Item flags as in breach_affected. */
  items: string;
  first_at: string;
  last_at: string;
}

/**
 * breach_provisions aggregated per (breach, provider, recipient): the receiving-parties walk reads these
 * few rows instead of one row per subject. Kept exact by the same per-subject updates.
 */
export interface BreachPartiesTable {
  breach_id: string;
  provider: string;
  holder: string;
  /** Distinct subjects (rows of breach_provisions) of the group. */
  subjects: number;
  /** Item flags over the group's rows (an item is '1' when any row has it). */
  items: string;
  first_at: string;
  last_at: string;
}
