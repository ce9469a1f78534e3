import { parseEnv, type Env } from './parse-env';
import type { EnvVarName } from './env-vars';

/*
 * The one place that reads process.env (an ESLint rule forbids it everywhere else): entry points call
 * readEnv() once and pass what it returns on.
 */

/** This process's environment, parsed and validated (throws ConfigError). */
export function readEnv(): Env {
  return parseEnv(process.env);
}

/**
 * This process's environment with some variables set, for a child process to parse as its own: the
 * CLI's `serve` and `demo --serve` start the API so (configuration passes through the environment only).
 */
export function environmentWith(overrides: Partial<Record<EnvVarName, string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
