import { openReadModel, type ReadModel } from '../db/connect';
import { migrateReadModel } from '../db/migrations';
import { acquire, erase, provide, publish, testPolicy } from '../testing/fixtures.testing';
import { InMemoryEventStore } from '../testing/in-memory-event-store.testing';
import { dumpReadModel } from '../testing/read-model-dump.testing';
import { rebuildReadModel } from './rebuild';

describe('rebuild under sustained ingest', () => {
  let rm: ReadModel;
  beforeEach(async () => {
    rm = openReadModel(':memory:');
    await migrateReadModel(rm);
  });
  afterEach(() => rm.close());

  const subjectEvents = (n: number) => {
    const day = String((n % 27) + 1).padStart(2, '0');
    return [
      acquire(`s${n}`, ['email', 'name'], `2024-02-${day}T00:00:00Z`),
      provide(`s${n}`, 'courier', ['email'], `2024-02-${day}T01:00:00Z`, 'entrustment'),
      erase(`s${n}`, ['email'], `2024-03-${day}T00:00:00Z`),
    ];
  };

  it('loads the log up to the head it found at the start, then catches up on what arrived meanwhile: every event projected once', async () => {
    const store = new InMemoryEventStore();
    await store.add(publish(testPolicy(), '2024-01-01T00:00:00Z'));
    for (let n = 0; n < 40; n++) await store.add(...subjectEvents(n));
    const headAtStart = await store.headPosition();
    // Ingest keeps appending while the rebuild projects: three events per page it loads.
    let more = 40;
    const result = await rebuildReadModel(rm, store, {
      batchSize: 5,
      onProgress: (p) => {
        if (p.phase === 'projecting' && more < 400) void store.add(...subjectEvents(more++));
      },
    });
    expect(result.events).toBe(headAtStart);
    expect(result.position).toBe(await store.headPosition());
    expect(result.position).toBeGreaterThan(headAtStart);

    const fresh = openReadModel(':memory:');
    try {
      await migrateReadModel(fresh);
      await rebuildReadModel(fresh, store, { batchSize: 50 });
      expect(await dumpReadModel(rm.db)).toEqual(await dumpReadModel(fresh.db));
    } finally {
      await fresh.close();
    }
  });
});
