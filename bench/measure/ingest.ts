import { Client } from 'pg';
import { PgEventStore, SqliteEventStore, type EventStore } from '@ashiato/event-store';
import type { AshiatoEvent } from '@ashiato/domain';
import { LiveProjection } from '@ashiato/projections';
import { appendEvents } from '@ashiato/application';
import { postEvents, startInProcessApi } from '../lib/ingest-api';
import { lineBatches, secondsSince } from '../lib/ndjson';
import { BATCH, type Throughput } from './ceilings';

/**
 * Ingest through the store as `ashiato ingest` does (less its validation): parse, group by stream,
 * one appendBatch per 5,000 events, each event stored as the line it came in; the first `limit`
 * events of the file (rounded up to a whole batch).
 */
export async function storeIngest(ndjson: string, dbPath: string, limit = Infinity): Promise<Throughput> {
  const store = new SqliteEventStore({ path: dbPath });
  const t0 = process.hrtime.bigint();
  let events = 0;
  try {
    events = await appendFile(store, ndjson, limit);
  } finally {
    // Closing writes the last of the WAL back into the database: part of the work, inside the clock.
    await store.close();
  }
  return { events, seconds: secondsSince(t0) };
}

/** HTTP ingest: until the last 202, and until the live projection had projected the last event. */
export interface HttpThroughput extends Throughput {
  projectedSeconds: number;
}

/** Longest wait for the live projection to reach the last acknowledged event. */
const PROJECTION_WAIT_MS = 30 * 60_000;

/**
 * Ingest through HTTP: the API in this process on a random loopback port (its live projection
 * follows the log as in production: in a worker thread, the default for file databases), NDJSON
 * bodies of 5,000 events, validated by the API; the first `limit` events of the file (rounded up to
 * a whole batch). Two clocks: until the last 202 (what a sender waits for) and until the projection
 * has projected the last acknowledged event (when reads with ?minPosition= see all of it).
 */
export async function httpIngest(ndjson: string, dbPath: string, readModelPath: string, limit = Infinity): Promise<HttpThroughput> {
  const { app, url } = await startInProcessApi(dbPath, readModelPath);
  let events = 0;
  let lastPosition = 0;
  const t0 = process.hrtime.bigint();
  try {
    for await (const lines of lineBatches(ndjson, BATCH)) {
      const body = await postEvents(url, lines);
      events += body.accepted;
      lastPosition = Math.max(lastPosition, body.lastPosition);
      if (events >= limit) break;
    }
    const seconds = secondsSince(t0);
    if (!(await app.get(LiveProjection).waitFor(lastPosition, PROJECTION_WAIT_MS))) {
      throw new Error(`the live projection did not reach position ${lastPosition} within ${PROJECTION_WAIT_MS / 60_000} min`);
    }
    return { events, seconds, projectedSeconds: secondsSince(t0) };
  } finally {
    await app.close();
  }
}

export interface PgStoreFigures {
  append: Throughput;
  read: Throughput;
}

/**
 * The PostgreSQL event store (EVENTSTORE_URL=postgres://…) over loopback: the first `limit` events
 * appended as `ashiato ingest` appends them (5,000-event batches, hash chain included), then the whole
 * log read back page by page, in a schema of its own that is dropped afterwards.
 */
export async function pgStoreIngest(ndjson: string, url: string, limit: number): Promise<PgStoreFigures> {
  const schema = `ashiato_bench_${process.pid}`;
  const separator = url.includes('?') ? '&' : '?';
  const store = new PgEventStore({ url: `${url}${separator}schema=${schema}` });
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const t0 = process.hrtime.bigint();
    const events = await appendFile(store, ndjson, limit);
    const append = { events, seconds: secondsSince(t0) };
    let read = 0;
    const t1 = process.hrtime.bigint();
    for await (const page of store.iterateAll({ pageSize: BATCH })) read += page.length;
    return { append, read: { events: read, seconds: secondsSince(t1) } };
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

/** Appends the file's events as `ashiato ingest` does (one appendBatch per 5,000, each stored as its line) until `limit`; how many were accepted. */
async function appendFile(store: EventStore, ndjson: string, limit: number): Promise<number> {
  let events = 0;
  for await (const lines of lineBatches(ndjson, BATCH)) {
    const batch = lines.map((l) => JSON.parse(l) as AshiatoEvent);
    events += (await appendEvents(store, batch, lines)).accepted;
    if (events >= limit) break;
  }
  return events;
}
