import { SqliteEventStore } from '@ashiato/event-store';
import type { AshiatoEvent } from '@ashiato/domain';
import { appendEvents } from '../../apps/api/src/ingest/append-events';
import { createApp } from '../../apps/api/src/create-app';
import { lineBatches, secondsSince } from '../lib/ndjson';
import { BATCH, type Throughput } from './ceilings';

/**
 * Ingest through the store as `ashiato ingest` does (less its validation): parse, group by stream,
 * one appendBatch per 5,000 events, each event stored as the line it came in.
 */
export async function storeIngest(ndjson: string, dbPath: string): Promise<Throughput> {
  const store = new SqliteEventStore({ path: dbPath });
  let events = 0;
  const t0 = process.hrtime.bigint();
  try {
    for await (const lines of lineBatches(ndjson, BATCH)) {
      events += (await appendEvents(store, lines.map((l) => JSON.parse(l) as AshiatoEvent), lines)).accepted;
    }
  } finally {
    // Closing writes the last of the WAL back into the database: part of the work, inside the clock.
    await store.close();
  }
  return { events, seconds: secondsSince(t0) };
}

/**
 * Ingest through HTTP: the API in this process on a random loopback port (its projection runner
 * follows the log live, as in production), NDJSON bodies of 5,000 events, validated by the API;
 * the first `limit` events of the file (rounded up to a whole batch).
 */
export async function httpIngest(ndjson: string, dbPath: string, readModelPath: string, limit = Infinity): Promise<Throughput> {
  process.env.ASHIATO_AUTH = 'off';
  const app = await createApp({ port: 0, dbPath, readModelUrl: `sqlite:${readModelPath}`, hmacKey: 'bench-hmac-key-without-meaning', logLevel: 'silent', maxBody: '64mb' });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let events = 0;
  const t0 = process.hrtime.bigint();
  try {
    for await (const lines of lineBatches(ndjson, BATCH)) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
      const body = (await res.json()) as { accepted?: number; code?: string; message?: string };
      if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status} ${body.code ?? ''}: ${body.message ?? ''}`);
      events += body.accepted ?? 0;
      if (events >= limit) break;
    }
    return { events, seconds: secondsSince(t0) };
  } finally {
    await app.close();
  }
}
