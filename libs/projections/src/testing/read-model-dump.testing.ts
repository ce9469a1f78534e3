import type { Kysely } from 'kysely';
import { READ_MODEL_TABLES, type ReadModelDatabase } from '../db/read-model.types';

/** Test support: every read-model row, in a stable order, for comparing two projections of one log. */
export async function dumpReadModel(db: Kysely<ReadModelDatabase>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows.map(normalise).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return out;
}

/** One row as a string with its keys sorted; numbers from PostgreSQL drivers become plain numbers. */
function normalise(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => [k, typeof row[k] === 'bigint' ? Number(row[k]) : row[k]]));
}
