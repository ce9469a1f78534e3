import type { EventStore, StoredEvent } from '@ashiato/event-store';
import type { Kysely } from 'kysely';
import { BreachImpactProjection, runDerived, runDerivedSqlite } from '../breach-impact/breach-impact.projection';
import type { ReadModel } from '../db/connect';
import type { ReadModelDatabase } from '../db/read-model.types';
import { TableSuffixPlugin } from '../db/table-suffix.plugin';
import type { ObligationCandidate } from './erasure-tracker';
import { PolicyBook } from './policy-book';
import { serialiseSnapshots, writtenSnapshots } from './changeset';
import { projectBatch } from './project-batch';
import { SqliteChangesetWriter } from './sqlite-writer';
import { SnapshotCache } from './subject-snapshots';
import { toUtcIso } from './time';
import { writeChangeset } from './write-changeset';

export interface ProjectionEngineOptions {
  /** Checkpoint name. */
  projection?: string;
  /** Events per transaction. */
  batchSize?: number;
  /** Subject snapshots kept in memory between batches (bounds RSS during a rebuild). */
  snapshotCacheSize?: number;
  /** Days a recipient has to confirm an erasure before ERASURE_NOT_PROPAGATED. */
  erasureDeadlineDays?: number;
  /** Project into the `<table><suffix>` twins (rebuild). */
  tableSuffix?: string;
  /** A rebuild fills breach_affected once after its bulk load (fillAllBreaches) instead of per breach. */
  deferBreachImpact?: boolean;
  /** SQLite only: collect holding closes in this temporary table, applied after the load (rebuild). */
  deferredClosesTable?: string;
  /** Failure injection for tests: runs inside the batch transaction, after the rows, before the checkpoint. */
  beforeCheckpoint?: (position: number) => void;
}

export const DEFAULT_PROJECTION = 'read-model';
export const DEFAULT_ERASURE_DEADLINE_DAYS = 30;

const SUBJECT_TYPES = new Set(['DataAcquired', 'DataUsed', 'DataProvided', 'DataErased', 'ConsentGiven', 'ConsentWithdrawn']);

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
  private readonly writer?: SqliteChangesetWriter;
  private readonly policies = new PolicyBook();
  private readonly breachImpact = new BreachImpactProjection();
  private readonly snapshots: SnapshotCache;
  private readonly projection: string;
  private readonly batchSize: number;
  private readonly deadlineDays: number;
  private checkpoint = 0;
  private watermark: string | null = null;
  private initialised = false;

  constructor(
    readonly readModel: ReadModel,
    private readonly options: ProjectionEngineOptions = {},
  ) {
    const suffix = options.tableSuffix ?? '';
    this.db = suffix ? readModel.db.withPlugin(new TableSuffixPlugin(suffix)) : readModel.db;
    if (readModel.sqlite) this.writer = new SqliteChangesetWriter(readModel.sqlite, suffix, options.deferredClosesTable);
    this.snapshots = new SnapshotCache(options.snapshotCacheSize ?? 50_000);
    this.projection = options.projection ?? DEFAULT_PROJECTION;
    this.batchSize = options.batchSize ?? 2_000;
    this.deadlineDays = options.erasureDeadlineDays ?? DEFAULT_ERASURE_DEADLINE_DAYS;
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
    const versions = await this.db.selectFrom('policies').selectAll().orderBy('position').execute();
    for (const v of versions) {
      this.policies.add({ controller: v.controller, version: v.version, effectiveFrom: v.effective_from, position: Number(v.position), eventId: v.event_id, document: JSON.parse(v.document) });
    }
    await this.breachImpact.load(this.db);
    this.initialised = true;
  }

  /** Applies the events above the checkpoint; returns the new checkpoint. */
  async applyBatch(events: StoredEvent[]): Promise<number> {
    if (!this.initialised) await this.init();
    const fresh = events.filter((e) => e.position > this.checkpoint);
    if (!fresh.length) return this.checkpoint;
    try {
      await this.snapshots.preload(this.db, subjectKeys(fresh));
      const dueCandidates = await this.loadDueCandidates(fresh);
      const cs = projectBatch({
        events: fresh,
        fromPosition: this.checkpoint,
        watermark: this.watermark,
        policies: this.policies,
        snapshots: this.snapshots,
        dueCandidates,
        erasureDeadlineDays: this.deadlineDays,
      });
      serialiseSnapshots(cs);
      // Breach impact: set-based statements in the batch's transaction, after its holdings rows.
      const derived = this.breachImpact.statements(this.db, cs, this.options.deferBreachImpact);
      if (this.writer) this.writer.write(cs, this.projection, runDerivedSqlite(this.readModel.sqlite!, derived, this.options.beforeCheckpoint));
      else
        await this.db.transaction().execute(async (trx) => {
          await writeChangeset(trx, cs, this.projection, this.options.beforeCheckpoint);
          await runDerived(trx, derived);
        });
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

  /** Projects everything the store holds above the checkpoint, page by page, until done or `cancelled()`. */
  async catchUp(store: EventStore, onProgress?: (position: number) => void, cancelled?: () => boolean): Promise<number> {
    if (!this.initialised) await this.init();
    for await (const page of store.iterateAll({ fromPosition: this.checkpoint, pageSize: this.batchSize })) {
      await this.applyBatch(page);
      onProgress?.(this.checkpoint);
      if (cancelled?.()) break;
    }
    return this.checkpoint;
  }

  private async loadDueCandidates(events: StoredEvent[]): Promise<ObligationCandidate[]> {
    let until = this.watermark ?? '';
    for (const e of events) {
      const at = toUtcIso(String((e.data as { occurredAt?: unknown }).occurredAt));
      if (at > until) until = at;
    }
    if (!until || until === this.watermark) return [];
    return this.db
      .selectFrom('erasures')
      .select(['obligation_id', 'erasure_event_id', 'controller', 'subject_ref', 'holder', 'items', 'due_at'])
      .where('status', '=', 'open')
      .where('overdue_at', 'is', null)
      .where('due_at', '<', until)
      .execute();
  }
}

function* subjectKeys(events: StoredEvent[]): Iterable<[string, string]> {
  for (const e of events) {
    const d = e.data as { type: string; controller: string; subjectRef: string };
    if (!SUBJECT_TYPES.has(d.type)) continue;
    yield [d.controller, d.subjectRef];
  }
}
