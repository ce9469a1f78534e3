import { z } from 'zod';
import { ViolationCodeSchema } from './views';

/** The audit trail and the what-if answers, as /docs shows them and the dashboard reads them. */
export const AuditEntrySchema = z
  .object({ eventId: z.string(), occurredAt: z.string().meta({ format: 'date-time' }), actor: z.string(), action: z.string(), target: z.string() })
  .meta({ id: 'AuditEntry' });
export const AuditPageSchema = z.object({ total: z.int(), items: z.array(AuditEntrySchema) }).meta({ id: 'AuditPage' });

const JudgementSchema = z.object({ verdict: z.enum(['allowed', 'violation']), codes: z.array(ViolationCodeSchema) });
const tally = { becameViolation: z.int(), becameAllowed: z.int(), codesChanged: z.int() };
const codeCounts = z.partialRecord(ViolationCodeSchema, z.int());

export const WhatIfAnswerSchema = z
  .object({
    controller: z.string(),
    from: z.string(),
    draft: z.object({ version: z.string(), regime: z.string() }),
    flowsJudged: z.int().meta({ description: 'Flows of the period judged again under the draft.' }),
    flowsChanged: z.int(),
    becameViolation: z.int(),
    becameAllowed: z.int(),
    codes: z.object({ added: codeCounts, removed: codeCounts }).meta({ description: 'Violation codes the draft adds or removes, counted per flow.' }),
    subjectsAffected: z.int(),
    byRecipient: z.array(z.object({ recipient: z.string(), ...tally })),
    byPurpose: z.array(z.object({ purpose: z.string(), ...tally })),
    flows: z
      .array(
        z.object({
          eventId: z.string(),
          type: z.string(),
          occurredAt: z.string(),
          holder: z.string(),
          recipient: z.string().nullable(),
          purposes: z.array(z.string()),
          recorded: JudgementSchema,
          draft: JudgementSchema,
        }),
      )
      .meta({ description: 'Up to `limit` changed flows, oldest first; no subject refs (a dpo follows the event ids).' }),
    truncated: z.boolean(),
  })
  .meta({ id: 'WhatIfAnswer' });

export type AuditPage = z.infer<typeof AuditPageSchema>;
export type WhatIfAnswerView = z.infer<typeof WhatIfAnswerSchema>;
