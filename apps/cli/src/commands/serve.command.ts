import type { Env } from '@ashiato/config';
import type { Command } from 'commander';
import { bootstrap } from '../../../api/src/create-app';

/** `ashiato serve`: the HTTP API (and the dashboard at `/`) on the configured store. */
export function registerServeCommand(program: Command, env: Env): Command {
  return program
    .command('serve')
    .description('start the API (PORT, ASHIATO_DB, READ_MODEL_URL, ASHIATO_HMAC_KEY, ...)')
    .option('--port <port>', 'HTTP port (default $PORT or 3000)')
    .action(async (opts: { port?: string }) => {
      await bootstrap(opts.port ? { port: Number(opts.port) } : {}, env);
    });
}
