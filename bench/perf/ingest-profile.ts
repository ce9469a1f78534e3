import 'reflect-metadata';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkload } from '../generate';
import { rawInsertCeiling, type Throughput } from '../measure/ceilings';
import { httpIngest, pgStoreIngest, storeIngest } from '../measure/ingest';

/**
 * Ingest on its own, to compare before and after a change on a shared machine:
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/perf/ingest-profile.ts \
 *     [--subjects 27000] [--runs raw,store,http,pg] [--http-events N] [--pg-events N]
 * The workload (seed 20260401) is generated once into $TMPDIR/ashiato-perf/. Each run reports events per
 * CPU-second (process.cpuUsage, user + system: the figure to compare), events per wall second and
 * the load average. `pg` appends to the PostgreSQL event store at ASHIATO_TEST_PG_URL (5,000-event
 * batches, as the bench does; the CPU figure is this process's share only). Add `node --cpu-prof --cpu-prof-dir=…` to profile one run.
 */
function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

async function timed(name: string, run: () => Promise<Throughput>): Promise<void> {
  const cpu0 = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const line = [
    name.padEnd(6),
    `${result.events} events`,
    `wall ${result.seconds.toFixed(1)} s = ${Math.round(result.events / result.seconds)} ev/s`,
    `cpu ${cpuSeconds.toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)}, sys ${(cpu.system / 1e6).toFixed(1)}) = ${Math.round(result.events / cpuSeconds)} ev/cpu-s`,
    `load ${loadavg()[0].toFixed(2)}`,
  ].join(' | ');
  process.stdout.write(`${line}\n`);
}

function pgUrl(): string {
  const url = process.env.ASHIATO_BENCH_PG_URL ?? process.env.ASHIATO_TEST_PG_URL;
  if (!url) throw new Error('the pg run needs ASHIATO_BENCH_PG_URL or ASHIATO_TEST_PG_URL');
  return url;
}

async function main(args: string[]): Promise<void> {
  const subjects = Number(arg(args, '--subjects', '27000'));
  const runs = arg(args, '--runs', 'raw,store').split(',');
  const httpEvents = Number(arg(args, '--http-events', 'Infinity'));
  const pgEvents = Number(arg(args, '--pg-events', 'Infinity'));
  const base = join(tmpdir(), 'ashiato-perf');
  mkdirSync(base, { recursive: true });
  const file = join(base, `workload-${subjects}-20260401.ndjson`);
  if (!existsSync(file)) writeWorkload(file, { subjects, seed: 20260401 });
  const dir = join(base, `ingest-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    for (const run of runs) {
      if (run === 'raw') await timed('raw', () => rawInsertCeiling(file, join(dir, 'raw.db')));
      else if (run === 'store') await timed('store', () => storeIngest(file, join(dir, 'store.db')));
      else if (run === 'http') await timed('http', () => httpIngest(file, join(dir, 'http.db'), join(dir, 'read.db'), httpEvents));
      else if (run === 'pg') await timed('pg', async () => (await pgStoreIngest(file, pgUrl(), pgEvents)).append);
      else throw new Error(`unknown run ${run}`);
      for (const f of ['raw.db', 'store.db', 'http.db', 'read.db']) for (const s of ['', '-wal', '-shm']) rmSync(join(dir, f + s), { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
