import { sql } from 'kysely';
import type { BreachDeclared } from '@ashiato/domain';
import { existingTables, migrateReadModel, ProjectionEngine, READ_MODEL_SCHEMA_VERSION, SCHEMA_MARKER, type ReadModel } from '@ashiato/projections';
import { acquire, erase, eventId, provide, publish, testPolicy, use } from '../../libs/projections/src/testing/fixtures.testing';
import { InMemoryEventStore } from '../../libs/projections/src/testing/in-memory-event-store.testing';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { availableBackends } from './read-model-backends';

const KEYED = ['breach_affected', 'breach_counts', 'breach_provisions', 'breach_parties', 'stats'];

const breach: BreachDeclared = {
  type: 'BreachDeclared',
  eventId: eventId(),
  occurredAt: '2024-04-02T00:00:00Z',
  breachId: 'b-upgrade',
  holder: 'courier',
  items: ['email', 'name'],
  window: { from: '2024-03-01T00:00:00Z', to: '2024-03-31T23:59:59Z' },
  discoveredAt: '2024-04-02T00:00:00Z',
  cause: 'unauthorizedAccess',
  controller: 'shop',
};

/** Index names of the read model (the URL's schema on PostgreSQL). */
async function indexNames(rm: ReadModel): Promise<string[]> {
  const { rows } =
    rm.dialect === 'postgres'
      ? await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = ${rm.schema!}`.execute(rm.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(rm.db);
  return rows.map((r) => r.name);
}

/** Turns a read model back into what schema 11 made: holdings' acquired_event_id, the provision_records (event_id) index, and on SQLite rowid tables. */
async function makeSchema11(rm: ReadModel): Promise<void> {
  await sql`alter table holdings add column acquired_event_id text`.execute(rm.db);
  await sql`update holdings set acquired_event_id = (select event_id from flows where flows.position = holdings.position)`.execute(rm.db);
  await sql`create unique index ix_provision_records_event_id_v1__rb_old on provision_records (event_id)`.execute(rm.db);
  if (rm.dialect === 'sqlite')
    for (const t of KEYED) {
      await sql`create table ${sql.table(`${t}_rowid`)} as select * from ${sql.table(t)}`.execute(rm.db);
      await sql`drop table ${sql.table(t)}`.execute(rm.db);
      await sql`alter table ${sql.table(`${t}_rowid`)} rename to ${sql.table(t)}`.execute(rm.db);
    }
  await rm.db.updateTable('checkpoints').set({ position: 11 }).where('projection', '=', SCHEMA_MARKER).execute();
}

describe.each(availableBackends())('a read model of schema 11 upgraded in place (11 → 12 → 13) on $name', (backend) => {
  let rm: ReadModel;
  afterEach(() => backend.dispose(rm));

  it('keeps every row and answer, loses the unused index and column, and on SQLite keys the breach tables and stats without a rowid', async () => {
    rm = await backend.open();
    await migrateReadModel(rm);
    const store = new InMemoryEventStore();
    await store.add(
      publish(testPolicy('1'), '2024-01-01T00:00:00Z'),
      acquire('s1', ['email', 'name'], '2024-01-10T00:00:00Z'),
      provide('s1', 'courier', ['email', 'name'], '2024-02-01T00:00:00Z', 'entrustment'),
      use('s1', ['email'], ['marketing'], '2024-02-02T00:00:00Z'),
      acquire('s2', ['email'], '2024-01-10T00:00:00Z'),
      provide('s2', 'courier', ['email'], '2024-03-05T00:00:00Z', 'entrustment'),
      erase('s2', ['email'], '2024-05-01T00:00:00Z'),
      breach,
    );
    const engine = new ProjectionEngine(rm, { batchSize: 3 });
    await engine.catchUp(store);
    const before = await dumpReadModel(rm.db);
    expect(before.breach_affected).toHaveLength(2);

    await makeSchema11(rm);
    await migrateReadModel(rm);

    expect(await dumpReadModel(rm.db)).toEqual(before);
    const marker = await rm.db.selectFrom('checkpoints').select('position').where('projection', '=', SCHEMA_MARKER).executeTakeFirstOrThrow();
    expect(Number(marker.position)).toBe(READ_MODEL_SCHEMA_VERSION);
    expect((await indexNames(rm)).filter((n) => n.startsWith('ix_provision_records_event_id'))).toEqual([]);
    expect(await existingTables(rm)).not.toContain('breach_affected__v11');
    if (rm.dialect === 'sqlite') {
      const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table'`.execute(rm.db);
      expect(rows.filter((r) => /without rowid/i.test(r.sql)).map((r) => r.name)).toEqual(expect.arrayContaining(KEYED));
      expect(await indexNames(rm)).toEqual(expect.arrayContaining([expect.stringMatching(/^ix_breach_provisions_breach_id_provider/)]));
    }
    // Later batches write into the upgraded tables.
    await store.add(provide('s1', 'courier', ['email'], '2024-03-10T00:00:00Z', 'entrustment'));
    await engine.catchUp(store);
    expect((await dumpReadModel(rm.db)).breach_provisions.length).toBeGreaterThanOrEqual(before.breach_provisions.length);
  });
});
