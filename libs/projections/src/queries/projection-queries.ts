import { systemClock, type Clock, type PolicyDocument, type SubjectState } from '@ashiato/domain';
import type { BreachState } from '@ashiato/domain/breach';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { decodeSnapshot } from '../projectors/snapshot-codec';
import { subjectConsentRecords } from './consent-record-queries';
import { whatIf, type WhatIfAnswer, type WhatIfOptions } from '../what-if/what-if';
import { RECORD_FROM_DEFAULT, recordOfProcessing, type RecordOfProcessing } from '../records/record-of-processing';
import { exportOpenLineage, type OpenLineageExportOptions, type OpenLineageRunEvent } from '../export/openlineage';
import { breachState, listBreaches, type BreachSummary } from './breach-queries';
import { countErasures, listErasures, type ErasureFilter, type ErasureView } from './erasure-queries';
import { countFlows, listFlows, subjectFacts, type FlowFilter, type FlowView, type SubjectFact } from './flow-queries';
import {
  countHoldingsAsOf,
  countSubjectsHoldingDuring,
  countSubjectsHoldingDuringByItem,
  holdingsAsOf,
  subjectsHoldingDuring,
  type AffectedSubject,
  type HoldingFilter,
  type HoldingView,
  type HoldingWindow,
} from './holding-queries';
import { utc, type Page, type PageRequest } from './pagination';
import { listControllers, policyHistory, policyInForce, type PolicyVersionView } from './policy-queries';
import { countProvisionRecords, listProvisionRecords, type ProvisionRecordFilter, type ProvisionRecordView } from './provision-record-queries';
import { overviewStats, type OverviewStats } from './stats-queries';
import { countViolations, countViolationsByCode, listViolations, type ViolationFilter, type ViolationView } from './violation-queries';

/**
 * Every read the API, CLI and dashboard make, from read models only (never the log). Instants are
 * ISO-8601 (any offset); answers are UTC. Each flow, holding and violation carries its eventId.
 */
export class ProjectionQueries {
  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly clock: Clock = systemClock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** The controller's record of processing from the policy in force at `to`, annotated with the flows of [from, to] (records/). */
  recordOfProcessing(controller: string, period: { from?: string; to?: string } = {}): Promise<RecordOfProcessing | undefined> {
    return recordOfProcessing(this.db, controller, utc(period.from) ?? RECORD_FROM_DEFAULT, utc(period.to) ?? this.now());
  }

  /** Recorded flows as OpenLineage RunEvents, aggregated per controller, party, purposes and day (export/openlineage.ts). */
  exportOpenLineage(options: OpenLineageExportOptions): AsyncGenerator<OpenLineageRunEvent> {
    return exportOpenLineage(this.db, options);
  }

  /** A controller's recorded flows judged again under a draft policy (what-if/what-if.ts); nothing is written. */
  whatIf(draft: PolicyDocument, options: WhatIfOptions): Promise<WhatIfAnswer> {
    return whatIf(this.db, draft, options);
  }

  /** One subject's consent records as JSON-LD (ISO/IEC TS 27560 in W3C DPV). */
  subjectConsentRecords(subjectRef: string): ReturnType<typeof subjectConsentRecords> {
    return subjectConsentRecords(this.db, subjectRef);
  }

  listFlows(filter: FlowFilter = {}, page: PageRequest = {}): Promise<Page<FlowView>> {
    return listFlows(this.db, filter, page);
  }
  countFlows(filter: FlowFilter = {}): Promise<number> {
    return countFlows(this.db, filter);
  }
  subjectFacts(subjectRef: string, asOf?: string): Promise<SubjectFact[]> {
    return subjectFacts(this.db, subjectRef, asOf);
  }

  listViolations(filter: ViolationFilter = {}, page: PageRequest = {}): Promise<Page<ViolationView>> {
    return listViolations(this.db, filter, page);
  }
  countViolations(filter: ViolationFilter = {}): Promise<number> {
    return countViolations(this.db, filter);
  }
  countViolationsByCode(filter: ViolationFilter = {}): Promise<{ code: string; controller: string; count: number }[]> {
    return countViolationsByCode(this.db, filter);
  }

  holdingsAsOf(filter: HoldingFilter = {}, page: PageRequest = {}): Promise<Page<HoldingView>> {
    return holdingsAsOf(this.db, filter, this.now(), page);
  }
  countHoldingsAsOf(filter: HoldingFilter = {}): Promise<number> {
    return countHoldingsAsOf(this.db, filter, this.now());
  }
  subjectsHoldingDuring(window: HoldingWindow, page: PageRequest = {}): Promise<Page<AffectedSubject>> {
    return subjectsHoldingDuring(this.db, window, page);
  }
  countSubjectsHoldingDuring(window: HoldingWindow): Promise<number> {
    return countSubjectsHoldingDuring(this.db, window);
  }
  countSubjectsHoldingDuringByItem(window: HoldingWindow): Promise<{ item: string; subjects: number }[]> {
    return countSubjectsHoldingDuringByItem(this.db, window);
  }

  policyInForce(controller: string, at: string = this.now()): Promise<PolicyVersionView | undefined> {
    return policyInForce(this.db, controller, at);
  }
  policyHistory(controller: string): Promise<PolicyVersionView[]> {
    return policyHistory(this.db, controller);
  }
  listControllers(): Promise<string[]> {
    return listControllers(this.db);
  }

  listErasures(filter: ErasureFilter = {}, page: PageRequest = {}): Promise<Page<ErasureView>> {
    return listErasures(this.db, filter, this.now(), page);
  }
  countErasures(filter: ErasureFilter = {}): Promise<number> {
    return countErasures(this.db, filter, this.now());
  }

  listProvisionRecords(filter: ProvisionRecordFilter = {}, page: PageRequest = {}): Promise<Page<ProvisionRecordView>> {
    return listProvisionRecords(this.db, filter, page);
  }
  countProvisionRecords(filter: ProvisionRecordFilter = {}): Promise<number> {
    return countProvisionRecords(this.db, filter);
  }

  breachState(breachId: string): Promise<BreachState | undefined> {
    return breachState(this.db, breachId);
  }
  listBreaches(page: PageRequest = {}): Promise<Page<BreachSummary>> {
    return listBreaches(this.db, page);
  }

  /** The projection's current state of one (controller, subject), as the write side may want to decide. */
  async subjectState(controller: string, subjectRef: string): Promise<SubjectState | undefined> {
    const row = await this.db
      .selectFrom('subject_state')
      .select('state')
      .where('controller', '=', controller)
      .where('subject_ref', '=', subjectRef)
      .executeTakeFirst();
    return row ? decodeSnapshot(row.state).state : undefined;
  }

  overviewStats(): Promise<OverviewStats> {
    return overviewStats(this.db, this.now());
  }
}
