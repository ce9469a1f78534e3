import { z } from 'zod';
import { REGIMES } from '../policy/policy';
import { OBSERVABLE_KINDS } from '../records/record-form';
import { DRIFT_REASONS, LINE_STATUSES } from '../records/record-drift';

/** GET /v1/controllers/{id}/record-of-processing: the record in its regime's form, each line annotated. */
const ObservableSchema = z.object({
  kind: z.enum(OBSERVABLE_KINDS),
  id: z.string().meta({ description: 'The recipient, purpose or item id, or the ISO 3166 country code; empty for "no purpose named".' }),
  party: z.string().optional(),
});

export const AnnotatedLineSchema = z
  .object({
    article: z.string().meta({ description: 'The provision the line answers, e.g. GDPR Art. 30(1)(d).' }),
    field: z.string().meta({ description: 'The field of the form, e.g. recipients (stable, for machines).' }),
    value: z.string(),
    observable: ObservableSchema.optional(),
    status: z.enum(LINE_STATUSES),
    observed: z
      .object({ flows: z.int(), subjects: z.int(), violations: z.int(), firstSeen: z.string(), lastSeen: z.string(), eventIds: z.array(z.string()) })
      .optional(),
    reason: z.enum(DRIFT_REASONS).optional(),
  })
  .meta({ id: 'AnnotatedLine' });

export const CountryTransfersSchema = z
  .object({ country: z.string(), flows: z.int(), subjects: z.int(), restricted: z.boolean(), declared: z.boolean() })
  .meta({ id: 'CountryTransfers' });

export const RecordOfProcessingSchema = z
  .object({
    controller: z.string(),
    regime: z.enum(REGIMES),
    title: z.string(),
    statutory: z.boolean().meta({ description: "Whether the law prescribes the record's form (not for APPI businesses)." }),
    policyVersion: z.string(),
    policyEffectiveFrom: z.string(),
    period: z.object({ from: z.string(), to: z.string() }),
    flows: z.int(),
    flowsWithoutPolicy: z.int(),
    lines: z.array(AnnotatedLineSchema),
    transfers: z.array(CountryTransfersSchema),
  })
  .meta({ id: 'RecordOfProcessing' });

export type RecordOfProcessingAnswer = z.infer<typeof RecordOfProcessingSchema>;
