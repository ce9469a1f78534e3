import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AshiatoEvent } from '@ashiato/domain';
import { SqliteEventStore, type EventStore } from '@ashiato/event-store';
import { sql } from 'kysely';
import {
  migrateReadModel,
  openReadModel,
  PartitionedProjection,
  ProjectionRunner,
  rebuildReadModel,
  WorkerProjectionRunner,
  type LiveProjection,
  type ReadModel,
} from '@ashiato/projections';
import { appendEvents } from '@ashiato/application';
import { loadSeedPolicies } from '../../apps/cli/src/demo/load-seed-policies';
import { benchWorkload } from '../lib/workload';

/**
 * The live projection's rate against the rebuild's on the same events (SQLite, this thread):
 *   live-catchup-profile.ts <rebuild|catchup|follow> [--subjects N] [--batch B] [--partitions P] [--worker] [--pg URL] [--dir D] [--pragma P]
 * `rebuild`: rebuildReadModel into a fresh read model (load, indexes, breaches, swap).
 * `catchup`: a ProjectionRunner started on a fresh read model in front of the whole log (page by page).
 * `follow`: a ProjectionRunner following an empty store while the log is appended to it in 5,000-event
 * batches as fast as the store takes them; timed until the runner reached the head.
 * --partitions P: the live projection (or the rebuild's load) in P partitions of the subjects; --worker:
 * each partition's runner in a worker thread with its own connections, as the API runs it (catchup only).
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

function liveProjection(
  rm: ReadModel,
  store: EventStore,
  o: { batch: number; partitions: number; worker: boolean; readUrl: string; storePath: string },
): LiveProjection {
  const one = (partition?: { index: number; count: number }): LiveProjection =>
    o.worker
      ? new WorkerProjectionRunner({ readModelUrl: o.readUrl, eventStore: { dbPath: o.storePath }, batchSize: o.batch, partition })
      : new ProjectionRunner(rm, store, { batchSize: o.batch, partition });
  if (o.partitions <= 1) return one();
  return new PartitionedProjection(rm, store, {
    count: o.partitions,
    partition: (index) => one({ index, count: o.partitions }),
    rebuild: () => rebuildReadModel(rm, store, { partitions: o.partitions }),
  });
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
  const logPath = mode === 'follow' ? `${work}-store.db` : storePath;
  const store = new SqliteEventStore({ path: logPath });
  // --pg <url>: the read model in a schema of its own on that PostgreSQL server (dropped afterwards).
  const pg = process.argv.includes('--pg') ? `${arg('--pg', '')}?schema=live_bench_${process.pid}` : undefined;
  const readUrl = pg ?? `sqlite:${readPath}`;
  const rm = openReadModel(readUrl);
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
      const runner = liveProjection(rm, store, {
        batch: batchSize ?? 10_000,
        partitions,
        worker: process.argv.includes('--worker'),
        readUrl,
        storePath: logPath,
      });
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
    if (pg) await sql`drop schema if exists ${sql.id(rm.schema!)} cascade`.execute(rm.db);
    await rm.close();
    for (const f of [readPath, `${work}-store.db`]) for (const suffix of ['', '-wal', '-shm']) rmSync(f + suffix, { force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
