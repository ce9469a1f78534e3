import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkload } from '../generate';
import { httpIngest } from '../measure/ingest';

/**
 * The HTTP ingest of the benchmark on its own, to profile the path with the worst ratio to its
 * ceiling: node --cpu-prof --cpu-prof-dir=bench/.work/prof -r ts-node/register/transpile-only
 *   -r tsconfig-paths/register bench/perf/http-ingest-profile.ts [subjects]
 * then node bench/perf/summarise-profile.js <file>.cpuprofile
 */
async function main(subjects: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-http-prof-'));
  try {
    const file = join(dir, 'workload.ndjson');
    const { events } = await writeWorkload(file, { subjects, seed: 20260401 });
    const result = await httpIngest(file, join(dir, 'store.db'), join(dir, 'read.db'));
    process.stderr.write(`${events} events, ${result.events} accepted in ${result.seconds.toFixed(1)} s (${Math.round(result.events / result.seconds)} events/s)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(Number(process.argv[2] ?? 2_000)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
