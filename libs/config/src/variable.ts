import { z } from 'zod';

/** Who reads a variable: the server (API, workers, CLI commands that open the stores), the broker consumer, or the CLI client alone. */
export type VariableGroup = 'server' | 'broker' | 'cli' | 'locale';

/** One environment variable: its schema and what the README's configuration table says of it. */
export interface Variable<T extends z.ZodType = z.ZodType> {
  /** What a valid value looks like, for the startup error: `<NAME> must be <expected>`. */
  expected: string;
  /** The value used when the variable is unset or empty, as written in the environment (and the README). */
  default?: string;
  /** Secrets are never echoed; no message carries any value anyway, the flag documents which ones matter. */
  secret?: boolean;
  group: VariableGroup;
  /** Parses the value after blanks were turned into the default (or undefined). */
  schema: T;
}

/** Empty means unset, as a shell's `NAME=` does; surrounding blanks go unless `trim` is false (secret material is used as given). */
export function variable<T extends z.ZodType>(
  spec: Omit<Variable<T>, 'schema'> & { trim?: boolean },
  inner: T,
): Variable<z.ZodType<z.output<T>, string | undefined>> {
  const { trim = true, ...rest } = spec;
  const normalise = z.transform((raw: string | undefined): string | undefined => {
    const value = raw === undefined ? undefined : trim ? raw.trim() : raw;
    return value === undefined || value === '' ? spec.default : value;
  });
  // A variable with a default never hands `inner` undefined; one without declares it optional.
  return { ...rest, schema: normalise.pipe(inner as unknown as z.ZodType<z.output<T>, string | undefined>) };
}

/** A text with a default: always a string. */
export const text = () => z.string();
/** A text without a default: a string or undefined. */
export const optionalText = () => z.string().optional();

/** A whole number from `min` to `max`. */
export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

/** One of `values`, compared case-insensitively. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(values));

/** `true`/`false` with the usual spellings (`1`/`0`, `yes`/`no`). */
export const flag = () =>
  z
    .string()
    .regex(/^(true|false|1|0|yes|no)$/i)
    .transform((v) => /^(true|1|yes)$/i.test(v));

/** A text parsed by `parse` (undefined when unreadable) into a value `accept` approves. */
export const parsed = <T>(parse: (text: string) => T | undefined, accept: (value: T) => boolean = () => true) =>
  z.string().transform((text, ctx) => {
    const value = parse(text);
    if (value === undefined || !accept(value)) {
      ctx.addIssue({ code: 'custom', message: 'unreadable' });
      return z.NEVER;
    }
    return value;
  });
