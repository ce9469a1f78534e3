import type { PolicyValidationError } from './policy-errors';

/** One field of a policy object: whether it must be present and how its value is checked. */
export interface Field {
  required?: boolean;
  /** Returns why the value is bad, or undefined when it is fine. */
  check: (value: unknown) => string | undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks one object against its field table. Unknown fields are errors too: a misspelt
 * `requireConsent` silently ignored would make a consent-only purpose look unconditional.
 */
export function checkFields(obj: Record<string, unknown>, fields: Record<string, Field>, path: string, errors: PolicyValidationError[]): void {
  for (const [name, field] of Object.entries(fields)) {
    const value = obj[name];
    if (value === undefined || value === null) {
      if (field.required) errors.push({ path: `${path}.${name}`, code: 'POLICY_FIELD_MISSING', message: `${name} is required` });
      continue;
    }
    const problem = field.check(value);
    if (problem) errors.push({ path: `${path}.${name}`, code: 'POLICY_FIELD_INVALID', message: `${name} ${problem}` });
  }
  // An unknown key is placed by its position, never named: a key can be anything a sender typed.
  Object.keys(obj).forEach((name, i) => {
    if (!(name in fields)) errors.push({ path: `${path}.?`, code: 'POLICY_FIELD_UNKNOWN', message: `key number ${i + 1} of this object is not a field of it` });
  });
}
