import { parseEnv, type Env } from './parse-env';

/*
 * The one place that reads process.env (an ESLint rule forbids it everywhere else): entry points call
 * readEnv() once and pass what it returns on.
 */

/** This process's environment, parsed and validated (throws ConfigError). */
export function readEnv(): Env {
  return parseEnv(process.env);
}
