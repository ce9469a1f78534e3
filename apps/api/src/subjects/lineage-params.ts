import { validationFailed } from '../errors/api-error';
import { SUBJECT_IDENTIFIER_KINDS, type SubjectIdentifier } from '@ashiato/application';

export type ReportFormat = 'json' | 'html';

/** Checks `asOf` and `format`; errors name the parameter, never echo its value. */
export function parseLineageQuery(q: { asOf?: string; format?: string; minPosition?: string }): { asOf?: string; format: ReportFormat } {
  const errors = [];
  if (q.asOf !== undefined && Number.isNaN(Date.parse(q.asOf))) errors.push({ path: 'asOf', message: 'must be an ISO-8601 instant' });
  const format = (q.format ?? 'json').toLowerCase();
  if (format !== 'json' && format !== 'html') errors.push({ path: 'format', message: 'must be json or html' });
  if (errors.length) throw validationFailed(errors);
  return { asOf: q.asOf, format: format as ReportFormat };
}

/** Exactly one identifier (email, phone or externalId) as a non-empty string; nothing else. */
export function parseIdentifier(body: unknown): SubjectIdentifier {
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body)))
    throw validationFailed([{ path: '', message: 'body must be a JSON object' }]);
  const b = (body ?? {}) as Record<string, unknown>;
  const given = SUBJECT_IDENTIFIER_KINDS.filter((k) => b[k] !== undefined);
  // Unknown keys are counted and placed, never named: a mistaken client may send the identifier as a key.
  const unknown = Object.keys(b).flatMap((k, position) => ((SUBJECT_IDENTIFIER_KINDS as readonly string[]).includes(k) ? [] : [position + 1]));
  const errors = unknown.length
    ? [
        {
          path: '',
          message: `${unknown.length} field(s) of the body (position ${unknown.join(', ')}) are not identifiers; use only one of ${SUBJECT_IDENTIFIER_KINDS.join(', ')}`,
        },
      ]
    : [];
  if (given.length !== 1) errors.push({ path: '', message: `exactly one of ${SUBJECT_IDENTIFIER_KINDS.join(', ')} is required` });
  for (const k of given) if (typeof b[k] !== 'string' || !(b[k] as string).trim()) errors.push({ path: k, message: 'must be a non-empty string' });
  if (errors.length) throw validationFailed(errors);
  return { [given[0]]: b[given[0]] as string };
}

/** `?minPosition=` (the lastPosition of a write): wait until read models include it. */
export function parseMinPosition(q: { minPosition?: string }): number | undefined {
  if (q.minPosition === undefined) return undefined;
  if (!/^\d+$/.test(q.minPosition)) throw validationFailed([{ path: 'minPosition', message: 'must be a non-negative integer' }]);
  return Number(q.minPosition);
}
