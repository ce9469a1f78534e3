import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AshiatoEvent } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { rebuildInWorker, rebuildProjections } from '@ashiato/projections';
import { appendEvents } from '@ashiato/application';
import { loadSeedPolicies } from '../../apps/cli/src/demo/load-seed-policies';
import { benchWorkload } from '../lib/workload';

/**
 * Rebuild throughput for performance work on the projection engine:
 *   rebuild-profile.ts [--subjects N] [--seed S] [--dir D] [--batch B] [--inline]
 * Generates the bench workload into <dir>/store-<N>-<S>.db once (kept for the next run, same seed =
 * same log), then times one full rebuild into a fresh read model: in a worker thread as `ashiato
 * rebuild` runs it, or with --inline in this thread (the default heap; --cache N sets its snapshot cache). CPU time is reported beside wall
 * time because the machine is shared and wall time moves with other people's load.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function ensureStore(path: string, subjects: number, seed: number): Promise<void> {
  if (existsSync(path)) return;
  const store = new SqliteEventStore({ path });
  try {
    let batch: AshiatoEvent[] = [];
    for (const e of benchWorkload(loadSeedPolicies(), { subjects, seed })) {
      batch.push(e);
      if (batch.length === 5_000) {
        await appendEvents(store, batch);
        batch = [];
      }
    }
    if (batch.length) await appendEvents(store, batch);
  } finally {
    await store.close();
  }
}

function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return (hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024) / 2 ** 20;
}

async function main(): Promise<void> {
  const subjects = Number(arg('--subjects', '30000'));
  const seed = Number(arg('--seed', '20260401'));
  const dir = arg('--dir', join(tmpdir(), 'ashiato-perf'));
  const batchSize = process.argv.includes('--batch') ? Number(arg('--batch', '0')) : undefined;
  const storePath = join(dir, `store-${subjects}-${seed}.db`);
  await ensureStore(storePath, subjects, seed);
  const readModel = join(dir, `read-${process.pid}.db`);
  const store = new SqliteEventStore({ path: storePath });
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  try {
    const cache = process.argv.includes('--cache') ? Number(arg('--cache', '0')) : undefined;
    const url = `sqlite:${readModel}`;
    const { events } = process.argv.includes('--inline')
      ? await rebuildProjections(store, { url, batchSize, ...(cache ? { snapshotCacheSize: cache } : {}) } as Parameters<typeof rebuildProjections>[1])
      : await rebuildInWorker({ eventStore: { dbPath: storePath }, readModelUrl: url, batchSize });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1e6;
    const figures = {
      events,
      wallSeconds: +wall.toFixed(2),
      cpuSeconds: +cpu.toFixed(2),
      eventsPerCpuSecond: Math.round(events / cpu),
      eventsPerWallSecond: Math.round(events / wall),
      peakRssMb: Math.round(peakRssMb()),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await store.close();
    if (!process.argv.includes('--keep')) for (const suffix of ['', '-wal', '-shm']) rmSync(readModel + suffix, { force: true });
    else process.stderr.write(`read model kept at ${readModel}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
