import { z } from 'zod';
import { isFideslangDataCategory } from '../vocabularies/fideslang';
import { DPV_PURPOSE_TERMS } from '../vocabularies/dpv-terms';
import { isIsoCountryCode } from './country-codes';
import { PROVISION_BASES } from './provision-basis';
import { isRetentionRule } from './retention-rule';

/**
 * The policy document (DESIGN.md): what a controller declared, version by version. The schemas are
 * the contract; the types follow from them. Each message is the reason given after the field name
 * (`regime must be one of …`); validatePolicy adds the cross-references a schema cannot see.
 */
export const REGIMES = ['APPI', 'APPI-public', 'GDPR'] as const;
export type Regime = (typeof REGIMES)[number];

export const RECIPIENT_RELATIONS = ['entrustee', 'thirdParty', 'jointUser', 'publicBody', 'public'] as const;
export type RecipientRelation = (typeof RECIPIENT_RELATIONS)[number];

/** Ids end up in stream names, URLs and CSV files: ASCII, no spaces. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ISO_DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const id = () => z.string({ error: 'must be an ASCII id (letters, digits, ".", "_", "-")' }).regex(ID, 'must be an ASCII id (letters, digits, ".", "_", "-")');
const text = () => z.string({ error: 'must be a non-empty string' }).refine((v) => v.trim() !== '', 'must be a non-empty string');
const bool = () => z.boolean({ error: 'must be true or false' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });
/** Reported as a whole (`purposes[0].items`), not per element. */
const idList = () => z.array(z.string({ error: 'must be a list of ids' }), { error: 'must be a list of ids' });
const element = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, { error: 'must be an object' });
const vocabulary = (test: (v: string) => boolean, message: string) => z.string({ error: message }).refine(test, message);

export const PolicyItemSchema = element({
  id: id(),
  label: text(),
  /** fideslang data category, e.g. `user.contact.email`. */
  category: vocabulary(
    isFideslangDataCategory,
    'must be a data category of the fideslang taxonomy, e.g. user.contact.email (libs/domain/src/vocabularies/fideslang.ts lists them)',
  ).meta({
    description: 'fideslang data category, e.g. user.contact.email',
  }),
  sensitive: bool().meta({ description: 'APPI 要配慮個人情報 / GDPR Art. 9 special category.' }),
  financialRisk: bool().optional().meta({ description: 'Open to financial misuse if leaked (APPI Rules Art. 7(iii)); e.g. card numbers, credentials.' }),
});

export const PolicyPurposeSchema = element({
  id: id(),
  label: text(),
  items: idList(),
  requiresConsent: bool().optional(),
  dpv: vocabulary(
    (v) => v.startsWith('dpv:') && DPV_PURPOSE_TERMS.has(v.slice(4)),
    'must be a purpose of the W3C Data Privacy Vocabulary, e.g. dpv:ServiceProvision',
  )
    .optional()
    .meta({ description: 'The purpose in the W3C Data Privacy Vocabulary, e.g. dpv:ServiceProvision (DPV 2.2 purposes).' }),
});

export const PolicyRecipientSchema = element({
  id: id(),
  name: text(),
  country: vocabulary(isIsoCountryCode, 'must be an ISO 3166-1 alpha-2 country code, e.g. JP'),
  relation: oneOf(RECIPIENT_RELATIONS),
  purposes: idList(),
  items: idList(),
  basis: oneOf(PROVISION_BASES).optional(),
  address: text().optional().meta({ description: 'Postal address, for APPI Art. 29 provision records.' }),
  /**
   * A recipient abroad under equivalent measures (APPI Art. 28(1)) or, for a GDPR controller, under an
   * adequacy decision that a country code cannot tell (US Data Privacy Framework) or appropriate
   * safeguards (Art. 46, e.g. standard contractual clauses). Transfers to the EEA and the UK need no
   * flag under APPI, nor to adequate countries under the GDPR (flows/transfer-regions.ts).
   */
  equivalentSystem: bool().optional(),
});

export const RetentionRuleSchema = element({
  items: idList(),
  /**
   * Machine-readable rule. `P3Y` (ISO-8601 duration from acquisition), `P3Y-inactivity` (since the
   * last event touching the subject), or `until-erasure` (kept until an erasure event, no fixed limit).
   */
  rule: vocabulary(isRetentionRule, 'must be until-erasure, an ISO-8601 duration (P3Y) or a duration with -inactivity (P3Y-inactivity)'),
  label: text().optional(),
  /**
   * A recipient id whose copy this rule governs (e.g. an entrustee deleting on certificate expiry).
   * Absent: the rule governs every holder that has no rule of its own for the item.
   */
  holder: id().optional(),
});

const list = <T extends z.ZodType>(element: T) => z.array(element, { error: 'must be a list' });

export const PolicyDocumentSchema = z
  .strictObject(
    {
      controller: id(),
      name: text(),
      regime: oneOf(REGIMES),
      version: z.string({ error: 'must be a string (quote it in YAML)' }).min(1, 'must be a string (quote it in YAML)'),
      effectiveFrom: z
        .string({ error: 'must be an ISO-8601 date or instant with offset' })
        .refine((v) => ISO_DATE_OR_INSTANT.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date or instant with offset'),
      /** Postal address of the controller, for reports. */
      address: text().optional(),
      source: text().optional(),
      items: list(PolicyItemSchema),
      purposes: list(PolicyPurposeSchema),
      recipients: list(PolicyRecipientSchema),
      retention: list(RetentionRuleSchema),
    },
    { error: 'must be an object' },
  )
  .meta({ id: 'PolicyDocument', description: 'A policy document (DESIGN.md).' });

export type PolicyItem = z.infer<typeof PolicyItemSchema>;
export type PolicyPurpose = z.infer<typeof PolicyPurposeSchema>;
export type PolicyRecipient = z.infer<typeof PolicyRecipientSchema>;
export type RetentionRule = z.infer<typeof RetentionRuleSchema>;
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
