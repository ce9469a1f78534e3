import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { KyselyKeyStore, migrateControlDb, openControlDb } from '@ashiato/control';

jest.setTimeout(60_000);

const PG_URL = process.env.ASHIATO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh PostgreSQL database for one test, or undefined (with a notice) when no server answers outside CI. */
async function freshPgDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = new Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (err) {
    if (process.env.CI === 'true') throw err;
    console.warn(`SKIPPED control database on PostgreSQL: no server at ${PG_URL}`);
    return undefined;
  }
  const name = `ashiato_control_${randomUUID().replace(/-/g, '')}`;
  // template0: nobody connects to it, so a concurrent session on template1 cannot make this fail
  await admin.query(`create database ${name} template template0`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe('control database', () => {
  for (const backend of ['sqlite', 'postgres'] as const) {
    it(`${backend}: migrations are versioned, applied once, and keys survive reopening`, async () => {
      const pg = backend === 'postgres' ? await freshPgDatabase() : undefined;
      if (backend === 'postgres' && !pg) return;
      const url = pg?.url ?? 'sqlite::memory:';
      try {
        const control = await openControlDb(url);
        const { rows } = await sql<{ name: string }>`select name from control_migration order by name`.execute(control.db);
        expect(rows.map((r) => r.name)).toEqual(['0001_api_key_digests']);
        // a second run applies nothing
        expect((await migrateControlDb(control.db)).results).toEqual([]);
        const { key } = await new KyselyKeyStore(control.db).create('breach', 'kept');
        if (pg) {
          await control.close();
          const again = await openControlDb(url);
          expect(await new KyselyKeyStore(again.db).findByKey(key)).toMatchObject({ role: 'breach', label: 'kept' });
          await again.close();
        } else {
          expect(await new KyselyKeyStore(control.db).findByKey(key)).toMatchObject({ role: 'breach', label: 'kept' });
          await control.close();
        }
      } finally {
        await pg?.drop();
      }
    });
  }

  it('a failing migration stops the opening with its name', async () => {
    const control = await openControlDb('sqlite::memory:');
    try {
      await expect(
        migrateControlDb(control.db, {
          '0001_api_key_digests': { up: async () => undefined },
          '0002_broken': { up: async (db) => void (await sql`create table`.execute(db)) },
        }),
      ).rejects.toMatchObject({ code: 'CONTROL_DB_MIGRATION_FAILED', message: expect.stringContaining('0002_broken') });
    } finally {
      await control.close();
    }
  });
});
