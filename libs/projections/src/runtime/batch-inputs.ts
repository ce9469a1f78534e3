import type { StoredEvent } from '@ashiato/event-store';
import { projectionClockReading, type AshiatoEvent } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import type { ObligationCandidate } from '../projectors/erasure-tracker';
import type { RetentionCandidate } from '../projectors/retention-tracker';
import { snapshotKey, type SnapshotCache } from '../projectors/subject-snapshots';
import { toUtcIso } from '../projectors/time';

/** What a batch reads from the read model before it is projected (projection-engine.ts). */
type Db = Kysely<ReadModelDatabase>;
type Owns = ((subjectRef: string) => boolean) | undefined;

const SUBJECT_TYPES = new Set(['DataAcquired', 'DataUsed', 'DataProvided', 'DataErased', 'ConsentGiven', 'ConsentWithdrawn']);

/** Open, unflagged erasure obligations due before `until` (of the partition's subjects). */
export async function loadDueCandidates(db: Db, until: string | undefined, owns: Owns): Promise<ObligationCandidate[]> {
  if (!until) return [];
  const rows = await db
    .selectFrom('erasures')
    .select(['obligation_id', 'erasure_event_id', 'controller', 'subject_ref', 'holder', 'items', 'due_at'])
    .where('status', '=', 'open')
    .where('overdue_at', 'is', null)
    .where('due_at', '<', until)
    .execute();
  return owns ? rows.filter((r) => owns(r.subject_ref)) : rows;
}

/** Subjects whose next retention end the batch's clock may pass; their snapshots join the cache. */
export async function loadRetentionCandidates(db: Db, until: string | undefined, owns: Owns, snapshots: SnapshotCache): Promise<RetentionCandidate[]> {
  if (!until) return [];
  const rows = await db
    .selectFrom('subject_state')
    .select(['controller', 'subject_ref', 'state', 'position', 'retention_due_at'])
    .where('retention_due_at', '<', until)
    .orderBy('retention_due_at')
    .orderBy('controller')
    .orderBy('subject_ref')
    .execute();
  return (owns ? rows.filter((r) => owns(r.subject_ref)) : rows).map((r) => {
    snapshots.offer(snapshotKey(r.controller, r.subject_ref), r.state);
    return { controller: r.controller, subject_ref: r.subject_ref, due: r.retention_due_at!, position: Number(r.position) };
  });
}

/** The furthest the batch can move the clock (projectBatch reads each event the same way), or undefined when it does not move it. */
export function clockUntil(watermark: string | null, events: StoredEvent[], futureSkewMs: number): string | undefined {
  let until = watermark ?? '';
  for (const e of events) {
    const d = e.data as { type: AshiatoEvent['type']; occurredAt?: unknown };
    const at = projectionClockReading({ type: d.type, occurredAt: toUtcIso(String(d.occurredAt)), recordedAt: e.recordedAt }, futureSkewMs);
    if (at !== null && at > until) until = at;
  }
  return !until || until === watermark ? undefined : until;
}

/** The (controller, subject) keys of the batch's subject events (of the partition's subjects). */
export function* subjectKeys(events: StoredEvent[], owns: Owns): Iterable<[string, string]> {
  for (const e of events) {
    const d = e.data as { type: string; controller: string; subjectRef: string };
    if (!SUBJECT_TYPES.has(d.type) || (owns && !owns(d.subjectRef))) continue;
    yield [d.controller, d.subjectRef];
  }
}
