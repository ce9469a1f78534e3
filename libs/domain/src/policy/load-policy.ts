import { parseDocument } from 'yaml';
import type { PolicyDocument } from './policy';
import { validatePolicy, type PolicyValidationError } from './validate-policy';

export { validatePolicy, POLICY_ERROR_CODES, type PolicyErrorCode, type PolicyValidationError } from './validate-policy';

export type PolicyFormat = 'yaml' | 'json';

export type PolicyParseResult = { ok: true; policy: PolicyDocument } | { ok: false; errors: PolicyValidationError[] };

/**
 * Parses a policy document from text (YAML or JSON) and validates it. Pure: it is handed the text,
 * it never reads a file. Syntax errors carry their line; every contract error its JSON path.
 */
export function parsePolicy(text: string, format: PolicyFormat): PolicyParseResult {
  const parsed = format === 'json' ? parseJson(text) : parseYaml(text);
  if ('errors' in parsed) return { ok: false, errors: parsed.errors };
  const errors = validatePolicy(parsed.value);
  return errors.length ? { ok: false, errors } : { ok: true, policy: parsed.value as PolicyDocument };
}

/** The policy, or a `PolicyInvalidError` listing every problem (for the CLI and fixtures). */
export function parsePolicyOrThrow(text: string, format: PolicyFormat): PolicyDocument {
  const result = parsePolicy(text, format);
  if (!result.ok) throw new PolicyInvalidError(result.errors);
  return result.policy;
}

export class PolicyInvalidError extends Error {
  readonly code = 'POLICY_INVALID';
  constructor(readonly errors: PolicyValidationError[]) {
    super(`invalid policy document: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    this.name = 'PolicyInvalidError';
  }
}

type Parsed = { value: unknown } | { errors: PolicyValidationError[] };

function parseJson(text: string): Parsed {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    // JSON.parse messages quote at most a few characters around the position, never whole values.
    return { errors: [{ path: '$', code: 'POLICY_SYNTAX', message: `not valid JSON: ${(e as Error).message}` }] };
  }
}

function parseYaml(text: string): Parsed {
  // core schema: dates stay strings, so effectiveFrom is validated as text like JSON input.
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((e) => {
        const line = e.linePos?.[0];
        return { path: '$', code: 'POLICY_SYNTAX' as const, message: `not valid YAML${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${e.code}` };
      }),
    };
  }
  return { value: doc.toJS({ maxAliasCount: 1000 }) };
}
