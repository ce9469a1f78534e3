import type { z } from 'zod';
import { formatPath, schemaProblems } from '@ashiato/domain';
import { validationFailed, type FieldError } from '../errors/api-error';

/**
 * Validates a JSON body against its contract schema (libs/domain); a 400 VALIDATION_FAILED names
 * every bad field by its JSON path (`window.from`), never quoting the value (it may be personal
 * data), and an unknown key only by its position.
 */
export function validateBody<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw validationFailed([{ path: '', message: 'body must be a JSON object' }]);
  const problems = schemaProblems(schema, raw);
  if (problems.length) {
    const errors: FieldError[] = problems.map((p) =>
      p.kind === 'unknown'
        ? { path: formatPath(p.segments), message: `key number ${p.position} of this object is not a field of this request` }
        : { path: formatPath(p.segments), message: p.message },
    );
    // One line per distinct problem: a value can fail two checks that give the same reason.
    throw validationFailed(errors.filter((e, i) => errors.findIndex((f) => f.path === e.path && f.message === e.message) === i));
  }
  // A null field reads as absent, as schemaProblems checked it.
  return schema.parse(withoutNulls(raw)) as z.output<S>;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}
