import { spawn } from 'node:child_process';
import { extname, join } from 'node:path';
import { environmentWith, type EnvVarName } from '@ashiato/config';

/**
 * The API's entry as built beside this file: dist/apps/api/src/main.js from dist/apps/cli/src/serve/,
 * or apps/api/src/main.ts when the CLI itself runs from its sources (ts-node, whose hooks are in
 * process.execArgv and so reach the child too).
 */
export const API_ENTRY = join(__dirname, '..', '..', '..', 'api', 'src', `main${extname(__filename)}`);

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * `ashiato serve` and `demo --serve`: the HTTP server is the API app's own process, started here as a
 * child with this process's environment plus `overrides` (the one channel of configuration; it parses
 * them as it would its own). It shares stdout and stderr; SIGINT, SIGTERM and SIGHUP are passed on to
 * it, and this process ends as it does (its exit code, or the signal that ended it). The child has a
 * process group of its own, so a Ctrl-C in the terminal reaches it once, through here; an IPC channel
 * tells it when this process is gone without passing anything on (kill -9), and it then ends too.
 */
export function runApi(overrides: Partial<Record<EnvVarName, string>> = {}): Promise<never> {
  const child = spawn(process.execPath, [...process.execArgv, API_ENTRY], {
    env: environmentWith(overrides),
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  return new Promise<never>((_resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      if (signal) process.kill(process.pid, signal);
      else process.exit(code ?? 1);
    });
  });
}
