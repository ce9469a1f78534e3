import { z } from 'zod';
import { ART34_EXEMPTIONS, BREACH_CAUSES, BREACH_PROTECTIONS, GDPR_RISK_LEVELS } from '../breach/breach-vocabulary';
import { BREACH_REPORT_KINDS } from '../events/event-schemas';
import { matching, oneOf, textField } from './fields';

/**
 * The bodies of the breach commands (POST /v1/breaches, …/reports, …/notifications), as /docs shows
 * them and the API validates them. Their instants may omit the offset (read as the server's zone), as
 * they always could, unlike the event contract's.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_TIME_MESSAGE = 'must be a valid ISO 8601 date string';
const dateTime = () =>
  matching(DATE_TIME, DATE_TIME_MESSAGE)
    .refine((v) => !Number.isNaN(Date.parse(v)), DATE_TIME_MESSAGE)
    .meta({ description: 'An ISO 8601 date or date-time; give the offset (a bare local time is read in the server’s zone).' });
const listed = <const T extends readonly string[]>(values: T) =>
  oneOf(values as unknown as readonly [T[number], ...T[number][]], `must be one of: ${values.join(', ')}`);
const body = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, { error: 'must be an object' });

export const BREACH_CAUSE_MESSAGE = `must be one of: ${BREACH_CAUSES.join(', ')}`;

export const DeclareBreachSchema = body({
  breachId: matching(/^[A-Za-z0-9._-]{1,80}$/, 'must be 1 to 80 letters, digits, ".", "_" or "-"')
    .optional()
    .meta({ description: 'Chosen by the server when absent (UUID).' }),
  holder: textField(200, true).meta({ description: 'The party whose systems leaked: a controller or a recipient id.', example: 'starfield-technologies' }),
  items: z
    .array(z.string({ error: 'each value must be a string' }), { error: 'must be an array' })
    .min(1, 'should not be empty')
    .meta({ example: ['email', 'org-name'] }),
  window: z.strictObject({ from: dateTime(), to: dateTime() }, { error: 'must be an object {from, to}' }),
  discoveredAt: dateTime(),
  title: textField(200).optional().meta({ description: 'A short human title.' }),
  cause: oneOf(BREACH_CAUSES as unknown as readonly [string, ...string[]], BREACH_CAUSE_MESSAGE)
    .optional()
    .meta({ description: 'A code of the cause vocabulary; `unknown` while under investigation. Absent or `unknown` leaves an improper purpose undetermined.' }),
  description: textField(2000).optional().meta({ description: 'Free text about the cause; goes into the draft report only.' }),
  protection: listed(BREACH_PROTECTIONS)
    .optional()
    .meta({ description: 'highLevelEncryption: the data could not be read (key not leaked): APPI Rules Art. 7(i) / Art. 43(i), GDPR Art. 34(3)(a).' }),
  riskAssessment: body({
    level: listed(GDPR_RISK_LEVELS),
    assessedBy: textField(200, true).meta({ example: 'DPO', description: 'Who assessed: a role or name of the controller’s staff.' }),
    assessedAt: dateTime().optional(),
    subjectNotificationExemption: listed(ART34_EXEMPTIONS).optional().meta({ description: 'GDPR Art. 34(3)(a)–(c).' }),
  })
    .optional()
    .meta({ description: 'For GDPR controllers: the risk assessment and who made it.' }),
  controller: z.string({ error: 'must be a string' }).optional().meta({ description: "Restricts the breach to one controller's data." }),
}).meta({ id: 'DeclareBreach' });

export const FileBreachReportSchema = body({
  report: listed(BREACH_REPORT_KINDS),
  authority: textField(200).optional().meta({ example: 'PPC' }),
  controller: textField(200)
    .optional()
    .meta({ description: 'The controller whose report this is; absent closes that kind of clock for every controller of the breach.' }),
  occurredAt: dateTime().optional().meta({ description: 'When it was filed; defaults to now.' }),
}).meta({ id: 'FileBreachReport' });

export const RecordSubjectsNotifiedSchema = body({
  count: z.int({ error: 'must be an integer number' }).min(0, 'must not be less than 0').meta({ example: 1200 }),
  occurredAt: dateTime().optional().meta({ description: 'When they were notified; defaults to now.' }),
}).meta({ id: 'RecordSubjectsNotified' });

export type DeclareBreachBody = z.infer<typeof DeclareBreachSchema>;
export type FileBreachReportBody = z.infer<typeof FileBreachReportSchema>;
export type RecordSubjectsNotifiedBody = z.infer<typeof RecordSubjectsNotifiedSchema>;
