import { z } from 'zod';
import { ART34_EXEMPTIONS, BREACH_OPEN_FACTS, BREACH_PROTECTIONS, BREACH_TRIGGERS, GDPR_RISK_LEVELS } from '../breach/breach-vocabulary';
import { BREACH_REPORT_KINDS } from '../events/event-schemas';
import { REGIMES } from '../policy/policy';
import { DeadlineClockSchema } from './views';

/**
 * The answer of GET /v1/breaches/{id}, as /docs shows it and the dashboard reads it. Instants of the
 * declaration are as declared (a declaration may carry a date-time without offset), so they are not
 * documented as `date-time`.
 */
const reportable = () => z.union([z.boolean(), z.literal('undetermined')]);
const label = () => z.object({ ja: z.string(), en: z.string() });
const regime = () => z.enum(REGIMES);

export const ReportabilitySchema = z
  .object({
    reportable: reportable(),
    article: z.string().meta({ description: 'The article that sets the duty to report in this regime.' }),
    triggers: z.array(
      z.object({
        trigger: z.enum(BREACH_TRIGGERS),
        article: z.string(),
        reason: z.string(),
        items: z.array(z.string()).optional(),
        controller: z.string().optional(),
      }),
    ),
    exemptions: z.array(z.object({ article: z.string(), reason: z.string() })),
    undetermined: z.array(z.string()).meta({ description: 'Facts still unknown that could make the breach reportable, in words.' }),
    missing: z.array(z.enum(BREACH_OPEN_FACTS)),
    notifySubjects: z.object({ required: reportable(), article: z.string(), reason: z.string() }),
  })
  .meta({ id: 'Reportability' });

export const BreachReportDraftSchema = z
  .object({
    breachId: z.string(),
    controller: z.string(),
    regime: regime(),
    article: z.string(),
    authority: label(),
    title: label(),
    reportable: reportable(),
    fields: z.array(z.object({ key: z.string(), heading: label(), value: z.union([z.string(), z.number(), z.null()]), toBeFilled: z.boolean() })),
  })
  .meta({ id: 'BreachReportDraft' });

export const ControllerBreachAssessmentSchema = z
  .object({
    controller: z.string(),
    name: z.string().optional(),
    regime: regime().nullable().meta({ description: 'Null when no policy of the controller is known: its duties cannot be told.' }),
    persons: z.int(),
    timeZone: z.string(),
    reportability: ReportabilitySchema,
    clocks: z.array(DeadlineClockSchema),
    draft: z.union([BreachReportDraftSchema, z.null()]),
  })
  .meta({ id: 'ControllerBreachAssessment' });

const BreachDeclarationSchema = z.object({
  type: z.literal('BreachDeclared'),
  eventId: z.string(),
  occurredAt: z.string(),
  breachId: z.string(),
  holder: z.string(),
  items: z.array(z.string()),
  window: z.object({ from: z.string(), to: z.string() }),
  discoveredAt: z.string(),
  title: z.string().optional(),
  cause: z.string().optional(),
  description: z.string().optional(),
  protection: z.enum(BREACH_PROTECTIONS).optional(),
  riskAssessment: z
    .object({
      level: z.enum(GDPR_RISK_LEVELS),
      assessedBy: z.string(),
      assessedAt: z.string().optional(),
      subjectNotificationExemption: z.enum(ART34_EXEMPTIONS).optional(),
    })
    .optional(),
  controller: z.string().optional(),
});

const counted = { subjects: z.int() };
export const BreachAnswerSchema = z
  .object({
    breachId: z.string(),
    declared: BreachDeclarationSchema,
    holder: z.object({ id: z.string(), name: z.string().optional(), country: z.string().optional() }),
    regimes: z.array(regime()),
    assessments: z.array(ControllerBreachAssessmentSchema).meta({ description: "One per controller, each under that controller's regime." }),
    reportability: ReportabilitySchema.meta({
      description: 'The breach as a whole: reportable if any controller must report; undetermined if any cannot tell and none must.',
    }),
    clocks: z.array(DeadlineClockSchema),
    draftReport: z
      .union([BreachReportDraftSchema, z.null()])
      .meta({ description: 'The draft of the first controller that must (or may have to) report; null when no regime is known.' }),
    affected: z.object({
      ...counted,
      byItem: z.array(
        z.object({
          item: z.string(),
          label: z.string().optional(),
          category: z.string().optional(),
          sensitive: z.boolean().optional(),
          financialRisk: z.boolean().optional(),
          ...counted,
        }),
      ),
      byCategory: z.array(z.object({ category: z.string(), ...counted })),
      byController: z.array(z.object({ controller: z.string(), name: z.string().optional(), regime: z.string().optional(), ...counted })),
    }),
    subjects: z
      .object({
        items: z.array(z.object({ subjectRef: z.string(), controllers: z.array(z.string()), items: z.array(z.string()), eventIds: z.array(z.string()) })),
        nextCursor: z.string().nullable(),
        csv: z.string().meta({ description: 'Where every affected subject is listed as CSV.' }),
      })
      .meta({ description: 'The subjects to notify, one page (follow `nextCursor`).' }),
    otherParties: z.array(
      z.object({
        party: z.string(),
        via: z.string(),
        items: z.array(z.string()),
        subjects: z.int(),
        firstAt: z.string(),
        lastAt: z.string(),
        name: z.string().optional(),
        country: z.string().optional(),
      }),
    ),
    reports: z.array(
      z.object({
        type: z.literal('BreachReported'),
        eventId: z.string(),
        occurredAt: z.string(),
        breachId: z.string(),
        report: z.enum(BREACH_REPORT_KINDS),
        authority: z.string().optional(),
        controller: z.string().optional(),
      }),
    ),
    notifications: z.array(
      z.object({ type: z.literal('SubjectsNotified'), eventId: z.string(), occurredAt: z.string(), breachId: z.string(), count: z.int().optional() }),
    ),
  })
  .meta({ id: 'BreachAnswer' });

export type BreachAnswerView = z.infer<typeof BreachAnswerSchema>;
