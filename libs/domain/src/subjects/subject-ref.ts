/**
 * The one shape of a subject reference: `hmac:` followed by the 64 lower-case hex digits of
 * HMAC-SHA256(ASHIATO_HMAC_KEY, "<kind>:<normalised identifier>"). Only this pseudonym is stored,
 * logged, put in a URL or named as an audit target (GDPR Art. 4(5) and Art. 25(1): pseudonymisation
 * by design; APPI Art. 2(5), Art. 41: pseudonymously processed information keeps no identifier).
 * Anything else (an e-mail, a phone number, a customer number) is a raw identifier: it goes only in
 * a request body (`subject: {...}` at ingest, `POST /v1/subjects/lineage:lookup`), where the API
 * replaces it by its ref before anything is written.
 */
export const SUBJECT_REF_PREFIX = 'hmac:';
export const SUBJECT_REF_PATTERN = /^hmac:[0-9a-f]{64}$/;

/** A string known to have the subject-ref shape. */
export type SubjectRef = string & { readonly __subjectRef: unique symbol };

export function isSubjectRef(value: unknown): value is SubjectRef {
  return typeof value === 'string' && SUBJECT_REF_PATTERN.test(value);
}

/** Where a caller holding only a raw identifier gets the same answer. */
export const SUBJECT_LOOKUP_ROUTE = 'POST /v1/subjects/lineage:lookup';

/** The explanation for a value that is not a subject ref; it never repeats the value. */
export const SUBJECT_REF_HINT = `must be a subject ref (hmac: and 64 hex digits, as this API returns); for a raw identifier use ${SUBJECT_LOOKUP_ROUTE} with the identifier in the body`;
