import type { z } from 'zod';
import type * as S from './event-schemas';

/** The event types, inferred from their schemas (event-schemas.ts): the schemas are the contract. */
export type Iso8601 = string;

export { SOURCE_KINDS, BREACH_REPORT_KINDS } from './event-schemas';
export type SourceKind = (typeof S.SOURCE_KINDS)[number];
export type BreachReportKind = (typeof S.BREACH_REPORT_KINDS)[number];

export { PROVISION_BASES, type ProvisionBasis } from '../policy/provision-basis';

export type PolicyPublished = z.infer<typeof S.PolicyPublishedSchema>;
export type DataAcquired = z.infer<typeof S.DataAcquiredSchema>;
export type DataUsed = z.infer<typeof S.DataUsedSchema>;
export type DataProvided = z.infer<typeof S.DataProvidedSchema>;
export type DataErased = z.infer<typeof S.DataErasedSchema>;
export type ConsentGiven = z.infer<typeof S.ConsentGivenSchema>;
export type ConsentWithdrawn = z.infer<typeof S.ConsentWithdrawnSchema>;
export type BreachDeclared = z.infer<typeof S.BreachDeclaredSchema>;
export type BreachRiskAssessment = z.infer<typeof S.BreachRiskAssessmentSchema>;
export type BreachReported = z.infer<typeof S.BreachReportedSchema>;
export type SubjectsNotified = z.infer<typeof S.SubjectsNotifiedSchema>;
export type AccessRecorded = z.infer<typeof S.AccessRecordedSchema>;

export type SubjectEvent = DataAcquired | DataUsed | DataProvided | DataErased | ConsentGiven | ConsentWithdrawn;
export type BreachEvent = BreachDeclared | BreachReported | SubjectsNotified;
export type AshiatoEvent = PolicyPublished | SubjectEvent | BreachEvent | AccessRecorded;
export type EventType = AshiatoEvent['type'];

/** Compile-time check that AshiatoEventSchema (what /docs shows) lists exactly the types of AshiatoEvent. */
type SchemaEvent = z.infer<typeof S.AshiatoEventSchema>;
const SCHEMA_LISTS_EVERY_EVENT: [SchemaEvent] extends [AshiatoEvent] ? ([AshiatoEvent] extends [SchemaEvent] ? true : never) : never = true;
void SCHEMA_LISTS_EVERY_EVENT;

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
const SUBJECT_KINDS_MATCH: [SubjectEventTypeFromKinds] extends [SubjectEvent['type']]
  ? [SubjectEvent['type']] extends [SubjectEventTypeFromKinds]
    ? true
    : never
  : never = true;
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
