import type { ClassConstructor } from 'class-transformer';
import { DataAcquiredDto, DataErasedDto, DataProvidedDto, DataUsedDto, ConsentGivenDto, ConsentWithdrawnDto } from './subject-events.dto';
import { BreachDeclaredDto, BreachReportedDto, PolicyPublishedDto, SubjectsNotifiedEventDto } from './other-events.dto';

export * from './event-base.dto';
export * from './subject-events.dto';
export * from './other-events.dto';

/**
 * The DTO of each event type clients may send. `AccessRecorded` is absent on purpose: the audit
 * trail is written by the server only, a client cannot forge an entry.
 */
export const INGESTIBLE_EVENT_DTOS = {
  PolicyPublished: PolicyPublishedDto,
  DataAcquired: DataAcquiredDto,
  DataUsed: DataUsedDto,
  DataProvided: DataProvidedDto,
  DataErased: DataErasedDto,
  ConsentGiven: ConsentGivenDto,
  ConsentWithdrawn: ConsentWithdrawnDto,
  BreachDeclared: BreachDeclaredDto,
  BreachReported: BreachReportedDto,
  SubjectsNotified: SubjectsNotifiedEventDto,
} satisfies Record<string, ClassConstructor<object>>;

export type IngestibleEventType = keyof typeof INGESTIBLE_EVENT_DTOS;
export const INGESTIBLE_EVENT_TYPES = Object.keys(INGESTIBLE_EVENT_DTOS) as IngestibleEventType[];
