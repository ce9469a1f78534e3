/**
 * Nesting depth limit of every document Ashiato accepts (events, policies, breach declarations).
 * The deepest legitimate document, a policy embedded in an event, nests 6 levels; the limit leaves
 * room and keeps recursive validators far from the stack's end.
 */
export const MAX_NESTING_DEPTH = 32;

/** A NUL or an unpaired UTF-16 surrogate: valid in a JSON escape, but text no database column can hold. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a parsed document cannot be taken as it is, or undefined: nested deeper than `max`, or a
 * string (value or key) holding a NUL or an unpaired surrogate. Iterative: no recursion.
 */
export function documentProblem(value: unknown, max = MAX_NESTING_DEPTH): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return 'holds a NUL character or an unpaired UTF-16 surrogate';
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return `nests deeper than ${max} levels`;
    if (!Array.isArray(v)) for (const k of Object.keys(v)) if (UNSTORABLE.test(k)) return 'holds a NUL character or an unpaired UTF-16 surrogate';
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' || typeof child === 'string') stack.push([child, depth + 1]);
  }
  return undefined;
}
