import { formatPath, schemaProblems, type SchemaProblem } from '../contract/schema-problems';
import { PolicyDocumentSchema } from './policy';
import type { PolicyErrorCode, PolicyValidationError } from './policy-errors';

export { POLICY_ERROR_CODES, type PolicyErrorCode, type PolicyValidationError } from './policy-errors';

/**
 * Checks a parsed policy document against PolicyDocumentSchema and returns every error (empty when
 * valid): missing or malformed fields, unknown fields (a misspelt `requireConsent` silently ignored
 * would make a consent-only purpose look unconditional), duplicate ids, and references from purposes,
 * recipients and retention rules to items, purposes or recipients the document lacks. Errors come in
 * a stable order: the document's own fields, items, purposes, recipients, duplicate ids, references,
 * then retention rules and theirs.
 */
export function validatePolicy(doc: unknown): PolicyValidationError[] {
  if (!isRecord(doc)) return [{ path: '$', code: 'POLICY_FIELD_INVALID', message: 'a policy document must be an object' }];
  const ranked: [number, PolicyValidationError][] = schemaProblems(PolicyDocumentSchema, doc).map((p) => [rank(p), toPolicyError(p)]);
  const items = entries(doc.items, '$.items');
  const purposes = entries(doc.purposes, '$.purposes');
  const recipients = entries(doc.recipients, '$.recipients');
  const refs: PolicyValidationError[] = [];
  const itemIds = declaredIds(items, '$.items', refs);
  const purposeIds = declaredIds(purposes, '$.purposes', refs);
  const recipientIds = declaredIds(recipients, '$.recipients', refs);
  purposes.forEach(({ value, path }) => checkRefs(value.items, itemIds, 'item', `${path}.items`, refs));
  recipients.forEach(({ value, path }) => {
    checkRefs(value.purposes, purposeIds, 'purpose', `${path}.purposes`, refs);
    checkRefs(value.items, itemIds, 'item', `${path}.items`, refs);
  });
  ranked.push(...refs.map((e): [number, PolicyValidationError] => [5, e]));
  entries(doc.retention, '$.retention').forEach(({ value, path }) => {
    const at: PolicyValidationError[] = [];
    checkRefs(value.items, itemIds, 'item', `${path}.items`, at);
    if (typeof value.holder === 'string' && !recipientIds.has(value.holder)) {
      at.push({ path: `${path}.holder`, code: 'POLICY_UNKNOWN_REFERENCE', message: 'retention holder is not a declared recipient' });
    }
    ranked.push(...at.map((e): [number, PolicyValidationError] => [7, e]));
  });
  return ranked.sort((a, b) => a[0] - b[0]).map(([, e]) => e);
}

const LIST_RANK: Record<string, number> = { items: 1, purposes: 2, recipients: 3, retention: 6 };

/** The document's own fields first, then each list's entries (Array.prototype.sort is stable). */
function rank(p: SchemaProblem): number {
  return p.segments.length > 1 ? (LIST_RANK[String(p.segments[0])] ?? 0) : 0;
}

function toPolicyError(p: SchemaProblem): PolicyValidationError {
  // An id list is judged as a whole: `$.purposes[0].items`, not its element.
  const whole = p.segments.length === 4 && typeof p.segments[3] === 'number';
  const segments = whole ? p.segments.slice(0, 3) : p.segments;
  const kind = whole ? 'invalid' : p.kind;
  const path = formatPath(segments, '$');
  if (kind === 'unknown') return { path, code: 'POLICY_FIELD_UNKNOWN', message: `key number ${p.position} of this object is not a field of it` };
  const name = segments[segments.length - 1];
  if (typeof name !== 'string') return { path, code: 'POLICY_FIELD_INVALID', message: p.message };
  const code: PolicyErrorCode = kind === 'missing' ? 'POLICY_FIELD_MISSING' : 'POLICY_FIELD_INVALID';
  return { path, code, message: kind === 'missing' ? `${name} is required` : `${name} ${p.message}` };
}

interface Entry {
  value: Record<string, unknown>;
  path: string;
}

function entries(list: unknown, path: string): Entry[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value: unknown, i) => (isRecord(value) ? [{ value, path: `${path}[${i}]` }] : []));
}

function declaredIds(entries: Entry[], path: string, errors: PolicyValidationError[]): Set<string> {
  const seen = new Set<string>();
  for (const { value, path: at } of entries) {
    if (typeof value.id !== 'string') continue;
    if (seen.has(value.id)) errors.push({ path: `${at}.id`, code: 'POLICY_DUPLICATE_ID', message: `repeats an id used earlier in ${path}` });
    seen.add(value.id);
  }
  return seen;
}

function checkRefs(refs: unknown, known: Set<string>, kind: string, path: string, errors: PolicyValidationError[]): void {
  if (!Array.isArray(refs)) return;
  refs.forEach((ref: unknown, i) => {
    if (typeof ref === 'string' && !known.has(ref)) {
      errors.push({ path: `${path}[${i}]`, code: 'POLICY_UNKNOWN_REFERENCE', message: `names no ${kind} declared in the policy` });
    }
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
