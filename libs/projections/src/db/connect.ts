import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool, types as pgTypes, type CustomTypesConfig } from 'pg';
import type { ReadModelDatabase } from './read-model.types';

export type ReadModelDialect = 'sqlite' | 'postgres';

/** The read-model database: a typed Kysely instance plus what the engine needs to know about it. */
export interface ReadModel {
  db: Kysely<ReadModelDatabase>;
  dialect: ReadModelDialect;
  /** The raw connection on SQLite: the engine writes batches through prepared statements on it. */
  sqlite?: Database.Database;
  /** PostgreSQL schema the tables live in (from `?schema=` of the URL), if not the default. */
  schema?: string;
  close(): Promise<void>;
}

export const DEFAULT_READ_MODEL_URL = 'sqlite:./data/ashiato-read.db';

/**
 * Opens the read model a URL (READ_MODEL_URL) names: `sqlite:<path>`, `sqlite::memory:`, a bare path or
 * `:memory:` (SQLite), or `postgres://…[?schema=name]` (PostgreSQL, tables in that schema).
 */
export function openReadModel(url: string = DEFAULT_READ_MODEL_URL): ReadModel {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  return openSqlite(url.replace(/^sqlite:(\/\/)?/, ''));
}

function openSqlite(path: string): ReadModel {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(memory ? ':memory:' : path);
  if (!memory) sqlite.pragma('journal_mode = WAL');
  // Read models are rebuildable from the log, so durability of the last batch can be traded for speed.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // Keys such as event ids are random, so B-tree inserts touch pages all over: a larger page cache pays off.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<ReadModelDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

const INT8_OID = 20;

/** A PostgreSQL bigint as a number: positions (and counts) stay below 2^53, and never round silently. */
export function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw Object.assign(new RangeError('a read-model bigint exceeds 2^53 - 1'), { code: 'POSITION_OUT_OF_RANGE' });
  return n;
}

/**
 * pg hands bigint columns (every log position, and count(*)) over as strings by default; on this pool
 * they arrive as numbers, so a position above 2^31 compares and serialises like any other.
 */
const READ_MODEL_PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseBigint : pgTypes.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};

function openPostgres(url: string): ReadModel {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (schema && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw Object.assign(new Error('READ_MODEL_URL schema must be a plain identifier'), { code: 'READ_MODEL_BAD_SCHEMA' });
  }
  const pool = new Pool({
    connectionString: parsed.toString(),
    max: 4,
    types: READ_MODEL_PG_TYPES,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  const db = new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema, close: () => db.destroy() };
}
