import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ashiato/event-store';
import { migrateReadModel, openReadModel, rebuildProjections, type ReadModel } from '@ashiato/projections';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { appendRequests, partitionHistory } from './partition-history';
import { availableBackends, PG_URL, postgresBackend, sqliteBackend } from './read-model-backends';

/**
 * The rebuild's load in partitions side by side, each in a worker thread with its own connections,
 * gives the read model of a rebuild in one partition, row for row.
 */
describe.each(availableBackends().map((b) => b.name))('a rebuild in partition threads on %s', (name) => {
  let dir: string;
  let store: SqliteEventStore;
  let url: string;
  let rm: ReadModel;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ashiato-partitions-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    await store.appendBatch(appendRequests(partitionHistory()));
    if (name === 'sqlite') {
      url = `sqlite:${join(dir, 'read.db')}`;
      rm = openReadModel(url);
    } else {
      url = `${PG_URL}?schema=partitions_${process.pid}_${Date.now().toString(36)}`;
      rm = openReadModel(url);
    }
    await migrateReadModel(rm);
  });
  afterEach(async () => {
    await store.close();
    await (name === 'sqlite' ? sqliteBackend : postgresBackend).dispose(rm);
    rmSync(dir, { recursive: true, force: true });
  });

  it('equals the rebuild in one partition', async () => {
    const eventStoreConfig = { dbPath: join(dir, 'events.db') };
    const one = await rebuildProjections(store, { url, batchSize: 7, eventStoreConfig });
    const expected = await dumpReadModel(rm.db);
    expect(expected.flows.length).toBeGreaterThan(60);
    expect(expected.breach_affected.length).toBeGreaterThan(5);
    const two = await rebuildProjections(store, { url, batchSize: 7, partitions: 2, eventStoreConfig });
    expect(two).toEqual(one);
    expect(await dumpReadModel(rm.db)).toEqual(expected);
  }, 120_000);
});
