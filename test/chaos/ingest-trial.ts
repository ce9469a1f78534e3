import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from '@ashiato/workload';
import { checkBatches, dumpReadModel, firstDifference } from './log-checks';
import { chaosPort, dataDir, exited, health, sleep, startServer, stopServer, waitProjected } from './processes';
import { referenceOf } from './reference';
import { failed, type TrialResult } from './trial';
import { sendAll, workload } from './workload';

const IN_FLIGHT = 3;

/**
 * One trial: `ashiato serve` on fresh temp files takes the seeded history in batches, three in flight,
 * and is SIGKILLed after a random number of acknowledgements (or, past the last batch, at a random
 * moment while the projection catches up). Restarted on the same files, the log must hold every
 * acknowledged batch whole and every other batch whole or not at all; the unanswered batches are
 * sent again; once projected, the read model must equal a fresh rebuild of the log.
 */
export async function ingestTrial(seed: number, root: string, subjects: number): Promise<TrialResult> {
  const started = Date.now();
  const rnd = new SeededRandom(seed);
  const data = dataDir(mkdtempSync(join(root, `ingest-${seed}-`)));
  const batches = workload(seed, subjects);
  const result: TrialResult = { mode: 'ingest', seed, killedDuring: 'ingest', ackedEvents: 0, lost: 0, partialBatches: 0, millis: 0 };
  try {
    let server = await startServer(data, chaosPort());
    // Past the batch count: the kill lands after ingest, while (or after) the projection catches up.
    const killAfter = rnd.int(1, Math.round(batches.length * 1.25));
    const jitterMs = rnd.int(0, 40);
    let killing = false;
    const kill = () => {
      killing = true;
      setTimeout(() => server.child.kill('SIGKILL'), jitterMs);
    };
    await sendAll(server.base, batches, IN_FLIGHT, (acked) => acked >= killAfter && !killing && kill());
    if (!killing) {
      await sleep(rnd.int(0, 1500));
      const h = await health(server);
      result.killedDuring = h.projected < h.head ? 'projecting' : 'idle';
      kill();
    }
    await exited(server.child);
    if (result.killedDuring === 'ingest' && batches.every((b) => b.acked)) result.killedDuring = 'projecting';

    server = await startServer(data, chaosPort());
    const afterKill = checkBatches(data.log, batches);
    result.ackedEvents = afterKill.ackedEvents;
    result.lost = afterKill.lost;
    result.partialBatches = afterKill.partial;
    // The client's retry after a lost connection: every unanswered batch again (idempotent on eventId).
    await sendAll(
      server.base,
      batches.filter((b) => !b.acked),
      IN_FLIGHT,
    );
    const afterRetry = checkBatches(data.log, batches);
    result.lost = Math.max(result.lost, afterRetry.lost);
    result.partialBatches = Math.max(result.partialBatches, afterRetry.partial);
    if (batches.some((b) => !b.acked)) result.error = 'a retried batch got no answer';
    await waitProjected(server);
    await stopServer(server);

    const reference = await referenceOf(data.log, join(data.dir, 'reference'));
    if (reference.chainBrokenAt !== undefined) result.error = `hash chain broken at position ${reference.chainBrokenAt}`;
    result.readModelDiff = firstDifference(dumpReadModel(data.readModel), reference.dump);
  } catch (err) {
    result.error = (err as Error).message.slice(0, 500);
  }
  result.millis = Date.now() - started;
  if (!failed(result)) rmSync(data.dir, { recursive: true, force: true });
  return result;
}
