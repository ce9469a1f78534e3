import type { Art34Exemption, BreachProtection, GdprRiskLevel } from '../breach/breach-vocabulary';
import type { PolicyDocument } from '../policy/policy';

/**
 * The public event contract (DESIGN.md "Public contract"). Every fact Ashiato knows is one of these.
 * `subjectRef` is always a pseudonymous key (a keyed HMAC when derived from an identifier); raw
 * identifiers never reach an event.
 */
export type Iso8601 = string;

export const SOURCE_KINDS = ['subject', 'thirdParty', 'public', 'generated'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export { PROVISION_BASES, type ProvisionBasis } from '../policy/provision-basis';
import type { ProvisionBasis } from '../policy/provision-basis';

export const BREACH_REPORT_KINDS = ['appi-preliminary', 'appi-final', 'gdpr-authority'] as const;
export type BreachReportKind = (typeof BREACH_REPORT_KINDS)[number];

interface EventBase {
  /** UUID; the idempotency key of ingestion. */
  eventId: string;
  occurredAt: Iso8601;
}

interface SubjectEventBase extends EventBase {
  /** Policy id of the controller responsible for this personal data. */
  controller: string;
  subjectRef: string;
}

export interface PolicyPublished extends EventBase {
  type: 'PolicyPublished';
  controller: string;
  policy: PolicyDocument;
}

export interface DataAcquired extends SubjectEventBase {
  type: 'DataAcquired';
  items: string[];
  source: { kind: SourceKind; name?: string };
  purposes?: string[];
  /** Who now holds the items; defaults to the controller. */
  holder?: string;
}

export interface DataUsed extends SubjectEventBase {
  type: 'DataUsed';
  items: string[];
  purposes: string[];
  /** Statutory exception code, e.g. `APPI-18-3-i`, that makes an otherwise undeclared use lawful. */
  exception?: string;
  /** Who used the items; defaults to the controller. */
  holder?: string;
}

export interface DataProvided extends SubjectEventBase {
  type: 'DataProvided';
  items: string[];
  /** A recipient id of the policy, or the name of a party the policy does not declare. */
  recipient: string;
  purposes: string[];
  basis?: ProvisionBasis;
  consentRef?: string;
  /** The party handing the items over; defaults to the controller (set it for onward provision). */
  holder?: string;
}

export interface DataErased extends SubjectEventBase {
  type: 'DataErased';
  items: string[];
  /** Defaults to the controller; a recipient confirming its own erasure names itself. */
  holder?: string;
  reason: string;
}

export interface ConsentGiven extends SubjectEventBase {
  type: 'ConsentGiven';
  purposes?: string[];
  recipients?: string[];
  items?: string[];
}

export interface ConsentWithdrawn extends SubjectEventBase {
  type: 'ConsentWithdrawn';
  purposes?: string[];
  recipients?: string[];
  items?: string[];
}

export interface BreachDeclared extends EventBase {
  type: 'BreachDeclared';
  breachId: string;
  /** The party whose systems leaked: the controller itself or one of its recipients. */
  holder: string;
  items: string[];
  window: { from: Iso8601; to: Iso8601 };
  discoveredAt: Iso8601;
  /** A short human title ("Starfield customer portal intrusion"). */
  title?: string;
  /** A code of the cause vocabulary (breach/breach-vocabulary.ts). Events stored before it may hold free text, read as undetermined. */
  cause?: string;
  /** Free text about the cause and what happened; goes into the draft report only. */
  description?: string;
  /** Whether the data was protected so that it cannot be read (APPI Rules Art. 7(i); GDPR Art. 34(3)(a)); absent reads as `none`. */
  protection?: BreachProtection;
  /** The controller's GDPR risk assessment (Arts. 33(1), 34) and who made it. */
  riskAssessment?: BreachRiskAssessment;
  /** Restricts the breach to one controller's data; absent means every controller's data at that holder. */
  controller?: string;
}

export interface BreachRiskAssessment {
  level: GdprRiskLevel;
  /** Who assessed (a role or name of the controller's staff, e.g. "DPO"). */
  assessedBy: string;
  assessedAt?: Iso8601;
  /** GDPR Art. 34(3): why the persons need not be told individually although the risk is high. */
  subjectNotificationExemption?: Art34Exemption;
}

export interface BreachReported extends EventBase {
  type: 'BreachReported';
  breachId: string;
  report: BreachReportKind;
  authority?: string;
  /** The controller whose report this is; absent: it closes that kind of clock for every controller of the breach. */
  controller?: string;
}

export interface SubjectsNotified extends EventBase {
  type: 'SubjectsNotified';
  breachId: string;
  count?: number;
}

/** A read of personal data (lineage, report, breach list), recorded for accountability. */
export interface AccessRecorded extends EventBase {
  type: 'AccessRecorded';
  actor: string;
  action: string;
  /** A subject ref, a breach id, the route of a list read (`/v1/flows`) or `*`; never a raw identifier. */
  target: string;
  /** For a read returning many records (a list, a CSV): how many it returned. */
  count?: number;
}

export type SubjectEvent = DataAcquired | DataUsed | DataProvided | DataErased | ConsentGiven | ConsentWithdrawn;
export type BreachEvent = BreachDeclared | BreachReported | SubjectsNotified;
export type AshiatoEvent = PolicyPublished | SubjectEvent | BreachEvent | AccessRecorded;
export type EventType = AshiatoEvent['type'];

/**
 * The stream kind of every event type. A record over `EventType`: adding an event type without saying
 * where it belongs does not compile, and the lists below follow from it.
 */
const EVENT_STREAM_KIND = {
  PolicyPublished: 'policy',
  DataAcquired: 'subject',
  DataUsed: 'subject',
  DataProvided: 'subject',
  DataErased: 'subject',
  ConsentGiven: 'subject',
  ConsentWithdrawn: 'subject',
  BreachDeclared: 'breach',
  BreachReported: 'breach',
  SubjectsNotified: 'breach',
  AccessRecorded: 'audit',
} as const satisfies Record<EventType, 'policy' | 'subject' | 'breach' | 'audit'>;

type SubjectEventTypeFromKinds = { [K in EventType]: (typeof EVENT_STREAM_KIND)[K] extends 'subject' ? K : never }[EventType];
/** Compile-time check that the `subject` kinds are exactly the SubjectEvent types. */
const SUBJECT_KINDS_MATCH: [SubjectEventTypeFromKinds] extends [SubjectEvent['type']] ? ([SubjectEvent['type']] extends [SubjectEventTypeFromKinds] ? true : never) : never = true;
void SUBJECT_KINDS_MATCH;

export const EVENT_TYPES = Object.keys(EVENT_STREAM_KIND) as EventType[];
export const SUBJECT_EVENT_TYPES = EVENT_TYPES.filter((t) => EVENT_STREAM_KIND[t] === 'subject') as SubjectEvent['type'][];

export function isSubjectEvent(e: AshiatoEvent): e is SubjectEvent {
  return EVENT_STREAM_KIND[e.type] === 'subject';
}

/** The stream an event belongs to (DESIGN.md: subject-, policy-, breach- streams). */
export function streamOf(e: AshiatoEvent): string {
  switch (e.type) {
    case 'PolicyPublished':
      return `policy-${e.controller}`;
    case 'DataAcquired':
    case 'DataUsed':
    case 'DataProvided':
    case 'DataErased':
    case 'ConsentGiven':
    case 'ConsentWithdrawn':
      return `subject-${e.subjectRef}`;
    case 'BreachDeclared':
    case 'BreachReported':
    case 'SubjectsNotified':
      return `breach-${e.breachId}`;
    case 'AccessRecorded':
      return 'audit';
    default:
      return assertNever(e);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
