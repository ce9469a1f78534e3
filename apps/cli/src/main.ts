#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
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
const program = new Command('ashiato')
  .description('Ashiato: event-sourced lineage tracker for personal data')
  .version('0.1.0')
  .showHelpAfterError();

registerServeCommand(program);
registerIngestCommand(program);
registerConsumeCommand(program);
registerPolicyCommand(program);
registerRebuildCommand(program);
registerVerifyCommand(program);
registerDemoCommand(program);
registerLineageCommand(program);
registerBreachCommand(program);
registerKeysCommand(program);
registerExportCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  // Messages of our errors carry codes and paths, never identifiers.
  process.stderr.write(`ashiato: ${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(err)}\n`);
  process.exit(1);
});
