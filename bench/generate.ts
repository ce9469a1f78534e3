import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadSeedPolicies } from '../apps/cli/src/demo/load-seed-policies';
import { writeNdjson } from './lib/ndjson';
import { benchWorkload, type SubjectSample, type WorkloadOptions } from './lib/workload';

/** Bytes of NDJSON encoded before each write to the file. */
const WRITE_BYTES = 1 << 20;

/**
 * Writes the benchmark workload as NDJSON, one event per line, into a file: each line is encoded
 * straight into one reused 1 MiB buffer, written out whenever the next line might not fit. Only that
 * buffer and the current subject's events are in memory, never the history. Joining 1,000 lines into
 * one string and handing it to a write stream took 26 % of a generation's CPU profile on its own.
 */
export function writeWorkload(out: string, options: WorkloadOptions, samples: readonly SubjectSample[] = []): { events: number; bytes: number } {
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(out, 'w');
  const buffer = Buffer.allocUnsafe(WRITE_BYTES);
  let used = 0;
  let bytes = 0;
  let events = 0;
  const write = (data: Buffer) => {
    for (let at = 0; at < data.length;) at += writeSync(fd, data, at, data.length - at);
    bytes += data.length;
  };
  try {
    for (const event of benchWorkload(loadSeedPolicies(), options)) {
      const line = `${JSON.stringify(event)}\n`;
      // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
      if (used + line.length * 3 > buffer.length) {
        write(buffer.subarray(0, used));
        used = 0;
      }
      if (line.length * 3 > buffer.length) write(Buffer.from(line));
      else used += buffer.write(line, used);
      for (const sample of samples) sample.offer(event, events);
      events++;
    }
    write(buffer.subarray(0, used));
  } finally {
    closeSync(fd);
  }
  return { events, bytes };
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
  // `--out -` streams to stdout (e.g. into `ashiato ingest -`) through a write stream, honouring the pipe's backpressure.
  const { events, bytes } =
    out === '-' ? await writeNdjson(benchWorkload(loadSeedPolicies(), { subjects, seed }), process.stdout) : writeWorkload(out, { subjects, seed });
  process.stderr.write(`${out}: ${events} events for ${subjects} subjects, ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
