import type { ProvisionBasis } from '../policy/provision-basis';

/** Violation codes (DESIGN.md "Public contract"): stable strings that clients and dashboards rely on. */
export const VIOLATION_CODES = [
  'POLICY_MISSING',
  'PURPOSE_UNDECLARED',
  'ITEM_OUTSIDE_PURPOSE',
  'RECIPIENT_UNDECLARED',
  'ITEM_OUTSIDE_RECIPIENT_SCOPE',
  'CONSENT_MISSING',
  'CONSENT_WITHDRAWN',
  'CROSS_BORDER_NO_BASIS',
  'SENSITIVE_OPT_OUT',
  'ITEM_NOT_HELD',
  'USE_AFTER_ERASURE',
  'RETENTION_EXCEEDED',
  'ERASURE_NOT_PROPAGATED',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export interface Violation {
  code: ViolationCode;
  /** Human-readable, free of personal data: names items, purposes and recipients by id only. */
  message: string;
  items?: string[];
}

export type Verdict = 'allowed' | 'violation';

export interface FlowJudgement {
  verdict: Verdict;
  violations: Violation[];
  /** For a provision: the record its regime requires, decided by the same rule as the verdict. */
  record?: ProvisionRecordDecision;
}

/**
 * The provision record a regime requires (APPI Art. 29 for businesses): whether one must be kept, the
 * basis it records, and the article that decided. Comes from the very rule that gives the verdict.
 */
export interface ProvisionRecordDecision {
  required: boolean;
  basis: ProvisionBasis | null;
  /** Why: e.g. `APPI Art. 29(1) proviso, Art. 27(5)(i)`. */
  article: string;
}
