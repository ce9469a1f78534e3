import { existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkload } from '../generate';
import { sustainedIngest, SUSTAINED_DEFAULTS } from '../measure/sustained';
import { sustainedRows } from '../lib/sustained-rows';
import { markdownTable } from '../lib/report';

/**
 * The sustained-ingest measurement of the bench on its own (`npm run build` first: it starts dist/'s server):
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/perf/sustained-ingest.ts \
 *     [--events 200000] [--partitions 1,2] [--clients 4] [--batch 500] [--subjects 21000]
 * The workload (seed 20260401, enough subjects for --events) is generated once into $TMPDIR/ashiato-perf/.
 */
function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

async function main(args: string[]): Promise<void> {
  const events = Number(arg(args, '--events', '200000'));
  const partitions = arg(args, '--partitions', '1').split(',').map(Number);
  const clients = Number(arg(args, '--clients', String(SUSTAINED_DEFAULTS.clients)));
  const batch = Number(arg(args, '--batch', String(SUSTAINED_DEFAULTS.batch)));
  // ≈ 10 events per subject: 5 % more subjects than events / 10 so the file holds --events.
  const subjects = Number(arg(args, '--subjects', String(Math.ceil(events / 9.5))));
  const file = join(tmpdir(), 'ashiato-perf', `workload-${subjects}-20260401.ndjson`);
  if (!existsSync(file)) writeWorkload(file, { subjects, seed: 20260401 });
  const figures = [];
  for (const n of partitions) {
    const load0 = loadavg()[0];
    const f = await sustainedIngest(file, join(tmpdir(), `ashiato-sustained-${process.pid}`), { ...SUSTAINED_DEFAULTS, events, partitions: n, clients, batch });
    process.stderr.write(`N=${n}: load average ${load0.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end\n`);
    process.stdout.write(`${JSON.stringify(f)}\n`);
    figures.push(f);
  }
  process.stdout.write(`${markdownTable(sustainedRows(figures))}\n`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
