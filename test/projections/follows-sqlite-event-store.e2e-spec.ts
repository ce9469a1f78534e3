import { streamOf, type AshiatoEvent } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { migrateReadModel, ProjectionQueries, ProjectionRunner, type ReadModel } from '@ashiato/projections';
import { acquire, erase, provide, publish, testPolicy, use } from '../../libs/projections/src/testing/fixtures.testing';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { availableBackends } from './read-model-backends';

function appendRequests(events: AshiatoEvent[]) {
  return events.map((e) => ({
    stream: streamOf(e),
    events: [{ eventId: e.eventId, type: e.type, data: e as unknown as Record<string, unknown> }],
    expectedVersion: 'any' as const,
  }));
}

describe.each(availableBackends())('projection of the SQLite event store on $name', (backend) => {
  let rm: ReadModel;
  let store: SqliteEventStore;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    rm = await backend.open();
    await migrateReadModel(rm);
    store = new SqliteEventStore({ path: ':memory:', pageSize: 7 });
    runner = new ProjectionRunner(rm, store, { batchSize: 5, retryDelayMs: 10 });
  });
  afterEach(async () => {
    await runner.stop();
    await store.close();
    await backend.dispose(rm);
  });

  it('follows appends to the real store and a rebuild reproduces the same read model', async () => {
    const first = await store.appendBatch(
      appendRequests([
        publish(testPolicy(), '2024-01-01T00:00:00Z'),
        ...Array.from({ length: 20 }, (_, i) => acquire(`s${i}`, ['email', 'name'], '2024-02-01T00:00:00Z')),
      ]),
    );
    await runner.start();
    const second = await store.appendBatch(
      appendRequests([
        provide('s1', 'courier', ['email'], '2024-02-02T00:00:00Z', 'entrustment'),
        use('s2', ['email'], ['marketing'], '2024-02-03T00:00:00Z'),
        erase('s1', ['email'], '2024-02-04T00:00:00Z'),
      ]),
    );
    expect(second.lastPosition).toBe(first.lastPosition + 3);
    expect(await runner.waitFor(second.lastPosition, 5_000)).toBe(true);

    const queries = new ProjectionQueries(rm.db);
    expect(await queries.countFlows()).toBe(22);
    expect((await queries.listErasures({ subjectRef: 's1' })).items).toEqual([expect.objectContaining({ holder: 'courier', items: ['email'] })]);
    expect((await queries.listViolations({ subjectRef: 's2' })).items.map((v) => v.code)).toContain('PURPOSE_UNDECLARED');

    const live = await dumpReadModel(rm.db);
    await runner.rebuild();
    expect(await dumpReadModel(rm.db)).toEqual(live);
  });
});
