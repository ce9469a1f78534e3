import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ashiato/event-store';
import { rebuildProjections } from '@ashiato/projections';
import { appendEvents } from '@ashiato/application';
import { SeededRandom } from '@ashiato/workload';
import { checkBatches, dumpReadModel, firstDifference, twinTables } from './log-checks';
import { chaosPort, dataDir, spawnCli, startServer, stopServer, waitProjected, type DataDir } from './processes';
import { referenceOf } from './reference';
import { failed, type TrialResult } from './trial';
import { moreEvents, sendAll, workload, type Batch } from './workload';

/** Rebuild duration (ms) the kill delays are drawn against; each completed rebuild updates it. */
let estimateMs = 3_000;

/**
 * One trial: a log whose read model was built from an earlier part of it; `ashiato rebuild` is
 * SIGKILLed at a random moment of its run (drawn over 1.2 × the last rebuild's duration, 2.5 × beside
 * a server, so some kills land after it finished). Without a server, the read model left behind must be the old one or
 * the complete new one, never a mix. With a server (`withServer`), the server keeps ingesting a trickle
 * of batches meanwhile; afterwards every acknowledged batch must be in the log and the server, caught
 * up, must serve a fresh rebuild's read model. Then `ashiato rebuild` runs again to the end and its
 * read model must equal a fresh rebuild of the log, with no rebuild tables left over.
 */
export async function rebuildTrial(seed: number, root: string, subjects: number, withServer: boolean): Promise<TrialResult> {
  const started = Date.now();
  const rnd = new SeededRandom(seed);
  const data = dataDir(mkdtempSync(join(root, `rebuild-${seed}-`)));
  const result: TrialResult = { mode: 'rebuild', seed, killedDuring: 'rebuild', ackedEvents: 0, lost: 0, partialBatches: 0, leftBehind: 'n/a', millis: 0 };
  try {
    await prepare(data, workload(seed, subjects), rnd);
    const server = withServer ? await startServer(data, chaosPort()) : undefined;
    const oldDump = server ? undefined : dumpReadModel(data.readModel);
    const trickle = moreEvents(seed + 1, Math.ceil(subjects / 4));
    let stop = false;
    const ingesting = server ? sendAll(server.base, trickle, 1, undefined, () => stop) : Promise.resolve();

    const killed = spawnCli(data, ['rebuild', '--no-progress']);
    // Beside a server the rebuild shares the cores with ingest and projection: a wider window lets some finish.
    const timer = setTimeout(() => killed.child.kill('SIGKILL'), Math.round(rnd.next() * estimateMs * (withServer ? 2.5 : 1.2)));
    const run = await killed.done;
    clearTimeout(timer);
    if (run.signal !== 'SIGKILL') {
      result.killedDuring = 'finished';
      if (run.code !== 0) result.error = `rebuild beside the server failed: ${lastLine(run.stderr)}`;
    }

    if (server) {
      stop = true;
      await ingesting;
      const log = checkBatches(data.log, trickle);
      result.ackedEvents = log.ackedEvents;
      result.lost = log.lost;
      result.partialBatches = log.partial;
      await waitProjected(server);
      await stopServer(server);
      const reference = await referenceOf(data.log, join(data.dir, 'reference-live'));
      const diff = firstDifference(dumpReadModel(data.readModel), reference.dump);
      if (diff) result.readModelDiff = `served after the killed rebuild: ${diff}`;
    }
    const reference = await referenceOf(data.log, join(data.dir, 'reference'));
    if (reference.chainBrokenAt !== undefined) result.error = `hash chain broken at position ${reference.chainBrokenAt}`;
    if (oldDump) {
      const now = dumpReadModel(data.readModel);
      result.leftBehind = !firstDifference(now, oldDump) ? 'old' : !firstDifference(now, reference.dump) ? 'new' : 'mix';
    }

    const t0 = Date.now();
    const again = await spawnCli(data, ['rebuild', '--no-progress']).done;
    if (again.code !== 0) throw new Error(`rebuild after the kill failed: ${lastLine(again.stderr)}`);
    estimateMs = Math.round(0.7 * estimateMs + 0.3 * (Date.now() - t0));
    result.readModelDiff ??= firstDifference(dumpReadModel(data.readModel), reference.dump);
    const twins = twinTables(data.readModel);
    if (twins.length) result.error ??= `rebuild tables left over: ${twins.length}`;
  } catch (err) {
    result.error = (err as Error).message.slice(0, 500);
  }
  result.millis = Date.now() - started;
  if (!failed(result)) rmSync(data.dir, { recursive: true, force: true });
  return result;
}

/** The log with a read model built from a random first part of it (so old and new differ). */
async function prepare(data: DataDir, batches: Batch[], rnd: SeededRandom): Promise<void> {
  const cut = rnd.int(1, batches.length - 1);
  const store = new SqliteEventStore({ path: data.log });
  try {
    for (const batch of batches.slice(0, cut)) await appendEvents(store, batch.events);
    await rebuildProjections(store, { url: `sqlite:${data.readModel}` });
    for (const batch of batches.slice(cut)) await appendEvents(store, batch.events);
  } finally {
    await store.close();
  }
}

const lastLine = (text: string) => text.trim().split('\n').pop()?.slice(0, 300) ?? '';
