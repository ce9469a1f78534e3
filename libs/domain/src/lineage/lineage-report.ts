import { z } from 'zod';
import { ViolationCodeSchema } from '../contract/views';
import { SOURCE_KINDS } from '../events/event-schemas';
import type { FlowJudgement } from '../flows/violations';
import { RECIPIENT_RELATIONS, REGIMES } from '../policy/policy';
import { PROVISION_BASES } from '../policy/provision-basis';

/**
 * The answer to "what do you hold about me": one subject's lineage as of an instant, grouped by
 * controller. Every fact names the eventIds that prove it. The schemas are the contract /docs shows
 * and the dashboard's types are generated from; the types below are inferred from them.
 */
const instant = () => z.string().meta({ format: 'date-time' });
const eventIds = () => z.array(z.string());
const verdict = () => z.enum(['allowed', 'violation']).optional();
const SourceSchema = z.object({ kind: z.enum(SOURCE_KINDS), name: z.string().optional() });

export const LineageViolationSchema = z
  .object({
    code: ViolationCodeSchema,
    message: z.string().meta({ description: 'Free of personal data: names items, purposes and recipients by id only.' }),
    items: z.array(z.string()).optional(),
  })
  .meta({ id: 'LineageViolation' });

export const PartyRefSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    country: z.string().optional(),
    relation: z.enum([...RECIPIENT_RELATIONS, 'controller']).optional(),
    address: z.string().optional(),
    declared: z.boolean().meta({ description: 'False for a party the policy does not declare.' }),
  })
  .meta({ id: 'PartyRef' });

/** controller = the controller itself; recipient = received from the controller; onward = received from a recipient. */
const HolderTierSchema = z.enum(['controller', 'recipient', 'onward']);

const HoldingFactSchema = z.object({
  item: z.string(),
  holder: PartyRefSchema,
  tier: HolderTierSchema,
  from: instant(),
  to: instant().optional().meta({ description: 'Set when the holder erased the item before asOf.' }),
  acquiredFrom: z.union([z.object({ kind: z.literal('source'), source: SourceSchema }), z.object({ kind: z.literal('provision'), provider: z.string() })]),
  eventIds: eventIds(),
});

const ItemLineageSchema = z.object({
  item: z.string(),
  label: z.string().optional(),
  category: z.string().optional(),
  sensitive: z.boolean().optional(),
  heldBy: z.array(z.string()).meta({ description: 'Holders still holding it at asOf.' }),
  holdings: z.array(HoldingFactSchema),
});

const judged = { verdict: verdict(), violations: z.array(LineageViolationSchema), eventIds: eventIds() };
const AcquisitionFactSchema = z.object({
  at: instant(),
  holder: z.string(),
  items: z.array(z.string()),
  source: SourceSchema,
  purposes: z.array(z.string()),
  ...judged,
});
const UseFactSchema = z.object({
  at: instant(),
  holder: z.string(),
  items: z.array(z.string()),
  purposes: z.array(z.string()),
  exception: z.string().optional(),
  ...judged,
});
const ProvisionFactSchema = z.object({
  at: instant(),
  from: z.string(),
  to: PartyRefSchema,
  items: z.array(z.string()),
  purposes: z.array(z.string()),
  basis: z.enum(PROVISION_BASES).optional(),
  consentRef: z.string().optional(),
  ...judged,
});

const ErasureObligationSchema = z.object({
  holder: z.string(),
  items: z.array(z.string()),
  pending: z.array(z.string()).meta({ description: 'Items the holder has not yet confirmed erasing.' }),
  acknowledged: z.boolean(),
  acknowledgedAt: instant().optional(),
  dueAt: instant().optional().meta({ description: "Deadline for the holder's confirmation (ASHIATO_ERASURE_DEADLINE_DAYS after the erasure)." }),
  overdue: z.boolean().optional().meta({ description: "Unconfirmed past `dueAt` at the report's asOf: ERASURE_NOT_PROPAGATED." }),
  eventIds: eventIds(),
});

const ErasureFactSchema = z.object({
  at: instant(),
  holder: z.string(),
  items: z.array(z.string()),
  reason: z.string(),
  obligations: z
    .array(ErasureObligationSchema)
    .meta({ description: 'Recipients still holding the items when the controller erased them, and whether they confirmed.' }),
  eventIds: eventIds(),
});

const ConsentFactSchema = z.object({
  givenAt: instant(),
  purposes: z.array(z.string()).optional(),
  recipients: z.array(z.string()).optional(),
  items: z.array(z.string()).optional(),
  withdrawnAt: instant().optional(),
  eventIds: eventIds(),
});

const DisclosureTermsSchema = z.object({
  purposes: z.array(z.object({ id: z.string(), label: z.string(), items: z.array(z.string()) })),
  recipients: z.array(PartyRefSchema),
  retention: z.array(z.object({ items: z.array(z.string()), rule: z.string(), label: z.string().optional() })),
});

export const ControllerLineageSchema = z
  .object({
    controller: z.string(),
    name: z.string().optional(),
    regime: z.enum(REGIMES).optional(),
    address: z.string().optional(),
    policyVersion: z.string().optional(),
    items: z.array(ItemLineageSchema),
    acquisitions: z.array(AcquisitionFactSchema),
    uses: z.array(UseFactSchema),
    provisions: z.array(ProvisionFactSchema),
    erasures: z.array(ErasureFactSchema),
    consents: z.array(ConsentFactSchema),
    terms: DisclosureTermsSchema.optional().meta({
      description: 'The declared purposes, recipients and retention of the policy in force at asOf (GDPR Art. 15(1)).',
    }),
  })
  .meta({ id: 'ControllerLineage' });

const reportShape = {
  subjectRef: z.string(),
  asOf: instant(),
  generatedAt: instant(),
  controllers: z.array(ControllerLineageSchema),
  eventIds: eventIds().meta({ description: 'Every eventId the report relies on, in log order.' }),
};
export const LineageReportSchema = z.object(reportShape);
/** The JSON answer of GET /v1/subjects/{ref}/lineage and POST /v1/subjects/lineage:lookup. */
export const LineageAnswerSchema = z
  .object({ ...reportShape, lastPosition: z.int().meta({ description: 'The log position of the newest event the report relies on (0 when none).' }) })
  .meta({ id: 'LineageAnswer' });

export type LineageReport = z.infer<typeof LineageReportSchema>;
export type LineageAnswer = z.infer<typeof LineageAnswerSchema>;
export type HolderTier = z.infer<typeof HolderTierSchema>;
export type PartyRef = z.infer<typeof PartyRefSchema>;
export type HoldingFact = z.infer<typeof HoldingFactSchema>;
export type ItemLineage = z.infer<typeof ItemLineageSchema>;
export type AcquisitionFact = z.infer<typeof AcquisitionFactSchema>;
export type UseFact = z.infer<typeof UseFactSchema>;
export type ProvisionFact = z.infer<typeof ProvisionFactSchema>;
export type ErasureObligation = z.infer<typeof ErasureObligationSchema>;
export type ErasureFact = z.infer<typeof ErasureFactSchema>;
export type ConsentFact = z.infer<typeof ConsentFactSchema>;
export type DisclosureTerms = z.infer<typeof DisclosureTermsSchema>;
export type ControllerLineage = z.infer<typeof ControllerLineageSchema>;

export type { FlowJudgement };
