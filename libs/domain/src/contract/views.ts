import { z } from 'zod';
import { BREACH_REPORT_KINDS } from '../events/event-schemas';
import { VIOLATION_CODES } from '../flows/violations';
import { PolicyDocumentSchema, REGIMES } from '../policy/policy';

/**
 * The answers of the read routes, as the OpenAPI document shows them and the dashboard's types are
 * generated from them. The API's controllers return these types, so a read model that changes a field
 * no longer compiles until its schema (and with it the dashboard) follows.
 */
const instant = () => z.string().meta({ format: 'date-time' });
const FLOW_TYPES = ['DataAcquired', 'DataUsed', 'DataProvided', 'DataErased', 'ConsentGiven', 'ConsentWithdrawn'] as const;
export const ViolationCodeSchema = z.enum(VIOLATION_CODES).meta({ id: 'ViolationCode' });

/** A page of a list read; `nextCursor` is null on the last page. */
const pageOf = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const FlowViewSchema = z
  .object({
    eventId: z.string(),
    position: z.int(),
    type: z.enum(FLOW_TYPES),
    occurredAt: instant(),
    controller: z.string(),
    subjectRef: z.string(),
    holder: z.string().nullable(),
    recipient: z.string().nullable(),
    items: z.array(z.string()),
    purposes: z.array(z.string()),
    basis: z.string().nullable(),
    policyVersion: z.string().nullable(),
    verdict: z
      .enum(['allowed', 'violation'])
      .nullable()
      .meta({ description: 'Against the policy in force when the flow happened; null for events that are not judged.' }),
    codes: z.array(ViolationCodeSchema),
  })
  .meta({ id: 'FlowView' });
export const FlowPageSchema = pageOf(FlowViewSchema, 'FlowPage');

export const ViolationViewSchema = z
  .object({
    eventId: z.string(),
    position: z.int(),
    code: ViolationCodeSchema,
    holder: z.string().meta({ description: 'The party at fault: the acting holder of the flow, or the recipient that did not erase.' }),
    controller: z.string(),
    subjectRef: z.string(),
    occurredAt: instant(),
    message: z.string(),
    items: z.array(z.string()),
  })
  .meta({ id: 'ViolationView' });
export const ViolationPageSchema = pageOf(ViolationViewSchema, 'ViolationPage');

export const HoldingViewSchema = z
  .object({
    subjectRef: z.string(),
    controller: z.string(),
    holder: z.string(),
    item: z.string(),
    from: instant(),
    to: instant().nullable().meta({ description: 'When the holding ended (erasure); null while still held.' }),
    eventId: z.string().meta({ description: 'The acquisition or provision that started the holding.' }),
    endedEventId: z.string().nullable(),
    source: z.object({ kind: z.string(), name: z.string().optional(), from: z.string().optional() }),
  })
  .meta({ id: 'HoldingView' });
export const HoldingPageSchema = pageOf(HoldingViewSchema, 'HoldingPage');

export const ErasureViewSchema = z
  .object({
    obligationId: z.string(),
    eventId: z.string().meta({ description: "The controller's DataErased that created the obligation." }),
    controller: z.string(),
    subjectRef: z.string(),
    holder: z.string().meta({ description: 'The recipient that must erase.' }),
    items: z.array(z.string()),
    erasedAt: instant(),
    dueAt: instant(),
    status: z.enum(['open', 'overdue', 'done']),
    closedAt: instant().nullable(),
    closedEventId: z.string().nullable().meta({ description: "The recipient's own DataErased that closed it." }),
    overdueAt: instant().nullable().meta({ description: 'When ERASURE_NOT_PROPAGATED was recorded for it (event time), if it was.' }),
  })
  .meta({ id: 'ErasureView' });
export const ErasurePageSchema = pageOf(ErasureViewSchema, 'ErasurePage').extend({ total: z.int() }).meta({ id: 'ErasurePage' });

export const OverviewStatsSchema = z
  .object({
    projectedPosition: z.int().meta({ description: 'Position of the last projected event.' }),
    eventsByType: z.record(z.string(), z.int()),
    flowsByDay: z.array(z.object({ day: z.string(), allowed: z.int(), violation: z.int() })).meta({ description: 'Judged flows per UTC day of occurrence.' }),
    violationsByCode: z.array(z.object({ code: z.string(), controller: z.string(), count: z.int() })),
    erasures: z
      .object({ open: z.int(), overdue: z.int(), done: z.int() })
      .meta({ description: '`open` counts every obligation not yet confirmed, overdue ones included.' }),
    breaches: z.int(),
  })
  .meta({ id: 'OverviewStats' });

export const PolicyVersionViewSchema = z
  .object({
    controller: z.string(),
    version: z.string(),
    effectiveFrom: z.string(),
    publishedAt: instant(),
    eventId: z.string(),
    position: z.int(),
    document: PolicyDocumentSchema,
  })
  .meta({ id: 'PolicyVersionView' });
export const PolicyVersionListSchema = z.object({ items: z.array(PolicyVersionViewSchema) }).meta({ id: 'PolicyVersionList' });

export const DeadlineClockSchema = z
  .object({
    kind: z.enum([...BREACH_REPORT_KINDS, 'subject-notification']),
    regime: z.enum(REGIMES),
    controller: z.string(),
    legalBasis: z.string(),
    timeZone: z.string().meta({ description: '`Asia/Tokyo` or `UTC`: the zone of every instant below.' }),
    startedAt: instant(),
    targetAt: instant().optional().meta({ description: 'The aim, earlier than the deadline (APPI preliminary: 3 days).' }),
    dueAt: instant().optional().meta({ description: 'The deadline; absent when the law sets no fixed period.' }),
    dueBasis: z.string().optional(),
    provisional: z.boolean().meta({ description: 'Runs although the duty is not established yet (reportability undetermined).' }),
    status: z.enum(['open', 'closed']),
    overdue: z.boolean(),
    closedLate: z.boolean(),
    closedAt: instant().optional(),
    closedByEventId: z.string().optional(),
  })
  .meta({ id: 'DeadlineClock' });

export const BreachSummarySchema = z
  .object({
    breachId: z.string(),
    eventId: z.string(),
    holder: z.string(),
    controller: z.string().nullable(),
    items: z.array(z.string()),
    window: z.object({ from: instant(), to: instant() }),
    discoveredAt: instant(),
    cause: z.string().nullable(),
    title: z.string().optional(),
    regimes: z.array(z.string()),
    affectedSubjects: z.int(),
    reportable: z
      .union([z.boolean(), z.literal('undetermined')])
      .meta({ description: 'Never read as a truthy check: "undetermined" is neither reportable nor not.' }),
    triggers: z.array(z.string()),
    openClocks: z.int(),
    overdueClocks: z.int(),
    clocks: z.array(DeadlineClockSchema),
  })
  .meta({ id: 'BreachSummary' });
export const BreachSummaryListSchema = z.object({ items: z.array(BreachSummarySchema) }).meta({ id: 'BreachSummaryList' });

export type FlowPage = z.infer<typeof FlowPageSchema>;
export type ViolationPage = z.infer<typeof ViolationPageSchema>;
export type HoldingPage = z.infer<typeof HoldingPageSchema>;
export type ErasurePage = z.infer<typeof ErasurePageSchema>;
export type OverviewStatsAnswer = z.infer<typeof OverviewStatsSchema>;
export type PolicyVersionAnswer = z.infer<typeof PolicyVersionViewSchema>;
export type PolicyVersionList = z.infer<typeof PolicyVersionListSchema>;
export type BreachSummaryList = z.infer<typeof BreachSummaryListSchema>;
