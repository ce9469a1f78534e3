import type { AccessRecorded, AshiatoEvent } from '@ashiato/domain';
import { openReadModel, type ReadModel } from '../db/connect';
import { migrateReadModel } from '../db/migrations';
import { ProjectionQueries } from '../queries/projection-queries';
import { acquire, erase, eventId, provide, publish, testPolicy, consent } from '../testing/fixtures.testing';
import { InMemoryEventStore } from '../testing/in-memory-event-store.testing';
import { ProjectionEngine } from './projection-engine';
import { rebuildReadModel } from './rebuild';
import { dumpReadModel } from '../testing/read-model-dump.testing';

/**
 * The projection's clock (which decides when an erasure deadline passed) follows event time, but an
 * event dated far ahead cannot move it past the time the log recorded it, and reads never move it.
 */
describe('projection clock', () => {
  let rm: ReadModel;
  let queries: ProjectionQueries;
  /** The time the log records the next appended events at. */
  let now: string;
  let store: InMemoryEventStore;

  beforeEach(async () => {
    rm = openReadModel(':memory:');
    await migrateReadModel(rm);
    queries = new ProjectionQueries(rm.db);
    now = '2024-03-05T00:00:00.000Z';
    store = new InMemoryEventStore({ recordedAt: () => now });
    // An erasure on 1 March: the partner has until 31 March to confirm it.
    await store.add(
      publish(testPolicy(), '2024-01-01T00:00:00Z'),
      acquire('s1', ['email'], '2024-02-01T00:00:00Z'),
      consent('s1', '2024-02-01T00:00:00Z', ['partner']),
      provide('s1', 'partner', ['email'], '2024-02-02T00:00:00Z', 'consent'),
      erase('s1', ['email'], '2024-03-01T00:00:00Z'),
    );
  });
  afterEach(() => rm.close());

  const project = () => new ProjectionEngine(rm, { batchSize: 2, erasureDeadlineDays: 30 }).catchUp(store);
  const overdue = () => queries.countViolations({ code: 'ERASURE_NOT_PROPAGATED' });
  const read = (occurredAt: string): AccessRecorded => ({
    type: 'AccessRecorded',
    eventId: eventId(),
    occurredAt,
    actor: 'key-1',
    action: 'lineage.read',
    target: 's1',
  });

  it('an event dated 9999-12-31 does not make open erasures overdue, and is still listed at its own date', async () => {
    await store.add(acquire('s2', ['email'], '9999-12-31T00:00:00Z'));
    await project();
    expect(await overdue()).toBe(0);
    expect((await queries.listFlows({ subjectRef: 's2' })).items.map((f) => f.occurredAt)).toEqual(['9999-12-31T00:00:00.000Z']);

    // Once the log records events after the deadline, the deadline has passed.
    now = '2024-04-02T00:00:00.000Z';
    await store.add(acquire('s3', ['email'], '2024-04-01T00:00:00Z'));
    await project();
    expect(await overdue()).toBe(1);
  });

  it('an event dated ahead moves the clock only up to its recording time plus the skew', async () => {
    now = '2024-03-30T23:58:00.000Z';
    await store.add(acquire('s2', ['email'], '2024-06-01T00:00:00Z'));
    // Recorded two minutes before the deadline: a one-minute skew stops short of it, three minutes pass it.
    await rebuildReadModel(rm, store, { erasureDeadlineDays: 30, futureSkewMs: 60_000 });
    expect(await overdue()).toBe(0);
    await rebuildReadModel(rm, store, { erasureDeadlineDays: 30, futureSkewMs: 3 * 60_000 });
    expect(await overdue()).toBe(1);
  });

  it('read-only audit events, however many and whenever dated, leave the violations as they were', async () => {
    await project();
    const before = await queries.countViolations();
    now = '2026-12-01T00:00:00.000Z';
    const reads: AshiatoEvent[] = Array.from({ length: 25 }, (_, i) => read(`2026-12-01T00:00:${String(i).padStart(2, '0')}Z`));
    await store.add(...reads);
    await project();
    expect(await queries.countViolations()).toBe(before);
    expect(await overdue()).toBe(0);
  });

  it('a rebuild reads the same clock as the incremental projection', async () => {
    now = '2024-03-06T00:00:00.000Z';
    await store.add(acquire('s2', ['email'], '9999-12-31T00:00:00Z'), read('2024-05-01T00:00:00Z'));
    now = '2024-04-15T00:00:00.000Z';
    await store.add(acquire('s3', ['email'], '2024-04-10T00:00:00Z'));
    for (let i = 0; i < store.events.length; i++)
      await new ProjectionEngine(rm, { erasureDeadlineDays: 30, logId: store.logId }).applyBatch(store.events.slice(i, i + 1));
    const incremental = await dumpReadModel(rm.db);
    await rebuildReadModel(rm, store, { erasureDeadlineDays: 30 });
    expect(await dumpReadModel(rm.db)).toEqual(incremental);
    expect(await overdue()).toBe(1);
  });
});
