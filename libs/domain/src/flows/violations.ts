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
}
