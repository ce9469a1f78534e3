import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ashiato/event-store';
import { startApi, type ApiHarness } from './support/api-harness';
import { projectsPositionsPast2To31, START } from './support/positions-past-2-31';

jest.setTimeout(120_000);

/** The position columns of a SQLite database: table, column and declared type. */
function positionColumns(path: string): { column: string; type: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    return tables.flatMap(({ name }) =>
      db
        .prepare<[], { name: string; type: string }>(`SELECT name, type FROM pragma_table_info('${name.replace(/'/g, "''")}')`)
        .all()
        .filter((c) => c.name.endsWith('position'))
        .map((c) => ({ column: `${name}.${c.name}`, type: c.type })),
    );
  } finally {
    db.close();
  }
}

describe('log positions above 2^31 on SQLite (event log and read model)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-positions-'));
  const dbPath = join(dir, 'events.db');
  const readPath = join(dir, 'read.db');
  let api: ApiHarness | undefined;

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects events whose positions exceed 2^31 and reads them back by position', async () => {
    // A log whose next position is START + 1: the AUTOINCREMENT counter moved as if 2^31 events were stored.
    const store = new SqliteEventStore({ path: dbPath });
    await store.identity();
    await store.close();
    const db = new Database(dbPath);
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(START);
    db.close();

    api = await startApi({ dbPath, readModelUrl: `sqlite:${readPath}` });
    await projectsPositionsPast2To31(api);

    // SQLite's INTEGER holds 64 bits; a column declared otherwise (TEXT, REAL) would not compare as one.
    const columns = [...positionColumns(dbPath), ...positionColumns(readPath)];
    expect(columns.length).toBeGreaterThanOrEqual(10);
    expect(columns.filter((c) => c.type.toUpperCase() !== 'INTEGER')).toEqual([]);
  });
});
