/** Stable codes of policy validation errors (clients match on them, not on messages). */
export const POLICY_ERROR_CODES = [
  'POLICY_SYNTAX',
  'POLICY_FIELD_MISSING',
  'POLICY_FIELD_INVALID',
  'POLICY_FIELD_UNKNOWN',
  'POLICY_DUPLICATE_ID',
  'POLICY_UNKNOWN_REFERENCE',
] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

export interface PolicyValidationError {
  /** JSON path of the offending field, e.g. `$.purposes[2].items[0]`. */
  path: string;
  code: PolicyErrorCode;
  message: string;
}
