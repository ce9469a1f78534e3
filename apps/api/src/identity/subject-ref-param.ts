import { isSubjectRef, SUBJECT_LOOKUP_ROUTE, SUBJECT_REF_HINT, type SubjectRef } from '@ashiato/domain';
import { ApiError } from '../errors/api-error';

/**
 * A subject ref taken from a URL (path segment or query parameter). URLs end up in proxies, browser
 * histories and request logs, so only the pseudonym may travel there: anything else is refused with
 * 400 SUBJECT_REF_INVALID, naming the parameter and the lookup route, never quoting the value.
 */
export function subjectRefParam(value: unknown, name: string): SubjectRef {
  if (isSubjectRef(value)) return value;
  throw new ApiError(400, 'SUBJECT_REF_INVALID', `${name} is not a subject ref; send a raw identifier in the body of ${SUBJECT_LOOKUP_ROUTE}`, [
    { path: name, message: SUBJECT_REF_HINT },
  ]);
}

/** The same for an optional query parameter. */
export function optionalSubjectRefParam(value: unknown, name: string): SubjectRef | undefined {
  return value === undefined ? undefined : subjectRefParam(value, name);
}
