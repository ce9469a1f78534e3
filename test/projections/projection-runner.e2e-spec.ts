import { migrateReadModel, ProjectionQueries, ProjectionRunner, rebuildReadModel, type ReadModel, type RebuildPhase } from '@ashiato/projections';
import { acquire, provide, publish, testPolicy } from '../../libs/projections/src/testing/fixtures.testing';
import { InMemoryEventStore } from '../../libs/projections/src/testing/in-memory-event-store.testing';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { availableBackends } from './read-model-backends';

describe.each(availableBackends())('projection runner on $name', (backend) => {
  let rm: ReadModel;
  let store: InMemoryEventStore;
  let runner: ProjectionRunner;
  let queries: ProjectionQueries;

  beforeEach(async () => {
    rm = await backend.open();
    await migrateReadModel(rm);
    store = new InMemoryEventStore();
    runner = new ProjectionRunner(rm, store, { batchSize: 4, retryDelayMs: 10 });
    queries = new ProjectionQueries(rm.db);
  });
  afterEach(async () => {
    await runner.stop();
    await backend.dispose(rm);
  });

  it('follows appends live, so a reader waiting for its write position sees the write', async () => {
    await store.add(publish(testPolicy(), '2024-01-01T00:00:00Z'), acquire('s1', ['email'], '2024-02-01T00:00:00Z'));
    await runner.start();
    const last = await store.add(provide('s1', 'courier', ['email'], '2024-02-02T00:00:00Z', 'entrustment'));

    expect(await runner.waitFor(last, 5_000)).toBe(true);
    expect(runner.projectedPosition()).toBe(last);
    expect((await queries.holdingsAsOf({ holder: 'courier', asOf: '2024-03-01T00:00:00Z' })).items).toEqual([
      expect.objectContaining({ subjectRef: 's1', item: 'email', eventId: store.events[last - 1].eventId }),
    ]);
  });

  it('answers false when the position is not reached in time', async () => {
    await runner.start();
    expect(await runner.waitFor(99, 50)).toBe(false);
  });

  it('rebuilds into fresh tables while following, with the same rows as before, and keeps following', async () => {
    for (let i = 0; i < 10; i++) await store.add(acquire(`s${i}`, ['email', 'name'], `2024-02-0${(i % 9) + 1}T00:00:00Z`));
    await store.add(publish(testPolicy(), '2024-01-01T00:00:00Z'));
    await runner.start();
    expect(await runner.waitFor(11, 5_000)).toBe(true);
    const before = await dumpReadModel(rm.db);

    const progress: number[] = [];
    const phases: RebuildPhase[] = [];
    const result = await runner.rebuild(({ done, phase }) => {
      progress.push(done);
      if (phases[phases.length - 1] !== phase) phases.push(phase);
    });
    expect(result.position).toBe(11);
    expect(progress[progress.length - 1]).toBe(11);
    // Each phase once, in order; only SQLite defers the holding closes to a phase of their own.
    expect(phases).toEqual(['projecting', ...(backend.name === 'sqlite' ? ['closing'] : []), 'indexing', 'breaches', 'swapping']);
    expect(await dumpReadModel(rm.db)).toEqual(before);

    const last = await store.add(acquire('late', ['email'], '2024-03-01T00:00:00Z'));
    expect(await runner.waitFor(last, 5_000)).toBe(true);
    expect(await queries.countHoldingsAsOf({ subjectRef: 'late' })).toBe(1);
  });

  it('notices a rebuild swapped in by another process and projects what that rebuild had not seen', async () => {
    for (let i = 0; i < 5; i++) await store.add(acquire(`s${i}`, ['email'], '2024-02-01T00:00:00Z'));
    await runner.start();
    expect(await runner.waitFor(5, 5_000)).toBe(true);

    // `ashiato rebuild` in another process read the log when it held only 3 events.
    const earlier = new InMemoryEventStore();
    earlier.logId = store.logId; // the same log, read earlier
    earlier.events.push(...store.events.slice(0, 3));
    await rebuildReadModel(rm, earlier);

    const last = await store.add(acquire('s5', ['email'], '2024-02-02T00:00:00Z'));
    expect(await runner.waitFor(last, 5_000)).toBe(true);
    expect(await queries.countFlows()).toBe(6);
  });
});
