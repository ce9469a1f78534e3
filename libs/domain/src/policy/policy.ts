import type { ProvisionBasis } from './provision-basis';

/** The policy document (DESIGN.md): what a controller declared, version by version. */
export const REGIMES = ['APPI', 'APPI-public', 'GDPR'] as const;
export type Regime = (typeof REGIMES)[number];

export const RECIPIENT_RELATIONS = ['entrustee', 'thirdParty', 'jointUser', 'publicBody', 'public'] as const;
export type RecipientRelation = (typeof RECIPIENT_RELATIONS)[number];

export interface PolicyItem {
  id: string;
  label: string;
  /** fideslang data category, e.g. `user.contact.email`. */
  category: string;
  /** APPI 要配慮個人情報 / GDPR Art. 9 special category. */
  sensitive: boolean;
  /** Open to financial misuse if leaked (APPI Rules Art. 7(iii)); e.g. card numbers, credentials. */
  financialRisk?: boolean;
}

export interface PolicyPurpose {
  id: string;
  label: string;
  items: string[];
  requiresConsent?: boolean;
  /** The purpose in the W3C Data Privacy Vocabulary, e.g. `dpv:ServiceProvision` (DPV 2.2 purposes). */
  dpv?: string;
}

export interface PolicyRecipient {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  relation: RecipientRelation;
  purposes: string[];
  items: string[];
  basis?: ProvisionBasis;
  /** Postal address, for APPI Art. 29 provision records. */
  address?: string;
  /**
   * A recipient abroad under equivalent measures (APPI Art. 28(1)) or, for a GDPR controller, under an
   * adequacy decision that a country code cannot tell (US Data Privacy Framework) or appropriate
   * safeguards (Art. 46, e.g. standard contractual clauses). Transfers to the EEA and the UK need no
   * flag under APPI, nor to adequate countries under the GDPR (flows/transfer-regions.ts).
   */
  equivalentSystem?: boolean;
}

export interface RetentionRule {
  items: string[];
  /**
   * Machine-readable rule. `P3Y` (ISO-8601 duration from acquisition), `P3Y-inactivity` (since the
   * last event touching the subject), or `until-erasure` (kept until an erasure event, no fixed limit).
   */
  rule: string;
  label?: string;
  /**
   * A recipient id whose copy this rule governs (e.g. an entrustee deleting on certificate expiry).
   * Absent: the rule governs every holder that has no rule of its own for the item.
   */
  holder?: string;
}

export interface PolicyDocument {
  controller: string;
  name: string;
  regime: Regime;
  version: string;
  effectiveFrom: string;
  /** Postal address of the controller, for reports. */
  address?: string;
  source?: string;
  items: PolicyItem[];
  purposes: PolicyPurpose[];
  recipients: PolicyRecipient[];
  retention: RetentionRule[];
}
