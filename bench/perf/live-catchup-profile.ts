import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AshiatoEvent } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { migrateReadModel, openReadModel, ProjectionRunner, rebuildReadModel } from '@ashiato/projections';
import { appendEvents } from '@ashiato/application';
import { loadSeedPolicies } from '../../apps/cli/src/demo/load-seed-policies';
import { benchWorkload } from '../lib/workload';

/**
 * The live projection's rate against the rebuild's on the same events (SQLite, this thread):
 *   live-catchup-profile.ts <rebuild|catchup|follow> [--subjects N] [--batch B] [--partitions P] [--dir D] [--pragma P]
 * `rebuild`: rebuildReadModel into a fresh read model (load, indexes, breaches, swap).
 * `catchup`: a ProjectionRunner started on a fresh read model in front of the whole log (page by page).
 * `follow`: a ProjectionRunner following an empty store while the log is appended to it in 5,000-event
 * batches as fast as the store takes them; timed until the runner reached the head.
 * The store (bench workload, seed 20260401) is generated once into <dir>/store-<N>-20260401.db.
 * With node --cpu-prof, then node bench/perf/summarise-profile.js <file>.cpuprofile.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function* workload(subjects: number): Generator<AshiatoEvent[]> {
  let batch: AshiatoEvent[] = [];
  for (const e of benchWorkload(loadSeedPolicies(), { subjects, seed: 20260401 })) {
    batch.push(e);
    if (batch.length === 5_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function ensureStore(path: string, subjects: number): Promise<void> {
  if (existsSync(path)) return;
  const store = new SqliteEventStore({ path });
  try {
    for (const batch of workload(subjects)) await appendEvents(store, batch);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const subjects = Number(arg('--subjects', '20000'));
  const dir = arg('--dir', join(tmpdir(), 'ashiato-perf'));
  const batchSize = process.argv.includes('--batch') ? Number(arg('--batch', '0')) : undefined;
  const partitions = Number(arg('--partitions', '1'));
  const storePath = join(dir, `store-${subjects}-20260401.db`);
  await ensureStore(storePath, subjects);
  const work = join(dir, `live-${process.pid}`);
  const readPath = `${work}-read.db`;
  const store = new SqliteEventStore({ path: mode === 'follow' ? `${work}-store.db` : storePath });
  const rm = openReadModel(`sqlite:${readPath}`);
  await migrateReadModel(rm);
  // --pragma 'wal_autocheckpoint = 10000' (repeatable): a setting of the read model's connection to try.
  process.argv.forEach((a, i) => a === '--pragma' && rm.sqlite?.pragma(process.argv[i + 1]));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - t0) / 1e9;
  let events = 0;
  let appended: number | undefined;
  try {
    if (mode === 'rebuild') {
      events = (await rebuildReadModel(rm, store, { batchSize, partitions })).events;
    } else {
      const runner = new ProjectionRunner(rm, store, { batchSize: batchSize ?? 10_000 });
      await runner.start();
      if (mode === 'follow') {
        for (const batch of workload(subjects)) {
          await appendEvents(store, batch);
          // Let the runner's timers and I/O in between, as an HTTP server's event loop would.
          await new Promise((r) => setImmediate(r));
        }
        appended = seconds();
      }
      events = await store.headPosition();
      if (!(await runner.waitFor(events, 600_000))) throw new Error('the runner did not reach the head within 10 min');
      await runner.stop();
    }
    const wall = seconds();
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1e6;
    const figures = { mode, partitions, batchSize, events, wallSeconds: +wall.toFixed(2), appendedSeconds: appended, cpuSeconds: +cpu.toFixed(2) };
    process.stdout.write(`${JSON.stringify({ ...figures, eventsPerWallSecond: Math.round(events / wall), eventsPerCpuSecond: Math.round(events / cpu) })}\n`);
  } finally {
    await store.close();
    await rm.close();
    for (const f of [readPath, `${work}-store.db`]) for (const suffix of ['', '-wal', '-shm']) rmSync(f + suffix, { force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
