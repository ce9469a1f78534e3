import { z } from 'zod';
import { ART34_EXEMPTIONS, BREACH_CAUSES, BREACH_PROTECTIONS, GDPR_RISK_LEVELS } from '../breach/breach-vocabulary';
import { idField, idList, instantField, matching, oneOf, POLICY_ID_MESSAGE, textField, uuidField } from '../contract/fields';
import { PolicyDocumentSchema } from '../policy/policy';
import { PROVISION_BASES } from '../policy/provision-basis';
import { SUBJECT_REF_PATTERN } from '../subjects/subject-ref';

/**
 * The public event contract (DESIGN.md "Public contract"), one schema per event type. Every fact
 * Ashiato knows is one of these; the types in events.ts are inferred from them, the API validates
 * what clients send with them and its OpenAPI document shows them. `subjectRef` is always a
 * pseudonymous key (a keyed HMAC when derived from an identifier); raw identifiers never reach an event.
 */
export const SOURCE_KINDS = ['subject', 'thirdParty', 'public', 'generated'] as const;
export const BREACH_REPORT_KINDS = ['appi-preliminary', 'appi-final', 'gdpr-authority'] as const;

const SUBJECT_REF_MESSAGE =
  'must be a subject ref (hmac: and 64 hex digits, as this API returns); send a raw identifier as subject.email / subject.phone / subject.externalId';
const holder = (description = 'Who holds or acts; defaults to the controller.') =>
  idField().optional().meta({ description, example: 'starfield-technologies' });
const object = <T extends z.core.$ZodLooseShape>(shape: T, message: string) => z.strictObject(shape, { error: message });

const base = {
  eventId: uuidField().meta({ description: 'Idempotency key: an event with a stored eventId is skipped as a duplicate.' }),
  occurredAt: instantField(),
};
const subjectBase = {
  ...base,
  controller: idField(POLICY_ID_MESSAGE).meta({ description: 'Policy id of the controller responsible for this personal data.', example: 'jcert' }),
  subjectRef: matching(SUBJECT_REF_PATTERN, SUBJECT_REF_MESSAGE).meta({ description: 'The pseudonymous subject ref (`hmac:` + 64 hex digits).' }),
};

export const PolicyPublishedSchema = z.strictObject({
  ...base,
  type: z.literal('PolicyPublished'),
  controller: idField(POLICY_ID_MESSAGE).meta({ example: 'jcert' }),
  policy: PolicyDocumentSchema,
});

export const DataAcquiredSchema = z.strictObject({
  ...subjectBase,
  type: z.literal('DataAcquired'),
  items: idList().meta({ example: ['email', 'name'] }),
  source: object({ kind: oneOf(SOURCE_KINDS), name: textField(200).optional() }, 'must be an object {kind, name?}'),
  purposes: idList({ allowEmpty: true }).optional(),
  holder: holder('Who now holds the items; defaults to the controller.'),
});

export const DataUsedSchema = z.strictObject({
  ...subjectBase,
  type: z.literal('DataUsed'),
  items: idList(),
  purposes: idList(),
  exception: textField(100).optional().meta({ description: 'Statutory exception code that makes an otherwise undeclared use lawful.', example: 'APPI-18-3-i' }),
  holder: holder('Who used the items; defaults to the controller.'),
});

export const DataProvidedSchema = z.strictObject({
  ...subjectBase,
  type: z.literal('DataProvided'),
  items: idList(),
  recipient: textField(200, true).meta({
    description: 'A recipient id of the policy, or the name of a party the policy does not declare.',
    example: 'starfield-technologies',
  }),
  purposes: idList(),
  basis: oneOf(PROVISION_BASES).optional(),
  consentRef: textField(200).optional(),
  holder: holder('The party handing the items over; defaults to the controller (set it for onward provision).'),
});

export const DataErasedSchema = z.strictObject({
  ...subjectBase,
  type: z.literal('DataErased'),
  items: idList(),
  holder: holder('Defaults to the controller; a recipient confirming its own erasure names itself.'),
  reason: textField(200, true).meta({ example: 'subjectRequest' }),
});

const consent = {
  ...subjectBase,
  purposes: idList({ allowEmpty: true }).optional(),
  recipients: idList({ allowEmpty: true }).optional(),
  items: idList({ allowEmpty: true }).optional(),
};
export const ConsentGivenSchema = z.strictObject({ ...consent, type: z.literal('ConsentGiven') });
export const ConsentWithdrawnSchema = z.strictObject({ ...consent, type: z.literal('ConsentWithdrawn') });

const oneOfListed = <const T extends readonly string[]>(values: T) =>
  oneOf(values as unknown as readonly [T[number], ...T[number][]], `must be one of: ${values.join(', ')}`);

/** GDPR Arts. 33(1), 34: the controller's risk assessment and who made it. */
export const BreachRiskAssessmentSchema = object(
  {
    level: oneOfListed(GDPR_RISK_LEVELS),
    assessedBy: textField(200, true).meta({ description: 'Who assessed (a role or name of the controller staff).', example: 'DPO' }),
    assessedAt: instantField().optional(),
    subjectNotificationExemption: oneOfListed(ART34_EXEMPTIONS)
      .optional()
      .meta({ description: 'GDPR Art. 34(3): why the persons need not be told individually although the risk is high.' }),
  },
  'must be an object',
);

export const BreachDeclaredSchema = z.strictObject({
  ...base,
  type: z.literal('BreachDeclared'),
  breachId: idField().meta({ example: 'br-2026-001' }),
  holder: textField(200, true).meta({
    description: 'The party whose systems leaked: the controller itself or one of its recipients.',
    example: 'starfield-technologies',
  }),
  items: idList(),
  window: object({ from: instantField(), to: instantField() }, 'must be an object {from, to}'),
  discoveredAt: instantField(),
  title: textField(200).optional().meta({ description: 'A short human title.' }),
  /** Events stored before the cause vocabulary may hold free text, read as undetermined; new ones hold a code (BreachDeclaredInput). */
  cause: z.string().optional(),
  description: textField(2000).optional().meta({ description: 'Free text about the cause and what happened; goes into the draft report only.' }),
  protection: oneOfListed(BREACH_PROTECTIONS)
    .optional()
    .meta({ description: 'Whether the data was protected so that it cannot be read; absent reads as none.' }),
  riskAssessment: BreachRiskAssessmentSchema.optional(),
  controller: idField('must be a policy id')
    .optional()
    .meta({ description: "Restricts the breach to one controller's data; absent means every controller's data at that holder." }),
});

/** A declaration as a client sends it: the cause is a code of the vocabulary. */
export const BreachDeclaredInputSchema = BreachDeclaredSchema.extend({
  cause: oneOfListed(BREACH_CAUSES).optional().meta({ description: 'A code of the cause vocabulary; `unknown` while under investigation.' }),
});

export const BreachReportedSchema = z.strictObject({
  ...base,
  type: z.literal('BreachReported'),
  breachId: idField(),
  report: oneOf(BREACH_REPORT_KINDS),
  authority: textField(200).optional(),
  controller: idField('must be a policy id').optional().meta({ description: 'The controller whose report this is; absent: every controller of the breach.' }),
});

export const SubjectsNotifiedSchema = z.strictObject({
  ...base,
  type: z.literal('SubjectsNotified'),
  breachId: idField(),
  count: z.int({ error: 'must be an integer number' }).min(0, 'must not be less than 0').optional(),
});

/** A read of personal data (lineage, report, breach list), recorded for accountability; written by the server only. */
export const AccessRecordedSchema = z.strictObject({
  ...base,
  type: z.literal('AccessRecorded'),
  actor: z.string(),
  action: z.string(),
  target: z.string().meta({ description: 'A subject ref, a breach id, the route of a list read (`/v1/flows`) or `*`; never a raw identifier.' }),
  count: z.int().min(0).optional().meta({ description: 'For a read returning many records (a list, a CSV): how many it returned.' }),
});

export const AshiatoEventSchema = z
  .discriminatedUnion('type', [
    PolicyPublishedSchema,
    DataAcquiredSchema,
    DataUsedSchema,
    DataProvidedSchema,
    DataErasedSchema,
    ConsentGivenSchema,
    ConsentWithdrawnSchema,
    BreachDeclaredSchema,
    BreachReportedSchema,
    SubjectsNotifiedSchema,
    AccessRecordedSchema,
  ])
  .meta({ id: 'AshiatoEvent' });
