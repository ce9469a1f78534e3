import { bootstrap } from './create-app';
import { ConfigError } from './config/app-config';

bootstrap().catch((err: unknown) => {
  // Configuration problems name the variable, never its value.
  process.stderr.write(`${err instanceof ConfigError ? err.message : `failed to start: ${(err as Error)?.message ?? String(err)}`}\n`);
  process.exit(1);
});
