import { readFileSync } from 'node:fs';
import { rebuildInWorker, type RebuildPhase } from '@ashiato/projections';

/**
 * Runs in its own process, bundled to JavaScript by rebuild.ts (the product runs from dist/), so that
 * its peak RSS (VmHWM) belongs to the rebuild alone: `rebuild-child <store.db> <read-model.db> [partitions]`
 * prints {events, seconds, peakRssBytes, phases} as JSON, `phases` being the seconds spent in each phase the
 * rebuild reported. The rebuild runs in a worker thread, as `ashiato
 * rebuild` runs it; VmHWM covers the whole process, the worker included.
 */
async function main(storePath: string, readModelPath: string, partitions: number): Promise<void> {
  const t0 = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - t0) / 1e9;
  const phases: Partial<Record<RebuildPhase, number>> = {};
  let current: { phase: RebuildPhase; at: number } | undefined;
  const enter = (phase?: RebuildPhase) => {
    if (current?.phase === phase) return;
    const now = since();
    if (current) phases[current.phase] = (phases[current.phase] ?? 0) + now - current.at;
    current = phase ? { phase, at: now } : undefined;
  };
  const result = await rebuildInWorker({ eventStore: { dbPath: storePath }, readModelUrl: `sqlite:${readModelPath}`, partitions }, (p) => enter(p.phase));
  enter();
  const seconds = since();
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  const peakRssBytes = hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ events: result.events, seconds, peakRssBytes, phases })}\n`);
}

main(process.argv[2], process.argv[3], Number(process.argv[4] ?? 1)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
