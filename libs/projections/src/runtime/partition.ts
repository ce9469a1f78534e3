/**
 * Subjects are independent for every read model but the breach impact and the counters, so the log
 * can be projected in N partitions of subjects, each by its own engine with its own checkpoint,
 * reading the whole log in order and skipping the subject events of other partitions. Events that
 * belong to no subject (policies, breaches) are written by partition 0 and only learnt by the others.
 */
export interface Partition {
  index: number;
  count: number;
}

/**
 * The partition of a subject: FNV-1a (32-bit) of its ref, modulo the count. Stable across processes,
 * versions and platforms (no seed, no engine-specific string hash); one multiply per character.
 */
export function partitionOf(subjectRef: string, count: number): number {
  if (count <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < subjectRef.length; i++) {
    h ^= subjectRef.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

/** The checkpoint row of a partition: partition 0 keeps the projection's own, so N = 1 is the unpartitioned read model. */
export function partitionCheckpoint(projection: string, p: Partition | undefined): string {
  return !p || p.index === 0 ? projection : `${projection}#${p.index}/${p.count}`;
}

/** The checkpoint rows of partitions other than 0 (removed once a partitioned load is merged). */
export function otherPartitionsPattern(projection: string): string {
  return `${projection}#%`;
}

export function validPartitionCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 64)
    throw new RangeError(`projection partitions must be a whole number from 1 to 64 (got ${String(n)})`);
  return n;
}
