import { ConfigError, readEnv } from '@ashiato/config';
import { bootstrap } from './create-app';

/*
 * The API's process: `node dist/apps/api/src/main.js`, or started by `ashiato serve` and `ashiato demo
 * --serve` as a child, configured by the environment it is given.
 */

// Started by the CLI: the IPC channel closes when the CLI is gone. A CLI that ended without passing a
// signal on was killed outright (kill -9): the server goes down the same way rather than serve unowned.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}

// The environment is parsed here, once; a bad variable stops the process before anything opens.
Promise.resolve()
  .then(() => bootstrap({}, readEnv()))
  .catch((err: unknown) => {
    // Configuration problems name the variable, never its value.
    process.stderr.write(`${err instanceof ConfigError ? err.message : `failed to start: ${(err as Error)?.message ?? String(err)}`}\n`);
    process.exit(1);
  });
