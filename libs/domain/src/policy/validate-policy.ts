import { PROVISION_BASES } from '../events/events';
import { isIsoCountryCode } from './country-codes';
import { RECIPIENT_RELATIONS, REGIMES } from './policy';
import { checkFields, isRecord, type Field } from './policy-fields';
import { isRetentionRule } from './retention-rule';
import { isFideslangDataCategory } from '../vocabularies/fideslang';
import { DPV_PURPOSE_TERMS } from '../vocabularies/dpv-terms';
import type { PolicyValidationError } from './policy-errors';

export { POLICY_ERROR_CODES, type PolicyErrorCode, type PolicyValidationError } from './policy-errors';

/** Ids end up in stream names, URLs and CSV files: ASCII, no spaces. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const id: Field['check'] = (v) => (typeof v === 'string' && ID.test(v) ? undefined : 'must be an ASCII id (letters, digits, ".", "_", "-")');
const text: Field['check'] = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a non-empty string');
const bool: Field['check'] = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const oneOf =
  (allowed: readonly string[]): Field['check'] =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`;
const idList: Field['check'] = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be a list of ids';

const ROOT: Record<string, Field> = {
  controller: { required: true, check: id },
  name: { required: true, check: text },
  regime: { required: true, check: oneOf(REGIMES) },
  version: { required: true, check: (v) => (typeof v === 'string' && v !== '' ? undefined : 'must be a string (quote it in YAML)') },
  effectiveFrom: {
    required: true,
    check: (v) => (typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)) ? undefined : 'must be an ISO-8601 date or instant with offset'),
  },
  address: { check: text },
  source: { check: text },
  items: { required: true, check: (v) => (Array.isArray(v) ? undefined : 'must be a list') },
  purposes: { required: true, check: (v) => (Array.isArray(v) ? undefined : 'must be a list') },
  recipients: { required: true, check: (v) => (Array.isArray(v) ? undefined : 'must be a list') },
  retention: { required: true, check: (v) => (Array.isArray(v) ? undefined : 'must be a list') },
};

const ITEM: Record<string, Field> = {
  id: { required: true, check: id },
  label: { required: true, check: text },
  category: { required: true, check: (v) => (isFideslangDataCategory(v) ? undefined : 'must be a data category of the fideslang taxonomy, e.g. user.contact.email (libs/domain/src/vocabularies/fideslang.ts lists them)') },
  sensitive: { required: true, check: bool },
  financialRisk: { check: bool },
};

const PURPOSE: Record<string, Field> = {
  id: { required: true, check: id },
  label: { required: true, check: text },
  items: { required: true, check: idList },
  requiresConsent: { check: bool },
  dpv: { check: (v) => (typeof v === 'string' && v.startsWith('dpv:') && DPV_PURPOSE_TERMS.has(v.slice(4)) ? undefined : 'must be a purpose of the W3C Data Privacy Vocabulary, e.g. dpv:ServiceProvision') },
};

const RECIPIENT: Record<string, Field> = {
  id: { required: true, check: id },
  name: { required: true, check: text },
  country: { required: true, check: (v) => (typeof v === 'string' && isIsoCountryCode(v) ? undefined : 'must be an ISO 3166-1 alpha-2 country code, e.g. JP') },
  relation: { required: true, check: oneOf(RECIPIENT_RELATIONS) },
  purposes: { required: true, check: idList },
  items: { required: true, check: idList },
  basis: { check: oneOf(PROVISION_BASES) },
  address: { check: text },
  equivalentSystem: { check: bool },
};

const RETENTION: Record<string, Field> = {
  items: { required: true, check: idList },
  rule: { required: true, check: (v) => (typeof v === 'string' && isRetentionRule(v) ? undefined : 'must be until-erasure, an ISO-8601 duration (P3Y) or a duration with -inactivity (P3Y-inactivity)') },
  label: { check: text },
  holder: { check: id },
};

/**
 * Checks a parsed policy document against the contract of DESIGN.md and returns every error (empty
 * when valid): missing or malformed fields, unknown fields, duplicate ids, and references from
 * purposes, recipients and retention rules to items, purposes or recipients the document lacks.
 */
export function validatePolicy(doc: unknown): PolicyValidationError[] {
  const errors: PolicyValidationError[] = [];
  if (!isRecord(doc)) return [{ path: '$', code: 'POLICY_FIELD_INVALID', message: 'a policy document must be an object' }];
  checkFields(doc, ROOT, '$', errors);
  const items = checkList(doc.items, ITEM, '$.items', errors);
  const purposes = checkList(doc.purposes, PURPOSE, '$.purposes', errors);
  const recipients = checkList(doc.recipients, RECIPIENT, '$.recipients', errors);
  const itemIds = declaredIds(items, '$.items', errors);
  const purposeIds = declaredIds(purposes, '$.purposes', errors);
  const recipientIds = declaredIds(recipients, '$.recipients', errors);
  purposes.forEach(({ value, path }) => checkRefs(value.items, itemIds, 'item', `${path}.items`, errors));
  recipients.forEach(({ value, path }) => {
    checkRefs(value.purposes, purposeIds, 'purpose', `${path}.purposes`, errors);
    checkRefs(value.items, itemIds, 'item', `${path}.items`, errors);
  });
  checkList(doc.retention, RETENTION, '$.retention', errors).forEach(({ value, path }) => {
    checkRefs(value.items, itemIds, 'item', `${path}.items`, errors);
    if (typeof value.holder === 'string' && !recipientIds.has(value.holder)) {
      errors.push({ path: `${path}.holder`, code: 'POLICY_UNKNOWN_REFERENCE', message: 'retention holder is not a declared recipient' });
    }
  });
  return errors;
}

interface Entry {
  value: Record<string, unknown>;
  path: string;
}

function checkList(list: unknown, fields: Record<string, Field>, path: string, errors: PolicyValidationError[]): Entry[] {
  if (!Array.isArray(list)) return [];
  const entries: Entry[] = [];
  list.forEach((value: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(value)) {
      errors.push({ path: at, code: 'POLICY_FIELD_INVALID', message: 'must be an object' });
      return;
    }
    checkFields(value, fields, at, errors);
    entries.push({ value, path: at });
  });
  return entries;
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
