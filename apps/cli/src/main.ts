#!/usr/bin/env node
import 'reflect-metadata';
import { readEnv, type Env } from '@ashiato/config';
import { Command } from 'commander';
import { useColumns } from './output/present';
import { registerBreachCommand } from './commands/breach.command';
import { registerConsumeCommand } from './commands/consume.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerExportCommand } from './commands/export.command';
import { registerIngestCommand } from './commands/ingest.command';
import { registerKeysCommand } from './commands/keys.command';
import { registerLineageCommand } from './commands/lineage.command';
import { registerPolicyCommand } from './commands/policy.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerServeCommand } from './commands/serve.command';
import { registerVerifyCommand } from './commands/verify.command';

/** `ashiato`: the command-line entry (bin in package.json, built to dist/apps/cli/src/main.js). */
function cli(env: Env): Command {
  const program = new Command('ashiato').description('Ashiato: event-sourced lineage tracker for personal data').version('0.1.0').showHelpAfterError();
  useColumns(env.COLUMNS);
  registerServeCommand(program, env);
  registerIngestCommand(program, env);
  registerConsumeCommand(program, env);
  registerPolicyCommand(program, env);
  registerRebuildCommand(program, env);
  registerVerifyCommand(program, env);
  registerDemoCommand(program, env);
  registerLineageCommand(program, env);
  registerBreachCommand(program, env);
  registerKeysCommand(program, env);
  registerExportCommand(program, env);
  return program;
}

// The environment is parsed once, here: a bad variable stops every command before it opens anything.
Promise.resolve()
  .then(() => cli(readEnv()).parseAsync(process.argv))
  .catch((err: unknown) => {
    const e = err as { code?: string; message?: string };
    // Messages of our errors carry codes and paths, never identifiers (nor configured values).
    process.stderr.write(`ashiato: ${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(err)}\n`);
    process.exit(1);
  });
