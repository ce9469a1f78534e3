import { parsePolicy, validatePolicy, type PolicyDocument, type PolicyValidationError } from '@ashiato/domain';
import { validationFailed, type FieldError } from '../errors/api-error';

/**
 * A policy document from a request body or a file: an already parsed JSON object, or YAML/JSON
 * text. Every problem is reported with a path relative to the document (`purposes[2].items[0]`).
 */
export function readPolicyDocument(body: unknown, expectedController?: string): PolicyDocument {
  let errors: PolicyValidationError[];
  let policy: PolicyDocument | undefined;
  if (typeof body === 'string') {
    const parsed = parsePolicy(body, looksLikeJson(body) ? 'json' : 'yaml');
    errors = parsed.ok ? [] : parsed.errors;
    policy = parsed.ok ? parsed.policy : undefined;
  } else {
    errors = validatePolicy(body);
    policy = errors.length ? undefined : (body as PolicyDocument);
  }
  const fieldErrors: FieldError[] = errors.map((e) => ({ path: e.path.replace(/^\$\.?/, '') || '$', message: e.message }));
  if (policy && expectedController !== undefined && policy.controller !== expectedController) {
    fieldErrors.push({ path: 'controller', message: 'must equal the controller in the URL' });
  }
  if (fieldErrors.length || !policy) throw validationFailed(fieldErrors, `the policy document has ${fieldErrors.length} problem(s)`);
  return policy;
}

function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}
