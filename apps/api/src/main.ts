import { ConfigError, readEnv } from '@ashiato/config';
import { bootstrap } from './create-app';

// The environment is parsed here, once; a bad variable stops the process before anything opens.
Promise.resolve()
  .then(() => bootstrap({}, readEnv()))
  .catch((err: unknown) => {
    // Configuration problems name the variable, never its value.
    process.stderr.write(`${err instanceof ConfigError ? err.message : `failed to start: ${(err as Error)?.message ?? String(err)}`}\n`);
    process.exit(1);
  });
