import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { LiveProjection } from '@ashiato/projections';
import { postEvents, startInProcessApi } from '../lib/ingest-api';
import { writeWorkload } from '../generate';
import { BATCH } from '../measure/ceilings';
import { lineBatches, secondsSince } from '../lib/ndjson';

/**
 * The HTTP ingest of the benchmark on its own (as bench/measure/ingest.ts's httpIngest: the API in this
 * process, NDJSON bodies of 5,000 events), plus how long the live projection needs after the last
 * answer to reach the head of the log:
 *   [ASHIATO_PROJECTION_THREAD=inline|worker] node [--cpu-prof --cpu-prof-dir=bench/.work/prof] \
 *     -r ts-node/register/transpile-only -r tsconfig-paths/register bench/perf/http-ingest-profile.ts \
 *     [subjects] [workload dir]
 * The workload (seed 20260401) is generated once into the workload dir (default $TMPDIR/ashiato-perf).
 * CPU is process.cpuUsage (user + system) of the whole process: it includes a projection worker thread.
 * Then node bench/perf/summarise-profile.js <file>.cpuprofile
 */
async function main(subjects: number, base: string): Promise<void> {
  mkdirSync(base, { recursive: true });
  const file = join(base, `workload-${subjects}-20260401.ndjson`);
  if (!existsSync(file)) writeWorkload(file, { subjects, seed: 20260401 });
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-http-prof-'));
  try {
    const { app, url } = await startInProcessApi(join(dir, 'store.db'), join(dir, 'read.db'));
    const projection = app.get(LiveProjection);
    const store = app.get<EventStore>(EVENT_STORE);
    const load0 = loadavg()[0];
    let events = 0;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let acked: number, ackCpu: NodeJS.CpuUsage, projected: number, cpu: NodeJS.CpuUsage, head: number, atAck: number;
    try {
      for await (const lines of lineBatches(file, BATCH)) {
        events += (await postEvents(url, lines)).accepted;
      }
      acked = secondsSince(t0);
      ackCpu = process.cpuUsage(cpu0);
      head = await store.headPosition();
      atAck = projection.projectedPosition();
      if (!(await projection.waitFor(head, 600_000))) throw new Error('the projection did not reach the head within 10 min');
      projected = secondsSince(t0);
      cpu = process.cpuUsage(cpu0);
    } finally {
      await app.close();
    }
    const s = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
    const line = [
      `thread=${projection.constructor.name}`,
      `${events} events`,
      `ingest: wall ${acked.toFixed(1)} s = ${Math.round(events / acked)} ev/s, cpu ${s(ackCpu).toFixed(1)} s = ${Math.round(events / s(ackCpu))} ev/cpu-s`,
      `projected at last answer ${atAck}/${head}, head reached ${(projected - acked).toFixed(2)} s later`,
      `ingest+projected: wall ${projected.toFixed(1)} s = ${Math.round(events / projected)} ev/s, cpu ${s(cpu).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)}, sys ${(cpu.system / 1e6).toFixed(1)}) = ${Math.round(events / s(cpu))} ev/cpu-s`,
      `load ${load0.toFixed(2)} -> ${loadavg()[0].toFixed(2)}`,
    ].join(' | ');
    process.stdout.write(`${line}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(Number(process.argv[2] ?? 2_000), process.argv[3] ?? join(tmpdir(), 'ashiato-perf')).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
