import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openReadModel, type ReadModel } from '@ashiato/projections';

export const PG_URL = process.env.ASHIATO_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty read model (a new schema on PostgreSQL). */
  open(): Promise<ReadModel>;
  /** Closes it and drops what it created. */
  dispose(rm: ReadModel): Promise<void>;
}

const RUN = `proj_${process.pid}_${randomBytes(3).toString('hex')}`;
let schemas = 0;

export const sqliteBackend: Backend = {
  name: 'sqlite',
  open: async () => openReadModel(':memory:'),
  dispose: (rm) => rm.close(),
};

export const postgresBackend: Backend = {
  name: 'postgres',
  open: async () => openReadModel(`${PG_URL}?schema=${RUN}_${++schemas}`),
  dispose: async (rm) => {
    await sql`drop schema if exists ${sql.id(rm.schema!)} cascade`.execute(rm.db);
    await rm.close();
  },
};

/** Synchronous so the suite can decide its backends while jest collects tests. */
export function postgresReachable(): boolean {
  const probe = `const { Client } = require('pg');
    const c = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 2000 });
    c.connect().then(() => c.query('select 1')).then(() => process.exit(0), () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', probe], { env: { ...process.env, PROBE_URL: PG_URL }, timeout: 5_000 });
  return result.status === 0;
}

/**
 * SQLite always; PostgreSQL when reachable. In CI (CI=true) PostgreSQL is never skipped: an
 * unreachable server fails the suite instead.
 */
export function availableBackends(): Backend[] {
  if (process.env.CI === 'true' || postgresReachable()) return [sqliteBackend, postgresBackend];
  console.warn(`PostgreSQL unreachable at ${new URL(PG_URL).host}: projection suite runs on SQLite only (allowed outside CI)`);
  return [sqliteBackend];
}
