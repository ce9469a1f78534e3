import type { PolicyDocument } from '../policy/policy';

/**
 * The public event contract (DESIGN.md "Public contract"). Every fact Ashiato knows is one of these.
 * `subjectRef` is always a pseudonymous key (a keyed HMAC when derived from an identifier); raw
 * identifiers never reach an event.
 */
export type Iso8601 = string;

export const SOURCE_KINDS = ['subject', 'thirdParty', 'public', 'generated'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const PROVISION_BASES = ['consent', 'entrustment', 'jointUse', 'optOut', 'statutory'] as const;
export type ProvisionBasis = (typeof PROVISION_BASES)[number];

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
  cause?: string;
  /** Restricts the breach to one controller's data; absent means every controller's data at that holder. */
  controller?: string;
}

export interface BreachReported extends EventBase {
  type: 'BreachReported';
  breachId: string;
  report: BreachReportKind;
  authority?: string;
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
  target: string;
}

export type SubjectEvent = DataAcquired | DataUsed | DataProvided | DataErased | ConsentGiven | ConsentWithdrawn;
export type BreachEvent = BreachDeclared | BreachReported | SubjectsNotified;
export type AshiatoEvent = PolicyPublished | SubjectEvent | BreachEvent | AccessRecorded;
export type EventType = AshiatoEvent['type'];

export const SUBJECT_EVENT_TYPES = [
  'DataAcquired',
  'DataUsed',
  'DataProvided',
  'DataErased',
  'ConsentGiven',
  'ConsentWithdrawn',
] as const satisfies readonly SubjectEvent['type'][];

export const EVENT_TYPES = [
  'PolicyPublished',
  ...SUBJECT_EVENT_TYPES,
  'BreachDeclared',
  'BreachReported',
  'SubjectsNotified',
  'AccessRecorded',
] as const satisfies readonly EventType[];

export function isSubjectEvent(e: AshiatoEvent): e is SubjectEvent {
  return (SUBJECT_EVENT_TYPES as readonly string[]).includes(e.type);
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
