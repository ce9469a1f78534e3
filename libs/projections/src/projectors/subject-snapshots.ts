import { emptySubjectState } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { decodeSnapshot, type SubjectSnapshot } from './snapshot-codec';

export type { PendingObligation, SubjectSnapshot } from './snapshot-codec';

export function snapshotKey(controller: string, subjectRef: string): string {
  return `${controller}\u0000${subjectRef}`;
}

const LOAD_CHUNK = 500;

/**
 * Bounded LRU of snapshots. Misses of a whole batch are loaded in one query per chunk before the batch
 * is projected; eviction waits until the batch is written so a snapshot never goes stale mid-batch.
 *
 * Between batches a snapshot is kept as the text the batch wrote to subject_state (snapshot-codec.ts),
 * decoded again when the subject next appears: the text is about a kB, the object graph it describes ≈ 5× more
 * heap, which the garbage collector would otherwise mark again on every old-generation cycle.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, SubjectSnapshot | string>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): SubjectSnapshot | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    const snap = typeof hit === 'string' ? decodeSnapshot(hit) : hit;
    this.entries.delete(key);
    this.entries.set(key, snap);
    return snap;
  }

  /** The snapshot for a key, new and empty when the subject has no history with the controller. */
  getOrCreate(key: string): SubjectSnapshot {
    let snap = this.get(key);
    if (!snap) {
      snap = { state: emptySubjectState(), pending: [] };
      this.entries.set(key, snap);
    }
    return snap;
  }

  async preload(db: Kysely<ReadModelDatabase>, keys: Iterable<[controller: string, subjectRef: string]>): Promise<void> {
    const missing = new Map<string, Set<string>>();
    for (const [controller, subjectRef] of keys) {
      const key = snapshotKey(controller, subjectRef);
      if (this.entries.has(key)) continue;
      let controllers = missing.get(subjectRef);
      if (!controllers) missing.set(subjectRef, (controllers = new Set()));
      controllers.add(controller);
    }
    const subjects = [...missing.keys()];
    for (let i = 0; i < subjects.length; i += LOAD_CHUNK) {
      const rows = await db
        .selectFrom('subject_state')
        .select(['controller', 'subject_ref', 'state'])
        .where('subject_ref', 'in', subjects.slice(i, i + LOAD_CHUNK))
        .execute();
      for (const row of rows) {
        if (missing.get(row.subject_ref)?.has(row.controller)) {
          this.entries.set(snapshotKey(row.controller, row.subject_ref), row.state);
        }
      }
    }
  }

  /** A stored snapshot text, kept unless the cache already has this subject (then the two are the same). */
  offer(key: string, state: string): void {
    if (!this.entries.has(key)) this.entries.set(key, state);
  }

  /** The batch is committed: keep its snapshots as the text it wrote. */
  settle(written: Iterable<[key: string, state: string]>): void {
    // Map.set on a present key keeps its place in the LRU order.
    for (const [key, state] of written) if (this.entries.has(key)) this.entries.set(key, state);
  }

  evictOverflow(): void {
    let excess = this.entries.size - this.maxEntries;
    if (excess <= 0) return;
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (--excess <= 0) break;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
