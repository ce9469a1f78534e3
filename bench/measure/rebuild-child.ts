import { readFileSync } from 'node:fs';
import { SqliteEventStore } from '@ashiato/event-store';
import { rebuildProjections } from '@ashiato/projections';

/**
 * Runs in its own process, bundled to JavaScript by rebuild.ts (the product runs from dist/), so that
 * its peak RSS (VmHWM) belongs to the rebuild alone: `rebuild-child <store.db> <read-model.db>`
 * prints {events, seconds, peakRssBytes} as JSON.
 */
async function main(storePath: string, readModelPath: string): Promise<void> {
  const store = new SqliteEventStore({ path: storePath });
  const t0 = process.hrtime.bigint();
  try {
    const result = await rebuildProjections(store, { url: `sqlite:${readModelPath}` });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    const peakRssBytes = hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
    process.stdout.write(`${JSON.stringify({ events: result.events, seconds, peakRssBytes })}\n`);
  } finally {
    await store.close();
  }
}

main(process.argv[2], process.argv[3]).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
