import { sql } from 'kysely';
import { checkLogIdentity, migrateReadModel, ProjectionQueries, ProjectionRunner, SCHEMA_MARKER, type ReadModel } from '@ashiato/projections';
import { acquire, publish, testPolicy, use } from '../../libs/projections/src/testing/fixtures.testing';
import { InMemoryEventStore } from '../../libs/projections/src/testing/in-memory-event-store.testing';
import { availableBackends } from './read-model-backends';

const POSITION_TABLES = ['checkpoints', 'policies', 'holdings', 'flows', 'violations', 'provision_records', 'breaches', 'breach_facts', 'subject_state'];

/** Turns a read model back into what schema 10 made: no log identity, holdings' acquired_event_id, 32-bit positions on PostgreSQL. */
async function makePreviousSchema(rm: ReadModel): Promise<void> {
  await sql`alter table checkpoints drop column log_id`.execute(rm.db);
  await sql`alter table checkpoints drop column event_hash`.execute(rm.db);
  await sql`alter table holdings add column acquired_event_id text`.execute(rm.db);
  if (rm.dialect === 'postgres') for (const t of POSITION_TABLES) await sql`alter table ${sql.table(t)} alter column position type integer`.execute(rm.db);
  await rm.db.updateTable('checkpoints').set({ position: 10 }).where('projection', '=', SCHEMA_MARKER).execute();
}

describe.each(availableBackends())('the log a read model was built from, on $name', (backend) => {
  let rm: ReadModel;
  let store: InMemoryEventStore;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    rm = await backend.open();
    await migrateReadModel(rm);
    store = new InMemoryEventStore();
    await store.add(
      publish(testPolicy(), '2024-01-01T00:00:00Z'),
      acquire('s1', ['email'], '2024-02-01T00:00:00Z'),
      use('s1', ['email'], ['marketing'], '2024-02-02T00:00:00Z'),
    );
    runner = new ProjectionRunner(rm, store, { retryDelayMs: 10 });
    await runner.start();
    expect(await runner.waitFor(3, 5_000)).toBe(true);
    await runner.stop();
  });
  afterEach(async () => {
    await runner?.stop();
    await backend.dispose(rm);
  });

  const checkpoint = () =>
    rm.db.selectFrom('checkpoints').select(['position', 'log_id', 'event_hash']).where('projection', '=', 'read-model').executeTakeFirstOrThrow();

  it('records the log id and the hash of the event at the checkpoint with the checkpoint', async () => {
    expect(await checkpoint()).toEqual({ position: 3, log_id: store.logId, event_hash: store.events[2].hash });
    expect(await checkLogIdentity(rm.db, store, 'read-model')).toEqual({ ok: true, adopted: false });
  });

  it('a runner on another log projects nothing into the read model and reports both ids until it is rebuilt', async () => {
    const other = new InMemoryEventStore();
    await other.add(
      acquire('x1', ['email'], '2024-03-01T00:00:00Z'),
      acquire('x2', ['email'], '2024-03-01T00:00:00Z'),
      acquire('x3', ['email'], '2024-03-01T00:00:00Z'),
      acquire('x4', ['email'], '2024-03-01T00:00:00Z'),
    );
    runner = new ProjectionRunner(rm, other, { retryDelayMs: 10 });
    await runner.start();
    expect(runner.logMismatch()).toEqual({ reason: 'other-log', readModelLogId: store.logId, logId: other.logId, checkpoint: 3, headPosition: 4 });
    expect(await runner.waitFor(4, 200)).toBe(false);
    expect(await checkpoint()).toEqual(expect.objectContaining({ position: 3, log_id: store.logId }));

    const result = await runner.rebuild();
    expect(result.replacedLog).toEqual(expect.objectContaining({ readModelLogId: store.logId, logId: other.logId }));
    expect(runner.logMismatch()).toBeUndefined();
    expect(await new ProjectionQueries(rm.db).countHoldingsAsOf({ subjectRef: 's1' })).toBe(0);
    expect(await new ProjectionQueries(rm.db).countHoldingsAsOf({ subjectRef: 'x4' })).toBe(1);
  });

  it('a log with the same id whose head is below the checkpoint, or whose event there differs, is another log', async () => {
    const shorter = new InMemoryEventStore();
    shorter.logId = store.logId;
    shorter.events.push(...store.events.slice(0, 2));
    expect(await checkLogIdentity(rm.db, shorter, 'read-model')).toEqual({
      ok: false,
      mismatch: expect.objectContaining({ reason: 'log-shorter', headPosition: 2, checkpoint: 3 }),
    });

    const rewritten = new InMemoryEventStore();
    rewritten.logId = store.logId;
    await rewritten.add(...store.events.slice(0, 2).map((e) => e.data as never), use('s1', ['email'], ['service'], '2024-02-02T00:00:00Z'));
    expect(await checkLogIdentity(rm.db, rewritten, 'read-model')).toEqual({
      ok: false,
      mismatch: expect.objectContaining({ reason: 'event-differs', readModelLogId: store.logId }),
    });
  });

  it('upgrades a read model of schema 10 in place and adopts it when its newest event is the log’s', async () => {
    await makePreviousSchema(rm);
    await migrateReadModel(rm);
    // Kept, not projected again: the rows are still there before anything runs.
    expect(await new ProjectionQueries(rm.db).countFlows()).toBe(2);
    expect(await checkpoint()).toEqual({ position: 3, log_id: null, event_hash: null });
    if (rm.dialect === 'postgres') {
      const { rows } = await sql<{
        t: string;
      }>`select distinct data_type as t from information_schema.columns where table_schema = ${rm.schema!} and column_name = 'position'`.execute(rm.db);
      expect(rows).toEqual([{ t: 'bigint' }]);
    }

    expect(await checkLogIdentity(rm.db, new InMemoryEventStore(), 'read-model')).toEqual({
      ok: false,
      mismatch: expect.objectContaining({ reason: 'log-shorter', readModelLogId: null }),
    });
    const lookalike = new InMemoryEventStore();
    await lookalike.add(
      acquire('y1', ['email'], '2024-03-01T00:00:00Z'),
      acquire('y2', ['email'], '2024-03-01T00:00:00Z'),
      acquire('y3', ['email'], '2024-03-01T00:00:00Z'),
    );
    expect(await checkLogIdentity(rm.db, lookalike, 'read-model')).toEqual({
      ok: false,
      mismatch: expect.objectContaining({ reason: 'unrecorded', readModelLogId: null }),
    });

    expect(await checkLogIdentity(rm.db, store, 'read-model')).toEqual({ ok: true, adopted: true });
    expect(await checkpoint()).toEqual({ position: 3, log_id: store.logId, event_hash: store.events[2].hash });
  });
});
