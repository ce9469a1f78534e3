import type { Insertable } from 'kysely';
import { encodeSnapshot } from './snapshot-codec';
import type { SubjectSnapshot } from './subject-snapshots';
import type {
  BreachesTable,
  BreachFactsTable,
  ErasuresTable,
  FlowsTable,
  HoldingsTable,
  PoliciesTable,
  ProvisionRecordsTable,
  StatsTable,
  ViolationsTable,
} from '../db/read-model.types';

export type HoldingRow = Insertable<HoldingsTable> & { to_at: string | null; ended_event_id: string | null };
export type ErasureRow = Insertable<ErasuresTable> & Pick<ErasuresTable, 'status' | 'closed_at' | 'closed_event_id' | 'overdue_at'>;

export interface HoldingClose {
  /** Log position of the event that ends the holding. */
  position: number;
  subject_ref: string;
  controller: string;
  holder: string;
  item: string;
  to_at: string;
  ended_event_id: string;
}

export interface ErasureUpdate {
  obligation_id: string;
  status?: 'done';
  closed_at?: string;
  closed_event_id?: string;
  overdue_at?: string;
}

/** Everything one batch writes, applied in one transaction together with the checkpoint. */
export interface Changeset {
  policies: Insertable<PoliciesTable>[];
  holdings: HoldingRow[];
  holdingCloses: HoldingClose[];
  flows: Insertable<FlowsTable>[];
  violations: Insertable<ViolationsTable>[];
  provisionRecords: Insertable<ProvisionRecordsTable>[];
  erasures: ErasureRow[];
  erasureUpdates: ErasureUpdate[];
  breaches: Insertable<BreachesTable>[];
  breachFacts: Insertable<BreachFactsTable>[];
  /** Touched snapshots; `state` is their stored text (snapshot-codec.ts), filled by serialiseSnapshots once the batch is projected. */
  snapshots: Map<string, { controller: string; subject_ref: string; snapshot: SubjectSnapshot; position: number; state?: string }>;
  /** metric \u0000 dim1 \u0000 dim2 -> increment. */
  stats: Map<string, StatsTable>;
  checkpoint: { position: number; watermark: string | null };
  /** The checkpoint the batch was projected from: the write fails unless the stored one still equals it. */
  basePosition: number;
  /**
   * The log the batch came from, stored with the checkpoint (log-identity.ts): its id, and the hash of
   * its event at the checkpoint position. Null where unknown (an engine fed batches without a store).
   */
  origin?: { logId: string | null; eventHash: string | null };
}

/**
 * The stored checkpoint is not the one the batch started from: another process (a rebuild swapped in
 * fresh tables, or a second runner) moved it. The engine reloads and carries on from the stored one.
 */
export class CheckpointMovedError extends Error {
  readonly code = 'PROJECTION_CHECKPOINT_MOVED';
  constructor(readonly expected: number) {
    super(`read-model checkpoint moved away from ${expected}`);
    this.name = 'CheckpointMovedError';
  }
}

export function emptyChangeset(position: number, watermark: string | null): Changeset {
  return {
    policies: [],
    holdings: [],
    holdingCloses: [],
    flows: [],
    violations: [],
    provisionRecords: [],
    erasures: [],
    erasureUpdates: [],
    breaches: [],
    breachFacts: [],
    snapshots: new Map(),
    stats: new Map(),
    checkpoint: { position, watermark },
    basePosition: position,
  };
}

/** Serialises each touched snapshot once, for the subject_state row and for the snapshot cache. */
export function serialiseSnapshots(cs: Changeset): void {
  for (const s of cs.snapshots.values()) s.state = encodeSnapshot(s.snapshot);
}

/** A touched snapshot's subject_state text: as serialiseSnapshots left it, else encoded now. */
export function snapshotText(s: { snapshot: SubjectSnapshot; state?: string }): string {
  return s.state ?? encodeSnapshot(s.snapshot);
}

/** The serialised snapshots of a batch, by cache key. */
export function* writtenSnapshots(cs: Changeset): Iterable<[string, string]> {
  for (const [key, s] of cs.snapshots) yield [key, snapshotText(s)];
}

/** A stats counter of the batch (stats.projector.ts), added to the stored one when the batch is written. */
export function bumpStat(cs: Changeset, metric: string, dim1: string, dim2 = ''): void {
  const key = `${metric}\u0000${dim1}\u0000${dim2}`;
  const row = cs.stats.get(key);
  if (row) row.count++;
  else cs.stats.set(key, { metric, dim1, dim2, count: 1 });
}
