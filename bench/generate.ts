import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadSeedPolicies } from '../apps/cli/src/demo/load-seed-policies';
import { writeNdjson } from '../apps/cli/src/workload';
import { benchWorkload, type SubjectSample, type WorkloadOptions } from './lib/workload';

const LINES_PER_WRITE = 1_000;

/**
 * Writes the benchmark workload as NDJSON, one event per line, honouring the stream's
 * backpressure: at most LINES_PER_WRITE events are held at any time, never the history.
 */
export async function writeWorkload(out: string, options: WorkloadOptions, samples: readonly SubjectSample[] = []): Promise<{ events: number; bytes: number }> {
  mkdirSync(dirname(out), { recursive: true });
  const file = createWriteStream(out);
  let events = 0;
  let chunk: string[] = [];
  const flush = async () => {
    const text = chunk.join('');
    chunk = [];
    if (!file.write(text)) await once(file, 'drain');
  };
  for (const event of benchWorkload(loadSeedPolicies(), options)) {
    chunk.push(`${JSON.stringify(event)}\n`);
    for (const sample of samples) sample.offer(event, events);
    events++;
    if (chunk.length >= LINES_PER_WRITE) await flush();
  }
  await flush();
  file.end();
  await once(file, 'finish');
  return { events, bytes: file.bytesWritten };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const subjects = Number(argValue(args, '--subjects') ?? 1_000_000);
  const seed = Number(argValue(args, '--seed') ?? 20260401);
  const out = argValue(args, '--out') ?? 'bench/.work/workload.ndjson';
  if (!Number.isInteger(subjects) || subjects < 1 || !Number.isFinite(seed)) throw new Error('usage: generate.ts --subjects N --seed S --out file.ndjson');
  const t0 = Date.now();
  // `--out -` streams to stdout (e.g. into `ashiato ingest -`), with the same backpressure.
  const { events, bytes } = out === '-' ? await writeNdjson(benchWorkload(loadSeedPolicies(), { subjects, seed }), process.stdout) : await writeWorkload(out, { subjects, seed });
  process.stderr.write(`${out}: ${events} events for ${subjects} subjects, ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
