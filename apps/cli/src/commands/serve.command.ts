import type { Env } from '@ashiato/config';
import type { Command } from 'commander';
import { runApi } from '../serve/run-api';

/** `ashiato serve`: the HTTP API (and the dashboard at `/`) on the configured store, in the API app's own process. */
export function registerServeCommand(program: Command, _env: Env): Command {
  return program
    .command('serve')
    .description('start the API (PORT, ASHIATO_DB, READ_MODEL_URL, ASHIATO_HMAC_KEY, ...)')
    .option('--port <port>', 'HTTP port (default $PORT or 3000)')
    .action(async (opts: { port?: string }) => {
      await runApi(opts.port !== undefined ? { PORT: opts.port } : {});
    });
}
