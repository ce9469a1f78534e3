import { SqliteEventStore } from '@ashiato/event-store';
import { describeEventStoreConformance } from './event-store.conformance';

describeEventStoreConformance('SQLite in memory', () => new SqliteEventStore({ path: ':memory:' }));

describe('SQLite in memory: an empty store', () => {
  it('has head position 0 and an empty log', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll()).toEqual([]);
    await store.close();
  });
});
