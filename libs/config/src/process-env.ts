import { parseEnv, type Env, type RawEnv } from './parse-env';

/*
 * The one place that reads process.env (an ESLint rule forbids it everywhere else): entry points call
 * readEnv() once and pass what it returns on.
 */

/** The raw environment of this process, for code that hands it to a child process. */
export function processEnv(): RawEnv {
  return process.env;
}

/** This process's environment, parsed and validated (throws ConfigError). */
export function readEnv(): Env {
  return parseEnv(process.env);
}
