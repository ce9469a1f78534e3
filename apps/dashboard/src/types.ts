/**
 * The API's answer shapes the page reads. Domain types (policies, clocks, violation codes) come from
 * libs/domain itself — pure TypeScript, type-only except the code list; the read-model views below
 * mirror the projection queries' rows (only the fields used).
 */
import type { DeadlineClock } from '../../../libs/domain/src/breach/deadline-clocks';
import type { PolicyDocument } from '../../../libs/domain/src/policy/policy';
import type { AnnotatedLine, CountryTransfers } from '../../../libs/domain/src/records/record-drift';

export type { DeadlineClock } from '../../../libs/domain/src/breach/deadline-clocks';
export type { PolicyDocument, PolicyItem, PolicyRecipient } from '../../../libs/domain/src/policy/policy';
export { VIOLATION_CODES } from '../../../libs/domain/src/flows/violations';
export type { AnnotatedLine, CountryTransfers, LineStatus } from '../../../libs/domain/src/records/record-drift';

/** GET /v1/controllers/{id}/record-of-processing (libs/projections/src/records/record-of-processing.ts). */
export interface RecordOfProcessingView {
  controller: string;
  regime: PolicyDocument['regime'];
  title: string;
  statutory: boolean;
  policyVersion: string;
  policyEffectiveFrom: string;
  period: { from: string; to: string };
  flows: number;
  flowsWithoutPolicy: number;
  lines: AnnotatedLine[];
  transfers: CountryTransfers[];
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OverviewStats {
  projectedPosition: number;
  eventsByType: Record<string, number>;
  flowsByDay: { day: string; allowed: number; violation: number }[];
  violationsByCode: { code: string; controller: string; count: number }[];
  erasures: { open: number; overdue: number; done: number };
  breaches: number;
}

export interface BreachSummary {
  breachId: string;
  eventId: string;
  holder: string;
  controller: string | null;
  items: string[];
  window: { from: string; to: string };
  discoveredAt: string;
  cause: string | null;
  title?: string;
  regimes: string[];
  affectedSubjects: number;
  /** Never read as a truthy check: "undetermined" is not reportable, nor is it "not reportable". */
  reportable: boolean | 'undetermined';
  triggers: string[];
  openClocks: number;
  overdueClocks: number;
  clocks: DeadlineClock[];
}

export interface ViolationView {
  eventId: string;
  position: number;
  code: string;
  holder: string;
  controller: string;
  subjectRef: string;
  occurredAt: string;
  message: string;
  items: string[];
}

export interface FlowView {
  eventId: string;
  position: number;
  type: string;
  occurredAt: string;
  controller: string;
  subjectRef: string;
  holder: string | null;
  recipient: string | null;
  items: string[];
  purposes: string[];
  basis: string | null;
  policyVersion: string | null;
  verdict: 'allowed' | 'violation' | null;
  codes: string[];
}

export interface PolicyVersionView {
  controller: string;
  version: string;
  effectiveFrom: string;
  publishedAt: string;
  eventId: string;
  position: number;
  document: PolicyDocument;
}

