import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ashiato/event-store';
import { rebuildProjections } from '@ashiato/projections';
import { appendEvents } from '@ashiato/application';
import { checkBatches, dumpReadModel, firstDifference, twinTables } from './chaos/log-checks';
import { assertBuilt, chaosPort, dataDir, sleep, spawnCli, startServer, stopServer, waitProjected } from './chaos/processes';
import { referenceOf } from './chaos/reference';
import { moreEvents, sendAll, workload, type Batch } from './chaos/workload';

jest.setTimeout(300_000);

/**
 * `ashiato rebuild` beside the built server while clients keep ingesting, without pause until it has
 * exited: the rebuild must finish (exit 0), and afterwards the served read model must be what a fresh
 * rebuild of the whole log gives, every acknowledged event in the log and projected exactly once.
 */
describe('ashiato rebuild while the server ingests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-rebuild-ingest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and leaves the read model a fresh rebuild would build', async () => {
    assertBuilt();
    const data = dataDir(dir);
    const store = new SqliteEventStore({ path: data.log });
    for (const batch of workload(77, 300)) await appendEvents(store, batch.events);
    await rebuildProjections(store, { url: `sqlite:${data.readModel}` });
    await store.close();

    const server = await startServer(data, chaosPort());
    // Three clients ingest fresh subjects' histories, round after round, until told to stop.
    const sent: Batch[] = [];
    let acked = 0;
    let stop = false;
    const ingesting = (async () => {
      for (let round = 0; !stop; round++) {
        const batches = moreEvents(1_000 + round, 300);
        sent.push(...batches);
        await sendAll(
          server.base,
          batches,
          3,
          () => acked++,
          () => stop,
        );
      }
    })();
    try {
      while (acked === 0) await sleep(50);
      const before = acked;
      const rebuild = await spawnCli(data, ['rebuild', '--no-progress']).done;
      expect({ code: rebuild.code, stderr: rebuild.code === 0 ? '' : rebuild.stderr.slice(-500) }).toEqual({ code: 0, stderr: '' });
      // Batches were acknowledged while it ran: it rebuilt under ingest.
      expect(acked).toBeGreaterThan(before);
    } finally {
      stop = true;
      await ingesting;
    }
    const log = checkBatches(data.log, sent);
    expect({ lost: log.lost, partial: log.partial }).toEqual({ lost: 0, partial: 0 });
    await waitProjected(server);
    await stopServer(server);

    const reference = await referenceOf(data.log, join(dir, 'reference'));
    expect(firstDifference(dumpReadModel(data.readModel), reference.dump)).toBeUndefined();
    expect(twinTables(data.readModel)).toEqual([]);
  });
});
