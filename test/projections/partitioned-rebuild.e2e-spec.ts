import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamOf, type AshiatoEvent } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { migrateReadModel, openReadModel, rebuildProjections, type ReadModel } from '@ashiato/projections';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { acquire, consent, erase, provide, publish, testPolicy, use } from '../../libs/projections/src/testing/fixtures.testing';
import { availableBackends, PG_URL, postgresBackend, sqliteBackend } from './read-model-backends';

function appendRequests(events: AshiatoEvent[]) {
  return events.map((e) => ({
    stream: streamOf(e),
    events: [{ eventId: e.eventId, type: e.type, data: e as unknown as Record<string, unknown> }],
    expectedVersion: 'any' as const,
  }));
}

/** 30 subjects: acquisitions, provisions with and without consent, uses, erasures (some never followed), a breach. */
function history(): AshiatoEvent[] {
  const out: AshiatoEvent[] = [publish(testPolicy(), '2024-01-01T00:00:00Z')];
  for (let i = 0; i < 30; i++) {
    const s = `hmac:subject-${i}`;
    const day = `2024-02-${String(1 + (i % 20)).padStart(2, '0')}T00:00:00Z`;
    out.push(acquire(s, ['email', 'name'], day));
    if (i % 3 === 0) out.push(consent(s, day, ['partner']));
    if (i % 2 === 0) out.push(provide(s, i % 3 === 0 ? 'partner' : 'courier', ['email'], day, i % 3 === 0 ? 'consent' : 'entrustment'));
    if (i % 5 === 0) out.push(use(s, ['email'], ['marketing'], day));
    if (i % 4 === 0) out.push(erase(s, ['email'], '2024-03-01T00:00:00Z'));
  }
  out.push({
    type: 'BreachDeclared',
    eventId: 'breach-1',
    occurredAt: '2024-04-02T00:00:00Z',
    breachId: 'b1',
    holder: 'courier',
    items: ['email'],
    window: { from: '2024-01-01T00:00:00Z', to: '2024-03-31T00:00:00Z' },
    discoveredAt: '2024-04-02T00:00:00Z',
    controller: 'shop',
  });
  // Past the erasure deadlines: obligations not followed become violations in every partition's clock.
  out.push(acquire('hmac:late', ['email'], '2024-06-01T00:00:00Z'));
  return out;
}

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
    await store.appendBatch(appendRequests(history()));
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
