import type { EventStore, StoredEvent } from '@ashiato/event-store';
import { DEFAULT_FUTURE_SKEW_MS, type BreachDeclared } from '@ashiato/domain';
import { sql, type Kysely } from 'kysely';
import { BreachImpactProjector } from '../projectors/breach-impact.projector';
import type { ReadModel } from '../db/connect';
import type { ReadModelDatabase } from '../db/read-model.types';
import { TableSuffixPlugin } from '../db/table-suffix.plugin';
import { partitionCheckpoint, partitionOf, type Partition } from './partition';
import { PolicyBook } from '../projectors/policy-book';
import { serialiseSnapshots, writtenSnapshots } from '../projectors/changeset';
import { projectBatch } from '../projectors/project-batch';
import type { ChangesetWriter } from '../writers/changeset-writer';
import { openChangesetWriter } from '../writers/open-writer';
import { SnapshotCache } from '../projectors/subject-snapshots';
import { toUtcIso } from '../projectors/time';
import { clockUntil, loadDueCandidates, loadRetentionCandidates, subjectKeys } from './batch-inputs';
import { BreachBarrier, isBreachDeclared, splitAtBreaches } from './breach-barrier';

export interface ProjectionEngineOptions {
  /** Checkpoint name. */
  projection?: string;
  /** Events per transaction. */
  batchSize?: number;
  /** Subject snapshots kept in memory between batches (bounds RSS during a rebuild). */
  snapshotCacheSize?: number;
  /** Days a recipient has to confirm an erasure before ERASURE_NOT_PROPAGATED. */
  erasureDeadlineDays?: number;
  /** ASHIATO_FUTURE_SKEW in ms (default 5 min): an event moves the clock at most this far past its recording. */
  futureSkewMs?: number;
  /** Project into the `<table><suffix>` twins (rebuild). */
  tableSuffix?: string;
  /** A rebuild fills breach_affected once after its bulk load (fillAllBreaches) instead of per breach. */
  deferBreachImpact?: boolean;
  /** SQLite only: collect holding closes in this temporary table, applied after the load (rebuild). */
  deferredClosesTable?: string;
  /** The id of the log the batches come from, recorded with the checkpoint; catchUp asks its store when unset. */
  logId?: string;
  /**
   * Project one partition of the subjects (partition.ts), with a checkpoint of its own. With
   * deferBreachImpact (a rebuild's load) the breaches are filled after the load; live, the partitions
   * meet at each declared breach (breach-barrier.ts).
   */
  partition?: Partition;
  /** Failure injection for tests: runs inside the batch transaction, after the rows and derived statements, before the checkpoint. */
  beforeCheckpoint?: (position: number) => void;
}

export const DEFAULT_PROJECTION = 'read-model';
export const DEFAULT_ERASURE_DEADLINE_DAYS = 30;

/**
 * PostgreSQL: live partitions write side by side, and the late per-subject breach updates of two of
 * them may change the same breach_parties group; a transaction-level advisory lock taken before a
 * batch's breach statements runs them one partition at a time, each reading the other's committed rows.
 */
const BREACH_UPDATES_LOCK = 0x61736869;

/**
 * Projects the log into the read model. Each batch's rows and checkpoint commit in one transaction;
 * positions at or below the checkpoint are skipped, so a resumed or repeated batch counts nothing twice.
 *
 * Policies are known in log order: a flow is judged by the version in force at its occurredAt among
 * the versions published before it in the log. A version published later never rewrites a verdict
 * already written, even when it is effective earlier (a back-dated policy); the record shows what
 * the controller had declared when the flow was recorded, and a rebuild reproduces it exactly.
 */
export class ProjectionEngine {
  private readonly db: Kysely<ReadModelDatabase>;
  private readonly writer: ChangesetWriter;
  private readonly policies = new PolicyBook();
  private readonly breachImpact = new BreachImpactProjector();
  private readonly snapshots: SnapshotCache;
  private readonly projection: string;
  private readonly batchSize: number;
  private readonly deadlineDays: number;
  private readonly futureSkewMs: number;
  private checkpoint = 0;
  private watermark: string | null = null;
  private initialised = false;
  private logId?: string;
  /** Set for a partition: whether a subject is its own. */
  private readonly owns?: (subjectRef: string) => boolean;
  private readonly primary: boolean = true;
  /** Live partitions only: where they meet at declared breaches. */
  private readonly barrier?: BreachBarrier;

  constructor(
    readonly readModel: ReadModel,
    private readonly options: ProjectionEngineOptions = {},
  ) {
    const suffix = options.tableSuffix ?? '';
    this.db = suffix ? readModel.db.withPlugin(new TableSuffixPlugin(suffix)) : readModel.db;
    this.writer = openChangesetWriter(readModel, this.db, suffix, options.deferredClosesTable);
    // A partition keeps only its own subjects' snapshots: its share of the cache, so N partitions hold what one does.
    this.snapshots = new SnapshotCache(options.snapshotCacheSize ?? Math.ceil(50_000 / Math.max(1, options.partition?.count ?? 1)));
    const partition = options.partition;
    if (partition && partition.count > 1) {
      this.owns = (ref) => partitionOf(ref, partition.count) === partition.index;
      this.primary = partition.index === 0;
      if (!options.deferBreachImpact) this.barrier = new BreachBarrier(this.db, options.projection ?? DEFAULT_PROJECTION, partition);
    }
    this.projection = partitionCheckpoint(options.projection ?? DEFAULT_PROJECTION, partition);
    this.logId = options.logId;
    this.batchSize = options.batchSize ?? 2_000;
    this.deadlineDays = options.erasureDeadlineDays ?? DEFAULT_ERASURE_DEADLINE_DAYS;
    this.futureSkewMs = options.futureSkewMs ?? DEFAULT_FUTURE_SKEW_MS;
  }

  /** Position of the last event whose rows are committed. */
  position(): number {
    return this.checkpoint;
  }

  async init(): Promise<void> {
    const row = await this.db.selectFrom('checkpoints').select(['position', 'watermark']).where('projection', '=', this.projection).executeTakeFirst();
    this.checkpoint = row ? Number(row.position) : 0;
    this.watermark = row?.watermark ?? null;
    this.policies.clear();
    // A partition other than 0 writes no policy rows: it learns the versions up to its checkpoint from the table, the rest from the log.
    const versions = await this.db
      .selectFrom('policies')
      .selectAll()
      .$if(!this.primary, (q) => q.where('position', '<=', this.checkpoint))
      .orderBy('position')
      .execute();
    for (const v of versions) {
      this.policies.add({
        controller: v.controller,
        version: v.version,
        effectiveFrom: v.effective_from,
        position: Number(v.position),
        eventId: v.event_id,
        document: JSON.parse(v.document),
      });
    }
    // Likewise the breaches: a partition other than 0 learns those past its checkpoint from the log.
    await this.breachImpact.load(this.db, this.primary ? undefined : this.checkpoint);
    this.barrier?.reset(this.checkpoint);
    this.initialised = true;
  }

  /** Applies the events above the checkpoint; returns the new checkpoint. */
  async applyBatch(events: StoredEvent[]): Promise<number> {
    if (!this.initialised) await this.init();
    const fresh = events.filter((e) => e.position > this.checkpoint);
    if (!fresh.length) return this.checkpoint;
    const barrier = this.barrier;
    if (!barrier) return this.apply(fresh);
    for (const segment of splitAtBreaches(fresh, this.primary)) {
      await barrier.before(segment);
      await this.apply(segment);
      barrier.after(segment);
    }
    return this.checkpoint;
  }

  /** Ends a partition's wait at a breach (BarrierCancelledError): its runner is stopping. */
  cancelWaits(): void {
    this.barrier?.cancel();
  }

  private async apply(fresh: StoredEvent[]): Promise<number> {
    try {
      await this.snapshots.preload(this.db, subjectKeys(fresh, this.owns));
      const until = clockUntil(this.watermark, fresh, this.futureSkewMs);
      const dueCandidates = await loadDueCandidates(this.db, until, this.owns);
      const retentionCandidates = await loadRetentionCandidates(this.db, until, this.owns, this.snapshots);
      const cs = projectBatch({
        events: fresh,
        fromPosition: this.checkpoint,
        watermark: this.watermark,
        policies: this.policies,
        snapshots: this.snapshots,
        dueCandidates,
        retentionCandidates,
        erasureDeadlineDays: this.deadlineDays,
        futureSkewMs: this.futureSkewMs,
        owns: this.owns,
        primary: this.primary,
      });
      serialiseSnapshots(cs);
      cs.origin = { logId: this.logId ?? null, eventHash: fresh.find((e) => e.position === cs.checkpoint.position)?.hash ?? null };
      // Breach impact: set-based statements derived from the batch's holdings rows, in its transaction.
      const derived = this.breachImpact.statements(this.db, cs, this.options.deferBreachImpact);
      if (!this.primary) for (const e of fresh.filter(isBreachDeclared)) this.breachImpact.learn(breachScope(e.data as unknown as BreachDeclared));
      if (this.barrier && derived.length && this.readModel.dialect === 'postgres') {
        derived.unshift(sql`select pg_advisory_xact_lock(${BREACH_UPDATES_LOCK})`.compile(this.db));
      }
      await this.writer.write(cs, { projection: this.projection, derived, failBeforeCheckpoint: this.options.beforeCheckpoint });
      this.checkpoint = cs.checkpoint.position;
      this.watermark = cs.checkpoint.watermark;
      this.snapshots.settle(writtenSnapshots(cs));
      this.snapshots.evictOverflow();
      return this.checkpoint;
    } catch (err) {
      // The in-memory state ran ahead of the rolled-back transaction: forget it and reload.
      this.snapshots.clear();
      this.initialised = false;
      throw err;
    }
  }

  /** Names the log the following batches come from; the checkpoint records it (log-identity.ts). */
  bindLog(logId: string): void {
    this.logId = logId;
  }

  /**
   * Projects what the store holds above the checkpoint, page by page, until done or `cancelled()`; with
   * `upTo`, no event past that position (a rebuild fixes its stop position when it starts, so sustained
   * ingest cannot keep it chasing the head).
   */
  async catchUp(store: EventStore, onProgress?: (position: number) => void, cancelled?: () => boolean, upTo?: number): Promise<number> {
    if (!this.initialised) await this.init();
    if (this.logId === undefined) this.bindLog((await store.identity()).logId);
    if (upTo !== undefined && this.checkpoint >= upTo) return this.checkpoint;
    for await (const page of store.iterateAll({ fromPosition: this.checkpoint, pageSize: this.batchSize })) {
      const last = page[page.length - 1]?.position ?? 0;
      await this.applyBatch(upTo === undefined || last <= upTo ? page : page.filter((e) => e.position <= upTo));
      onProgress?.(this.checkpoint);
      if (cancelled?.() || (upTo !== undefined && last >= upTo)) break;
    }
    return this.checkpoint;
  }
}

/** The scope of a breach a partition other than 0 learns from the log (partition 0 reads it from its row). */
function breachScope(e: BreachDeclared) {
  return { breachId: e.breachId, holder: e.holder, controller: e.controller ?? null, items: e.items, from: toUtcIso(e.window.from), to: toUtcIso(e.window.to) };
}
