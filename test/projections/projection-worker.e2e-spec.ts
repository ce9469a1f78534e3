import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { streamOf, type AshiatoEvent } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import {
  openReadModel,
  ProjectionQueries,
  rebuildInWorker,
  rebuildProjections,
  WorkerProjectionRunner,
  type ReadModel,
  type RunnerErrorLog,
} from '@ashiato/projections';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { acquire, provide, publish, testPolicy } from '../../libs/projections/src/testing/fixtures.testing';
import { availableBackends, PG_URL } from './read-model-backends';

function appendRequests(events: AshiatoEvent[]) {
  return events.map((e) => ({
    stream: streamOf(e),
    events: [{ eventId: e.eventId, type: e.type, data: e as unknown as Record<string, unknown> }],
    expectedVersion: 'any' as const,
  }));
}

jest.setTimeout(120_000);

const WAIT_MS = 30_000;
let schemas = 0;

describe.each(availableBackends().map((b) => b.name))('live projection in a worker thread, read model on %s', (backend) => {
  let dir: string;
  let store: SqliteEventStore;
  let readModelUrl: string;
  let runner: WorkerProjectionRunner | undefined;
  const errors: Parameters<RunnerErrorLog>[0][] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ashiato-worker-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    readModelUrl = backend === 'sqlite' ? `sqlite:${join(dir, 'read.db')}` : `${PG_URL}?schema=worker_${process.pid}_${++schemas}`;
    errors.length = 0;
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await store.close();
    if (backend === 'postgres') {
      const rm = openReadModel(readModelUrl);
      await rm.db.schema.dropSchema(rm.schema!).ifExists().cascade().execute();
      await rm.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const startRunner = async () => {
    runner = new WorkerProjectionRunner(
      { readModelUrl, eventStore: { dbPath: join(dir, 'events.db') }, retryDelayMs: 20 },
      { onError: (info) => errors.push(info) },
    );
    await runner.start();
    return runner;
  };

  const withReadModel = async <T>(fn: (queries: ProjectionQueries, rm: ReadModel) => Promise<T>): Promise<T> => {
    const rm = openReadModel(readModelUrl);
    try {
      return await fn(new ProjectionQueries(rm.db), rm);
    } finally {
      await rm.close();
    }
  };

  it('projects what another connection appends, answers waitFor, and resumes from the checkpoint after a stop', async () => {
    const first = await store.appendBatch(
      appendRequests([
        publish(testPolicy(), '2024-01-01T00:00:00Z'),
        ...Array.from({ length: 30 }, (_, i) => acquire(`s${i}`, ['email'], '2024-02-01T00:00:00Z')),
      ]),
    );
    const live = await startRunner();
    expect(await live.waitFor(first.lastPosition, WAIT_MS)).toBe(true);

    const second = await store.appendBatch(appendRequests([provide('s1', 'courier', ['email'], '2024-02-02T00:00:00Z', 'entrustment')]));
    expect(await live.waitFor(second.lastPosition, WAIT_MS)).toBe(true);
    expect(live.projectedPosition()).toBe(second.lastPosition);
    expect((await withReadModel((q) => q.holdingsAsOf({ holder: 'courier', asOf: '2024-03-01T00:00:00Z' }))).items).toEqual([
      expect.objectContaining({ subjectRef: 's1', item: 'email' }),
    ]);

    await live.stop();
    // Appended while no worker runs: the next one starts from the stored checkpoint and catches up.
    const third = await store.appendBatch(appendRequests([acquire('late', ['email'], '2024-02-03T00:00:00Z')]));
    const again = await startRunner();
    expect(again.projectedPosition()).toBeGreaterThanOrEqual(second.lastPosition);
    expect(await again.waitFor(third.lastPosition, WAIT_MS)).toBe(true);
    expect(await withReadModel((q) => q.countFlows())).toBe(32);
    expect(errors).toEqual([]);
  });

  it('rebuilds in the worker and follows again afterwards', async () => {
    const first = await store.appendBatch(
      appendRequests([
        publish(testPolicy(), '2024-01-01T00:00:00Z'),
        ...Array.from({ length: 12 }, (_, i) => acquire(`r${i}`, ['email'], '2024-02-01T00:00:00Z')),
      ]),
    );
    const live = await startRunner();
    expect(await live.waitFor(first.lastPosition, WAIT_MS)).toBe(true);
    const progress: number[] = [];
    const result = await live.rebuild(({ done }) => progress.push(done));
    expect(result).toEqual(expect.objectContaining({ position: first.lastPosition, events: first.lastPosition }));
    expect(progress.length).toBeGreaterThan(0);

    const next = await store.appendBatch(appendRequests([acquire('after-rebuild', ['email'], '2024-02-05T00:00:00Z')]));
    expect(await live.waitFor(next.lastPosition, WAIT_MS)).toBe(true);
    expect(await withReadModel((q) => q.countFlows())).toBe(13);
  });

  it('rebuilds once in a worker of its own (ashiato rebuild) to the same read model as a rebuild in this thread', async () => {
    const head = await store.appendBatch(
      appendRequests([
        publish(testPolicy(), '2024-01-01T00:00:00Z'),
        ...Array.from({ length: 20 }, (_, i) => acquire(`w${i}`, ['email'], '2024-02-01T00:00:00Z')),
        provide('w3', 'courier', ['email'], '2024-02-02T00:00:00Z', 'entrustment'),
      ]),
    );
    const progress: number[] = [];
    const result = await rebuildInWorker({ readModelUrl, eventStore: { dbPath: join(dir, 'events.db') } }, ({ done }) => progress.push(done));
    expect(result).toEqual({ position: head.lastPosition, events: head.lastPosition });
    expect(progress[progress.length - 1]).toBe(head.lastPosition);
    const inWorker = await withReadModel((_q, rm) => dumpReadModel(rm.db));
    expect(inWorker.flows).toHaveLength(21);

    await rebuildProjections(store, { url: readModelUrl });
    expect(await withReadModel((_q, rm) => dumpReadModel(rm.db))).toEqual(inWorker);
  });

  if (backend === 'sqlite') {
    it('a one-shot rebuild that fails reports its error name and code, and leaves the read model as it was', async () => {
      await store.appendBatch(appendRequests([publish(testPolicy(), '2024-01-01T00:00:00Z'), acquire('kept', ['email'], '2024-02-01T00:00:00Z')]));
      await rebuildProjections(store, { url: readModelUrl });
      const before = await withReadModel((_q, rm) => dumpReadModel(rm.db));
      await store.appendBatch(appendRequests([acquire('secret-subject@example.com', ['email'], '2024-02-02T00:00:00Z')]));
      // The event log is not a SQLite database: opening it in the worker fails before anything is written.
      const notAStore = join(dir, 'not-a-store.db');
      writeFileSync(notAStore, 'this is not a database file, but long enough to look like one'.repeat(100));
      const failure = await rebuildInWorker({ readModelUrl, eventStore: { dbPath: notAStore } }).catch((err: Error & { code?: string }) => err);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).toEqual(expect.objectContaining({ code: 'SQLITE_NOTADB', message: 'rebuild failed (Error SQLITE_NOTADB)' }));
      expect(String((failure as Error).message)).not.toContain('secret-subject');
      expect(await withReadModel((_q, rm) => dumpReadModel(rm.db))).toEqual(before);
    });

    it('reports a failing batch by error name and code only, and retries until it succeeds', async () => {
      const first = await store.appendBatch(appendRequests([publish(testPolicy(), '2024-01-01T00:00:00Z')]));
      const live = await startRunner();
      expect(await live.waitFor(first.lastPosition, WAIT_MS)).toBe(true);

      // Take the checkpoints table away from the worker: every batch fails until it is back.
      const sqlite = new Database(join(dir, 'read.db'));
      try {
        sqlite.exec('ALTER TABLE checkpoints RENAME TO checkpoints_away');
        const reported = new Promise<void>((resolve) => {
          const poll = () => (errors.length ? resolve() : setTimeout(poll, 10));
          poll();
        });
        const second = await store.appendBatch(appendRequests([acquire('secret-subject@example.com', ['email'], '2024-02-01T00:00:00Z')]));
        await reported;
        expect(errors[0]).toEqual({ error: 'SqliteError', code: 'SQLITE_ERROR', position: first.lastPosition });
        expect(JSON.stringify(errors)).not.toContain('secret-subject');
        expect(live.projectedPosition()).toBe(first.lastPosition);

        sqlite.exec('ALTER TABLE checkpoints_away RENAME TO checkpoints');
        expect(await live.waitFor(second.lastPosition, WAIT_MS)).toBe(true);
        expect(await withReadModel((q) => q.countFlows())).toBe(1);
      } finally {
        sqlite.close();
      }
    });
  }
});
