import type { z } from 'zod';

export type PathSegment = string | number;

/**
 * One reason a value fails its schema. `unknown`: a key the schema does not have, placed by its
 * position and never named (a key can be anything a sender typed, an e-mail included). `missing`: a
 * required field that is absent or null.
 */
export interface SchemaProblem {
  segments: PathSegment[];
  kind: 'invalid' | 'missing' | 'unknown';
  message: string;
  /** For `unknown`: the 1-based position of the key in its object. */
  position?: number;
}

/**
 * Checks `value` against `schema` and lists every problem. A null field counts as absent, as JSON
 * clients send `"holder": null` for "none"; the value itself is never changed.
 */
export function schemaProblems(schema: z.ZodType, value: unknown): SchemaProblem[] {
  const result = schema.safeParse(nullsAsAbsent(value));
  if (result.success) return [];
  // A value of the wrong type gets one message: zod also measures an array given for a string.
  const wrongType = new Set(result.error.issues.filter((i) => i.code === 'invalid_type').map((i) => i.path.map(String).join('\u0000')));
  const issues = result.error.issues.filter(
    (i) => i.code === 'invalid_type' || i.code === 'unrecognized_keys' || !wrongType.has(i.path.map(String).join('\u0000')),
  );
  return issues.flatMap((issue): SchemaProblem[] => {
    const segments = issue.path.map((s) => (typeof s === 'symbol' ? '?' : s));
    if (issue.code === 'unrecognized_keys') {
      const keys = Object.keys(valueAt(value, segments) ?? {});
      return issue.keys.map((key) => ({ segments: [...segments, '?'], kind: 'unknown' as const, message: issue.message, position: keys.indexOf(key) + 1 }));
    }
    const at = valueAt(value, segments);
    return [{ segments, kind: at === undefined || at === null ? 'missing' : 'invalid', message: issue.message }];
  });
}

/** `items[0].window.from` style, with `root` before a leading key (`$` gives `$.items[0]`). */
export function formatPath(segments: readonly PathSegment[], root = ''): string {
  const path = segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
  if (!path) return root || '$';
  return root ? `${root}${path}` : path.replace(/^\./, '');
}

function valueAt(value: unknown, segments: readonly PathSegment[]): unknown {
  let at = value;
  for (const s of segments) at = isRecordOrArray(at) ? (at as Record<PathSegment, unknown>)[s] : undefined;
  return at;
}

/** A copy in which null object fields read as absent; keys stay, so unknown ones are still found. */
function nullsAsAbsent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullsAsAbsent);
  if (!isRecordOrArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? undefined : nullsAsAbsent(v)]));
}

function isRecordOrArray(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}
