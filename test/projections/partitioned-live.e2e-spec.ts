import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AshiatoEvent } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import {
  migrateReadModel,
  openReadModel,
  PartitionedProjection,
  ProjectionRunner,
  rebuildInWorker,
  rebuildReadModel,
  WorkerProjectionRunner,
  type ReadModel,
} from '@ashiato/projections';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { appendRequests, dumpWithoutPartitionRows, laterHistory, partitionHistory } from './partition-history';
import { availableBackends, PG_URL, postgresBackend, sqliteBackend, type Backend } from './read-model-backends';

/**
 * The live projection in partitions of the subjects (ASHIATO_PROJECTION_PARTITIONS) follows the log to
 * the read model a rebuild gives, through a declared breach, a rebuild it resumes after, and a change of
 * the partition count between runs.
 */
describe.each(availableBackends().map((b) => b.name))('the live projection in partitions on %s', (name) => {
  const backend: Backend = name === 'sqlite' ? sqliteBackend : postgresBackend;
  let dir: string;
  let store: SqliteEventStore;
  let url: string;
  let rm: ReadModel;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ashiato-live-partitions-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    url = name === 'sqlite' ? `sqlite:${join(dir, 'read.db')}` : `${PG_URL}?schema=live_partitions_${process.pid}_${Date.now().toString(36)}`;
    rm = openReadModel(url);
    await migrateReadModel(rm);
  });
  afterEach(async () => {
    await store.close();
    await backend.dispose(rm);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The rows a rebuild of the whole log gives, in a read model of its own. */
  async function rebuilt(): Promise<Record<string, unknown[]>> {
    const other = await backend.open();
    try {
      await migrateReadModel(other);
      await rebuildReadModel(other, store, { batchSize: 7 });
      return await dumpReadModel(other.db);
    } finally {
      await backend.dispose(other);
    }
  }

  async function append(events: AshiatoEvent[]): Promise<number> {
    await store.appendBatch(appendRequests(events));
    return store.headPosition();
  }

  const inline = (count: number) =>
    new PartitionedProjection(rm, store, {
      count,
      partition: (index) => new ProjectionRunner(rm, store, { batchSize: 7, retryDelayMs: 20, partition: { index, count } }),
      rebuild: (onProgress) => rebuildReadModel(rm, store, { batchSize: 7, partitions: count, onProgress }),
    });

  it('gives the rows of a rebuild in 2 partitions, after its own rebuild, then in 4 and in 1', async () => {
    const live = inline(2);
    await live.start();
    try {
      expect(await live.waitFor(await append(partitionHistory()), 60_000)).toBe(true);
      expect(await live.waitFor(await append(laterHistory(30, 40)), 60_000)).toBe(true);
      expect(await dumpWithoutPartitionRows(rm.db)).toEqual(await rebuilt());
      const head = await store.headPosition();
      expect(await live.rebuild()).toEqual({ position: head, events: head });
      expect(await live.waitFor(await append(laterHistory(40, 45)), 60_000)).toBe(true);
      expect(live.projectedPosition()).toBe(await store.headPosition());
      expect(await dumpWithoutPartitionRows(rm.db)).toEqual(await rebuilt());
    } finally {
      await live.stop();
    }
    // Appended while no projection runs, then followed in another number of partitions.
    for (const [count, more] of [
      [4, laterHistory(45, 50)],
      [1, laterHistory(50, 55)],
    ] as const) {
      const head = await append(more);
      const next = inline(count);
      await next.start();
      try {
        expect(await next.waitFor(head, 60_000)).toBe(true);
      } finally {
        await next.stop();
      }
      expect(await dumpWithoutPartitionRows(rm.db)).toEqual(await rebuilt());
    }
    // Back in one partition, no other partition's checkpoint is left.
    expect(await dumpReadModel(rm.db)).toEqual(await rebuilt());
  }, 180_000);

  // SQLite: one write lock for the whole file, which another connection may hold.
  (name === 'sqlite' ? it : it.skip)(
    'waits out another connection holding the write lock past its busy timeout, and reports no failure',
    async () => {
      rm.sqlite!.pragma('busy_timeout = 20');
      const failures: unknown[] = [];
      const live = new PartitionedProjection(rm, store, {
        count: 2,
        partition: (index) =>
          new ProjectionRunner(rm, store, { batchSize: 7, retryDelayMs: 20, partition: { index, count: 2 }, onError: (info) => failures.push(info) }),
        rebuild: () => rebuildReadModel(rm, store, { partitions: 2 }),
      });
      await live.start();
      const other = new Database(join(dir, 'read.db'));
      try {
        other.exec('BEGIN IMMEDIATE');
        const head = await append(partitionHistory());
        await new Promise((r) => setTimeout(r, 300));
        other.exec('COMMIT');
        expect(await live.waitFor(head, 60_000)).toBe(true);
      } finally {
        other.close();
        await live.stop();
      }
      expect(failures).toEqual([]);
      expect(await dumpWithoutPartitionRows(rm.db)).toEqual(await rebuilt());
    },
    120_000,
  );

  it('follows the log in 2 worker threads, each with its own connections', async () => {
    const eventStore = { dbPath: join(dir, 'events.db') };
    const live = new PartitionedProjection(rm, store, {
      count: 2,
      partition: (index) => new WorkerProjectionRunner({ readModelUrl: url, eventStore, batchSize: 7, retryDelayMs: 20, partition: { index, count: 2 } }),
      rebuild: (onProgress) => rebuildInWorker({ readModelUrl: url, eventStore, partitions: 2 }, onProgress),
    });
    await live.start();
    try {
      expect(await live.waitFor(await append(partitionHistory()), 60_000)).toBe(true);
      await live.rebuild();
      expect(await live.waitFor(await append(laterHistory(30, 40)), 60_000)).toBe(true);
    } finally {
      await live.stop();
    }
    expect(await dumpWithoutPartitionRows(rm.db)).toEqual(await rebuilt());
  }, 180_000);
});
