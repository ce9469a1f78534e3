/**
 * The read-model schema (Kysely `Database`). Timestamps are UTC ISO-8601 strings (`toISOString()`), so
 * text comparison orders them on SQLite and PostgreSQL alike; JSON columns are text for the same reason.
 */
import type { BreachAffectedTable, BreachCountsTable, BreachesTable, BreachFactsTable, BreachPartiesTable, BreachProvisionsTable } from './breach-tables.types';
export type * from './breach-tables.types';
export interface CheckpointsTable {
  projection: string;
  position: number;
  /** Highest occurredAt projected so far: the projection's own clock for erasure deadlines. */
  watermark: string | null;
  /** The id of the log this read model was built from (null in read models made before log ids). */
  log_id: string | null;
  /** The hash of the log's event at `position`, as the log reported it when it was projected. */
  event_hash: string | null;
}

export interface PoliciesTable {
  controller: string;
  version: string;
  effective_from: string;
  published_at: string;
  event_id: string;
  position: number;
  document: string;
}

export interface HoldingsTable {
  subject_ref: string;
  controller: string;
  holder: string;
  item: string;
  from_at: string;
  /** NULL while the holder still holds the item. */
  to_at: string | null;
  ended_event_id: string | null;
  /** JSON: `{kind, name?}` of an acquisition or `{kind: 'provision', from}` of a provision. */
  source: string;
  /** The holder that provided the item (NULL for an acquisition): finds onward recipients of a breach. */
  provider: string | null;
  /** Of the acquisition or provision that opened the interval: its flows row (keyed by position) holds its eventId. */
  position: number;
}

export interface FlowsTable {
  event_id: string;
  position: number;
  /** Every subject event is kept (lineage reads them); only acquisitions, uses and provisions carry a verdict. */
  type: string;
  occurred_at: string;
  controller: string;
  subject_ref: string;
  holder: string | null;
  recipient: string | null;
  items: string;
  purposes: string | null;
  basis: string | null;
  policy_version: string | null;
  verdict: string | null;
  codes: string | null;
  /** JSON of the event's fields not in the columns above; `decodeFlowEvent` rebuilds the whole event. */
  event: string;
}

export interface ViolationsTable {
  event_id: string;
  code: string;
  /** The party at fault: the acting holder of a flow, or the recipient that did not erase. */
  holder: string;
  controller: string;
  subject_ref: string;
  occurred_at: string;
  message: string;
  items: string | null;
  position: number;
}

export interface ProvisionRecordsTable {
  event_id: string;
  position: number;
  occurred_at: string;
  controller: string;
  /** The party that handed the items over (the controller, or a recipient providing onward). */
  provider: string;
  subject_ref: string;
  recipient_id: string;
  recipient_name: string;
  recipient_address: string | null;
  recipient_country: string | null;
  recipient_relation: string | null;
  items: string;
  purposes: string;
  basis: string | null;
  consent_ref: string | null;
  /** JSON: the consent fact behind the provision (consent event ids in force), APPI Rules Art. 20. */
  consent: string | null;
  /** 1 when Art. 29 requires a record (not entrustment, joint use or a statutory provision). */
  record_required: number;
  retention_until: string;
}

export interface ErasuresTable {
  obligation_id: string;
  erasure_event_id: string;
  controller: string;
  subject_ref: string;
  holder: string;
  items: string;
  erased_at: string;
  due_at: string;
  status: 'open' | 'done';
  closed_at: string | null;
  closed_event_id: string | null;
  /** When the projection's clock passed due_at with the obligation still open (ERASURE_NOT_PROPAGATED). */
  overdue_at: string | null;
}

export interface SubjectStateTable {
  controller: string;
  subject_ref: string;
  /** The per-subject snapshot (SubjectState plus pending erasure obligations), as projectors/snapshot-codec.ts writes it. */
  state: string;
  position: number;
  /** The snapshot's next retention end (UTC ISO), null when none will come: the sweep finds subjects by it. */
  retention_due_at: string | null;
}

export interface StatsTable {
  metric: string;
  dim1: string;
  dim2: string;
  count: number;
}

export interface ReadModelDatabase {
  checkpoints: CheckpointsTable;
  policies: PoliciesTable;
  holdings: HoldingsTable;
  flows: FlowsTable;
  violations: ViolationsTable;
  provision_records: ProvisionRecordsTable;
  erasures: ErasuresTable;
  breaches: BreachesTable;
  breach_facts: BreachFactsTable;
  breach_affected: BreachAffectedTable;
  breach_counts: BreachCountsTable;
  breach_provisions: BreachProvisionsTable;
  breach_parties: BreachPartiesTable;
  subject_state: SubjectStateTable;
  stats: StatsTable;
}

export type ReadModelTable = keyof ReadModelDatabase;

export const READ_MODEL_TABLES: readonly ReadModelTable[] = [
  'checkpoints',
  'policies',
  'holdings',
  'flows',
  'violations',
  'provision_records',
  'erasures',
  'breaches',
  'breach_facts',
  'breach_affected',
  'breach_counts',
  'breach_provisions',
  'breach_parties',
  'subject_state',
  'stats',
];
