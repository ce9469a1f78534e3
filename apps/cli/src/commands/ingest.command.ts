import type { Env } from '@ashiato/config';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { SubjectHasher } from '@ashiato/application';
import { withApplication } from '../application-context';
import { configFromEnv, eventStoreConfigFromEnv, stderr, stdout } from '../cli-env';
import { ingestFile, type IngestFileSummary, type IngestMode } from '../ingest/ingest-file';

interface IngestOptions {
  batchSize: string;
  json?: boolean;
  progress: boolean;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

/** `ashiato ingest <file.ndjson>`: stream a file into the event store with a progress bar and a summary. */
export function registerIngestCommand(program: Command, env: Env): Command {
  return program
    .command('ingest')
    .description(
      'ingest an NDJSON file of events (any size): the whole file is validated first and nothing is stored if any line is bad; ' +
        'then it is stored in atomic batches with the validation, pseudonymisation and idempotency of POST /v1/events (re-run an interrupted file: nothing is stored twice)',
    )
    .argument('<file>', 'NDJSON file, one event per line')
    .option('--batch-size <n>', 'events per atomic batch', '5000')
    .option('--dry-run', 'validate the whole file and report every bad line; store nothing')
    .option('--skip-invalid', 'store the valid lines and report the bad ones instead of storing nothing')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, opts: IngestOptions) => {
      if (opts.dryRun && opts.skipInvalid) throw new Error('--dry-run and --skip-invalid exclude each other');
      const mode: IngestMode = opts.dryRun ? 'dry-run' : opts.skipInvalid ? 'skip-invalid' : 'all-or-nothing';
      const config = configFromEnv(env);
      if (config.hmacKeyGenerated)
        stderr('warning: no ASHIATO_HMAC_KEY; the store is in memory, so subject identifiers are hashed with a random key that the server will not share');
      const bar = new SingleBar({ stream: process.stderr, format: '{pass} [{bar}] {percentage}% | {value}/{total} bytes', hideCursor: true });
      let started: string | undefined;
      try {
        const summary = await withApplication(
          eventStoreConfigFromEnv(env),
          (app) =>
            ingestFile(file, app, new SubjectHasher(config.hmacKey), {
              batchSize: Math.max(1, Number(opts.batchSize) || 5000),
              mode,
              onProgress: (done, total, pass) => {
                if (!opts.progress) return;
                if (started !== pass) {
                  if (started) bar.stop();
                  bar.start(total, 0, { pass: pass === 'validate' ? 'validating' : 'storing' });
                }
                started = pass;
                bar.update(done);
              },
            }),
          { futureSkewMs: config.futureSkewMs },
        );
        if (started) bar.stop();
        printSummary(summary, !!opts.json);
        if (summary.rejected) process.exitCode = 1;
      } finally {
        if (started) bar.stop();
      }
    });
}

/** Warnings listed in the human summary; --json has the first 1,000. */
const SHOWN_WARNINGS = 20;

function printSummary(s: IngestFileSummary, json: boolean): void {
  if (json) {
    stdout(JSON.stringify(s, null, 2));
    return;
  }
  if (s.mode === 'dry-run') stdout(`dry run: ${s.rejected ? `${s.rejected} bad line(s)` : 'every line is valid'} (of ${s.lines} lines); nothing stored`);
  else if (s.storedNothing) stdout(`nothing stored: ${s.rejected} bad line(s) (of ${s.lines} lines); fix them, or store the valid lines with --skip-invalid`);
  else
    stdout(
      `accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected} (of ${s.lines} lines) in ${(s.elapsedMs / 1000).toFixed(1)} s; last position ${s.lastPosition}`,
    );
  if (s.guarantees) {
    const window =
      s.guarantees.idempotency === 'window' ? `; eventIds recognised only among a stream's newest ${s.guarantees.duplicateWindow ?? ''} events` : '';
    stdout(`event store ${s.guarantees.adapter}: batches stored stream by stream, not atomically${window}`);
  }
  for (const e of s.errors) stdout(`  rejected line ${e.line} (event ${e.index}): ${e.path} ${e.message}`);
  if (s.rejected && s.errors.length < s.rejected) stdout(`  … more rejected lines not listed`);
  if (!s.warningCount) return;
  const byCode = new Map<string, number>();
  for (const w of s.warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  stdout(
    `stored with ${s.warningCount} warning(s)${s.warningCount === s.warnings.length ? ` (${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}; the events were stored:`,
  );
  for (const w of s.warnings.slice(0, SHOWN_WARNINGS)) stdout(`  warning line ${w.line} (event ${w.index}): ${w.code} ${w.path}: ${w.message}`);
  if (s.warningCount > SHOWN_WARNINGS) stdout(`  … ${s.warningCount - SHOWN_WARNINGS} more (all of them with --json)`);
}
