import type { StoredEvent } from '@ashiato/event-store';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { otherPartitionsPattern, partitionCheckpoint, type Partition } from './partition';

/** How often a partition waiting at a breach looks at the other partitions' checkpoints. */
const POLL_MS = 10;

/** The projection stopped while a partition waited at a breach (not a failure: the runner is stopping). */
export class BarrierCancelledError extends Error {
  readonly code = 'PROJECTION_STOPPED';
  constructor() {
    super('the projection stopped while its partition waited for the others');
    this.name = 'BarrierCancelledError';
  }
}

export function isBreachDeclared(e: StoredEvent): boolean {
  return (e.data as { type?: unknown }).type === 'BreachDeclared';
}

/**
 * The batch cut after each BreachDeclared, so that a declared breach ends the batch it is in; with
 * `alone` (partition 0) also before it, so that waiting for it holds back nothing else.
 */
export function splitAtBreaches(events: StoredEvent[], alone = false): StoredEvent[][] {
  const out: StoredEvent[][] = [];
  let from = 0;
  events.forEach((e, i) => {
    if (!isBreachDeclared(e)) return;
    if (alone && i > from) out.push(events.slice(from, i));
    out.push(events.slice(alone ? i : from, i + 1));
    from = i + 1;
  });
  if (from < events.length) out.push(events.slice(from));
  return out;
}

/**
 * Where the live partitions of the subjects (partition.ts) meet: at each declared breach. Partition 0
 * fills the breach's impact from every partition's holdings as they stand, so it applies the batch
 * ending at the declaration only once the others have committed every event before it; the others,
 * which learn the breach from the log, apply nothing past it before partition 0 has committed the fill,
 * and then keep it exact for their own subjects. Each side waits for the other's checkpoint row, which
 * works across threads and processes alike. Partition 0 applies the events before a declaration
 * without waiting, so whoever it waits for is past every position it waits for in turn: no deadlock.
 */
export class BreachBarrier {
  /** Partition k > 0: the position partition 0 must have reached before this one goes past it. */
  private primaryMustReach = 0;
  private cancelled = false;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly projection: string,
    private readonly partition: Partition,
  ) {}

  /** From a (re)loaded checkpoint: not past it before partition 0 is there too (it may owe a fill at it). */
  reset(checkpoint: number): void {
    this.primaryMustReach = this.partition.index === 0 ? 0 : checkpoint;
    this.cancelled = false;
  }

  /** Ends every wait with BarrierCancelledError (the runner is stopping). */
  cancel(): void {
    this.cancelled = true;
  }

  /** Waits until `segment` (one of splitAtBreaches) may be applied. */
  async before(segment: StoredEvent[]): Promise<void> {
    const last = segment[segment.length - 1];
    if (this.partition.index > 0) {
      const must = this.primaryMustReach;
      if (must > 0 && segment[0].position > must) await this.until((p) => (p.get(0) ?? 0) >= must);
    } else if (isBreachDeclared(last)) {
      const before = last.position - 1;
      await this.until((p) => Array.from({ length: this.partition.count - 1 }, (_, i) => p.get(i + 1) ?? 0).every((at) => at >= before));
    }
  }

  /** After `segment` was applied: a partition k > 0 that learnt a breach waits for partition 0's fill. */
  after(segment: StoredEvent[]): void {
    const last = segment[segment.length - 1];
    if (this.partition.index > 0 && isBreachDeclared(last)) this.primaryMustReach = last.position;
  }

  private async until(ready: (positions: Map<number, number>) => boolean): Promise<void> {
    for (;;) {
      if (this.cancelled) throw new BarrierCancelledError();
      if (ready(await this.positions())) return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** The checkpoint of each partition of this layout, by index. */
  private async positions(): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('checkpoints')
      .select(['projection', 'position'])
      .where((eb) => eb.or([eb('projection', '=', this.projection), eb('projection', 'like', otherPartitionsPattern(this.projection))]))
      .execute();
    const out = new Map<number, number>();
    for (let i = 0; i < this.partition.count; i++) {
      const name = partitionCheckpoint(this.projection, { index: i, count: this.partition.count });
      const row = rows.find((r) => r.projection === name);
      if (row) out.set(i, Number(row.position));
    }
    return out;
  }
}
