import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { SubjectHasher } from '../../../api/src/identity/subject-hasher';
import { configFromEnv, openStoreFromEnv, stderr, stdout } from '../cli-env';
import { ingestFile, type IngestFileSummary } from '../ingest/ingest-file';

interface IngestOptions {
  batchSize: string;
  json?: boolean;
  progress: boolean;
}

/** `ashiato ingest <file.ndjson>`: stream a file into the event store with a progress bar and a summary. */
export function registerIngestCommand(program: Command): Command {
  return program
    .command('ingest')
    .description('ingest an NDJSON file of events (any size) in atomic batches; same validation, pseudonymisation and idempotency as POST /v1/events')
    .argument('<file>', 'NDJSON file, one event per line')
    .option('--batch-size <n>', 'events per atomic batch', '5000')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, opts: IngestOptions) => {
      const config = configFromEnv();
      if (config.hmacKeyGenerated) stderr('warning: no ASHIATO_HMAC_KEY; subject identifiers are hashed with a random key that the server will not share');
      const store = openStoreFromEnv();
      const bar = new SingleBar({ stream: process.stderr, format: 'ingest [{bar}] {percentage}% | {value}/{total} bytes', hideCursor: true });
      let started = false;
      try {
        const summary = await ingestFile(file, store, new SubjectHasher(config.hmacKey), {
          batchSize: Math.max(1, Number(opts.batchSize) || 5000),
          onProgress: (done, total) => {
            if (!opts.progress) return;
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        if (started) bar.stop();
        printSummary(summary, !!opts.json);
        if (summary.rejected) process.exitCode = 1;
      } finally {
        if (started) bar.stop();
        await store.close();
      }
    });
}

function printSummary(s: IngestFileSummary, json: boolean): void {
  if (json) {
    stdout(JSON.stringify(s, null, 2));
    return;
  }
  stdout(`accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected} (of ${s.lines} lines) in ${(s.elapsedMs / 1000).toFixed(1)} s; last position ${s.lastPosition}`);
  for (const e of s.errors) stdout(`  rejected line ${e.line} (event ${e.index}): ${e.path} ${e.message}`);
  if (s.rejected && s.errors.length < s.rejected) stdout(`  … more rejected lines not listed`);
}
