import type { PoolClient } from 'pg';
import { chainHash, GENESIS_HASH } from '../chain';
import { chainedFields } from '../event-row';
import { asTuple, EVENT_COLUMNS, type EventRow } from './pg-rows';

/**
 * The PostgreSQL event log's tables, created and upgraded by numbered steps. Each step runs once, in
 * the transaction that records it in `event_store_migrations`; a process that starts while another
 * migrates waits for it (transaction-level advisory lock), so two servers starting together are safe.
 *
 * - `events`: one row per event. `position` is the global order: dense (1, 2, 3, …) because appends
 *   are serialised by the single `event_log` row (see pg-appender.ts). `data`/`metadata` are the JSON
 *   text as appended (not jsonb: stored and read back byte for byte, never re-serialised).
 * - `event_log`: one row: the log's id and its head position, locked by every append.
 */
export const PG_MIGRATIONS: readonly {
  version: number;
  name: string;
  sql: (schema: string) => string;
  /** Work done in the same transaction after the SQL (e.g. computing values in JavaScript). */
  after?: (client: PoolClient, schema: string) => Promise<void>;
}[] = [
  {
    version: 1,
    name: 'events and log head',
    sql: (s) => `
      CREATE TABLE ${s}.events (
        position    bigint      PRIMARY KEY,
        stream_id   text        NOT NULL,
        version     bigint      NOT NULL,
        event_id    text        NOT NULL UNIQUE,
        type        text        NOT NULL,
        data        text        NOT NULL,
        metadata    text,
        recorded_at timestamptz NOT NULL,
        UNIQUE (stream_id, version)
      );
      CREATE TABLE ${s}.event_log (
        id            boolean PRIMARY KEY DEFAULT true CHECK (id),
        log_id        uuid    NOT NULL DEFAULT gen_random_uuid(),
        head_position bigint  NOT NULL DEFAULT 0
      );
      INSERT INTO ${s}.event_log DEFAULT VALUES;`,
  },
  {
    version: 2,
    name: 'hash chain',
    sql: (s) => `
      ALTER TABLE ${s}.events ADD COLUMN hash text;
      ALTER TABLE ${s}.event_log ADD COLUMN head_hash text NOT NULL DEFAULT '${GENESIS_HASH}';`,
    after: hashExistingRows,
  },
];

/** Migration 2: chains the rows a log already holds, in position order (chain.ts). */
async function hashExistingRows(client: PoolClient, s: string): Promise<void> {
  let previous = GENESIS_HASH;
  let at = '0';
  for (;;) {
    const { rows } = await client.query<EventRow>({
      text: `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT 5000`,
      values: [at],
      rowMode: 'array',
    });
    if (!rows.length) break;
    const positions: string[] = [];
    const hashes: string[] = [];
    for (const r of rows) {
      previous = chainHash(previous, chainedFields(asTuple(r)));
      positions.push(r[0]);
      hashes.push(previous);
      at = r[0];
    }
    await client.query(`UPDATE ${s}.events e SET hash = u.h FROM unnest($1::bigint[], $2::text[]) AS u(p, h) WHERE e.position = u.p`, [positions, hashes]);
  }
  await client.query(`UPDATE ${s}.event_log SET head_hash = $1`, [previous]);
}

export class EventStoreSchemaError extends Error {
  readonly code = 'EVENT_STORE_SCHEMA_NEWER';
  constructor(found: number, known: number) {
    super(`the PostgreSQL event log is at schema version ${found}; this version of Ashiato knows up to ${known}`);
    this.name = 'EventStoreSchemaError';
  }
}

/** `"name"`: a schema name already checked to be a plain identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates the schema if needed and applies the steps it has not seen yet; returns the version reached. */
export async function migrate(client: PoolClient, schema: string): Promise<number> {
  const s = quoteIdent(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ashiato-event-store:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.event_store_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${s}.event_store_migrations`);
    const current = rows[0]?.version ?? 0;
    const known = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;
    if (current > known) throw new EventStoreSchemaError(current, known);
    for (const step of PG_MIGRATIONS) {
      if (step.version <= current) continue;
      await client.query(step.sql(s));
      await step.after?.(client, s);
      await client.query(`INSERT INTO ${s}.event_store_migrations (version, name) VALUES ($1, $2)`, [step.version, step.name]);
    }
    await client.query('COMMIT');
    return known;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
