import { isCollection, parseDocument, visit } from 'yaml';
import { documentProblem, MAX_NESTING_DEPTH } from '../json-depth';
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
  const problem = documentProblem(parsed.value);
  if (problem) return { ok: false, errors: [{ path: '$', code: 'POLICY_SYNTAX', message: `the document ${problem}` }] };
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
    // JSON.parse messages quote the text around the error: only the position is reported.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    return { errors: [{ path: '$', code: 'POLICY_SYNTAX', message: `not valid JSON${at ? ` (at character ${at})` : ''}` }] };
  }
}

function parseYaml(text: string): Parsed {
  // core schema: dates stay strings, so effectiveFrom is validated as text like JSON input.
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  } catch {
    // The parser recurses per nesting level: a document of thousands of `[` ends its stack.
    return { errors: [{ path: '$', code: 'POLICY_SYNTAX', message: `not valid YAML: nested deeper than ${MAX_NESTING_DEPTH} levels` }] };
  }
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((e) => {
        const line = e.linePos?.[0];
        return { path: '$', code: 'POLICY_SYNTAX' as const, message: `not valid YAML${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${e.code}` };
      }),
    };
  }
  let collectionKey = false;
  visit(doc, { Pair: (_key, pair) => void (collectionKey ||= isCollection(pair.key)) });
  if (collectionKey) return { errors: [{ path: '$', code: 'POLICY_SYNTAX', message: 'not valid YAML: a mapping key is a list or a mapping' }] };
  try {
    // A policy has no need of aliases beyond a few; a cap keeps "billion laughs" documents small.
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (e) {
    const message = /unresolved alias/i.test((e as Error).message)
      ? 'an alias (*name) refers to no anchor (&name) before it'
      : `more than ${MAX_YAML_ALIASES} alias expansions`;
    return { errors: [{ path: '$', code: 'POLICY_SYNTAX', message: `not valid YAML: ${message}` }] };
  }
}

/** Alias expansions allowed in one policy document (the yaml library's own default). */
export const MAX_YAML_ALIASES = 100;
