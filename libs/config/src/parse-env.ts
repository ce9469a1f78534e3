import { z } from 'zod';
import { ENV_VARS, type EnvVarName } from './env-vars';

/** The environment as read: variable names and their raw text. */
export type RawEnv = Readonly<Record<string, string | undefined>>;

const ENV_SCHEMA = z.object(
  Object.fromEntries(Object.entries(ENV_VARS).map(([name, v]) => [name, v.schema])) as { [K in EnvVarName]: (typeof ENV_VARS)[K]['schema'] },
);

/** The parsed environment: every variable by its name, defaults applied, values typed (numbers, durations in ms, flags). */
export type Env = Readonly<z.output<typeof ENV_SCHEMA>>;

/** A configuration that cannot start a process: every problem names a variable and what it must be, never a value. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates the environment once; throws a ConfigError naming every variable that is
 * wrong. Variables Ashiato does not know are ignored.
 */
export function parseEnv(raw: RawEnv): Env {
  const picked = Object.fromEntries(Object.keys(ENV_VARS).map((name) => [name, raw[name]]));
  const result = ENV_SCHEMA.safeParse(picked);
  if (result.success) return result.data;
  const names = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
  throw new ConfigError(names.map((name) => `${name} must be ${ENV_VARS[name as EnvVarName]?.expected ?? 'valid'}`));
}
