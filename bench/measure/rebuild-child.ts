import { readFileSync } from 'node:fs';
import { rebuildInWorker } from '@ashiato/projections';

/**
 * Runs in its own process, bundled to JavaScript by rebuild.ts (the product runs from dist/), so that
 * its peak RSS (VmHWM) belongs to the rebuild alone: `rebuild-child <store.db> <read-model.db>`
 * prints {events, seconds, peakRssBytes} as JSON. The rebuild runs in a worker thread, as `ashiato
 * rebuild` runs it; VmHWM covers the whole process, the worker included.
 */
async function main(storePath: string, readModelPath: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const result = await rebuildInWorker({ eventStore: { dbPath: storePath }, readModelUrl: `sqlite:${readModelPath}` });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  const peakRssBytes = hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ events: result.events, seconds, peakRssBytes })}\n`);
}

main(process.argv[2], process.argv[3]).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
