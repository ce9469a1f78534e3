import { z } from 'zod';
import { textField } from '../contract/fields';
import {
  BreachDeclaredInputSchema,
  BreachReportedSchema,
  ConsentGivenSchema,
  ConsentWithdrawnSchema,
  DataAcquiredSchema,
  DataErasedSchema,
  DataProvidedSchema,
  DataUsedSchema,
  PolicyPublishedSchema,
  SubjectsNotifiedSchema,
} from './event-schemas';

/**
 * What a client may send to be stored: the event schemas, except that a subject event may name its
 * person by a raw identifier (`subject`), which the API replaces by a keyed HMAC `subjectRef` before
 * anything is stored, logged or echoed. Exactly one of `subjectRef` and `subject` is given.
 */
export const SubjectIdentifierSchema = z
  .strictObject(
    {
      email: z
        .string({ error: 'must be an e-mail address' })
        // Surrounding blanks are normalised away by the hasher, so they must not fail validation either.
        .trim()
        .max(320, 'must be shorter than or equal to 320 characters')
        .regex(z.regexes.email, 'must be an e-mail address')
        .optional()
        .meta({ description: 'Trimmed and lower-cased before hashing.', example: 'hanako@example.jp' }),
      phone: z
        .string({ error: 'must be a string' })
        .regex(/^[+\d\s().-]{5,40}$/, 'must be a phone number (digits, spaces, + ( ) . -)')
        .optional()
        .meta({ description: 'Only the digits count.', example: '+81 90-1234-5678' }),
      externalId: textField(200, true).optional().meta({ description: 'Any other stable identifier of the person, e.g. a customer number.' }),
    },
    { error: 'must hold exactly one of email, phone, externalId, as text' },
  )
  .meta({
    id: 'SubjectIdentifier',
    description: 'A raw identifier of the data subject, replaced by a keyed HMAC before storage; never stored, logged or echoed.',
  });

const bySubject = <
  T extends
    | typeof DataAcquiredSchema
    | typeof DataUsedSchema
    | typeof DataProvidedSchema
    | typeof DataErasedSchema
    | typeof ConsentGivenSchema
    | typeof ConsentWithdrawnSchema,
>(
  schema: T,
) =>
  schema.extend({
    subjectRef: schema.shape.subjectRef.optional().meta({ description: 'The subject ref this API produced for the person. Give this or `subject`.' }),
    subject: SubjectIdentifierSchema.optional().meta({ description: 'Raw identifier, replaced by a keyed HMAC before storage. Give this or `subjectRef`.' }),
  });

/**
 * The schema of each event type clients may send. `AccessRecorded` is absent on purpose: the audit
 * trail is written by the server only, a client cannot forge an entry.
 */
export const INGESTIBLE_EVENT_SCHEMAS = {
  PolicyPublished: PolicyPublishedSchema.meta({ id: 'PolicyPublished' }),
  DataAcquired: bySubject(DataAcquiredSchema).meta({ id: 'DataAcquired' }),
  DataUsed: bySubject(DataUsedSchema).meta({ id: 'DataUsed' }),
  DataProvided: bySubject(DataProvidedSchema).meta({ id: 'DataProvided' }),
  DataErased: bySubject(DataErasedSchema).meta({ id: 'DataErased' }),
  ConsentGiven: bySubject(ConsentGivenSchema).meta({ id: 'ConsentGiven' }),
  ConsentWithdrawn: bySubject(ConsentWithdrawnSchema).meta({ id: 'ConsentWithdrawn' }),
  BreachDeclared: BreachDeclaredInputSchema.meta({ id: 'BreachDeclared' }),
  BreachReported: BreachReportedSchema.meta({ id: 'BreachReported' }),
  SubjectsNotified: SubjectsNotifiedSchema.meta({ id: 'SubjectsNotified' }),
};

export type IngestibleEventType = keyof typeof INGESTIBLE_EVENT_SCHEMAS;
export const INGESTIBLE_EVENT_TYPES = Object.keys(INGESTIBLE_EVENT_SCHEMAS) as IngestibleEventType[];
export const IngestEventSchema = z
  .discriminatedUnion(
    'type',
    Object.values(INGESTIBLE_EVENT_SCHEMAS) as [
      (typeof INGESTIBLE_EVENT_SCHEMAS)[IngestibleEventType],
      ...(typeof INGESTIBLE_EVENT_SCHEMAS)[IngestibleEventType][],
    ],
  )
  .meta({ id: 'IngestEvent' });
export type IngestEvent = z.input<typeof IngestEventSchema>;
