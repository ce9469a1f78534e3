import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { lineBatches, secondsSince } from '../lib/ndjson';
import { percentile } from '../lib/stats';
import { BATCH, type Throughput } from './ceilings';
import type { LatencyFigures } from './reads';

/** The part of Emmett's SQLite event store the benchmark uses (typed here: the package lives in bench/peer). */
interface EmmettStore {
  appendToStream(stream: string, events: { type: string; data: Record<string, unknown> }[]): Promise<unknown>;
  readStream(stream: string): Promise<{ events: unknown[] }>;
}
interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string; schema?: { autoMigration?: 'None' | 'CreateOrUpdate' } }): EmmettStore & { close?: () => Promise<void> };
}

export const PEER_NAME = '@event-driven-io/emmett-sqlite';
const load = createRequire(__filename);
const PEER_DIR = join(__dirname, '..', 'peer', 'node_modules', '@event-driven-io', 'emmett-sqlite');

/**
 * Installs the peer on first use into bench/peer/node_modules (gitignored), apart from the product's
 * dependencies; its sqlite3 binding builds from source when no prebuilt binary can be fetched.
 * BENCH_PEER_INSTALL=0 skips the installation.
 */
function installPeer(log: (m: string) => void): string | undefined {
  if (process.env.BENCH_PEER_INSTALL === '0') return 'not installed (BENCH_PEER_INSTALL=0)';
  log('installing the peer: npm install --prefix bench/peer (first use; may build sqlite3 from source)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', join(__dirname, '..', 'peer'), '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 15 * 60_000,
  });
  if (r.status !== 0) return `npm install --prefix bench/peer failed (${r.error ? r.error.message : `exit ${r.status}`})`;
  return undefined;
}

/** The peer module, or why it cannot be loaded (not installed, or its sqlite3 binding did not build). */
export function loadPeer(log: (m: string) => void): { peer?: EmmettSqlite; version?: string; unavailable?: string } {
  if (!existsSync(PEER_DIR)) {
    const failure = installPeer(log);
    if (failure) return { unavailable: failure };
  }
  try {
    const version = (load(join(PEER_DIR, 'package.json')) as { version: string }).version;
    return { peer: load(PEER_DIR) as EmmettSqlite, version };
  } catch (err) {
    return { unavailable: `cannot load: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

function streamName(e: { type: string; subjectRef?: string; controller?: string; breachId?: string }): string {
  if (e.subjectRef) return `subject-${e.subjectRef}`;
  return e.type === 'PolicyPublished' ? `policy-${e.controller ?? ''}` : `breach-${e.breachId ?? ''}`;
}

const BUSY_RETRIES = 5;
/**
 * Emmett's sqlite3 connection sometimes fails a commit with SQLITE_BUSY ("SQL statements in
 * progress") under load; the append is retried a few times (counted in the report) before giving up.
 */
async function appendRetryingBusy(append: () => Promise<unknown>, appendedSoFar: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await append();
      return attempt;
    } catch (err) {
      const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || attempt >= BUSY_RETRIES) throw new Error(`${err instanceof Error ? err.message : String(err)} (after ${appendedSoFar} events appended)`);
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

/**
 * The same append workload through Emmett: batches of 5,000 events grouped by stream, one
 * appendToStream per stream (Emmett appends to one stream per call), up to `limit` events.
 */
export async function peerAppend(peer: EmmettSqlite, ndjson: string, dbPath: string, limit: number): Promise<Throughput & { busyRetries: number }> {
  const store = peer.getSQLiteEventStore({ fileName: dbPath, schema: { autoMigration: 'CreateOrUpdate' } });
  let events = 0;
  let busyRetries = 0;
  const t0 = process.hrtime.bigint();
  for await (const lines of lineBatches(ndjson, BATCH)) {
    const byStream = new Map<string, { type: string; data: Record<string, unknown> }[]>();
    for (const line of lines.slice(0, limit - events)) {
      const e = JSON.parse(line) as Record<string, unknown> & { type: string };
      const name = streamName(e);
      const list = byStream.get(name) ?? [];
      list.push({ type: e.type, data: e });
      byStream.set(name, list);
    }
    for (const [stream, list] of byStream) {
      busyRetries += await appendRetryingBusy(() => store.appendToStream(stream, list), events);
      events += list.length;
    }
    if (events >= limit) break;
  }
  const seconds = secondsSince(t0);
  await store.close?.();
  return { events, seconds, busyRetries };
}

/** The same read as Ashiato's stream read: one subject's stream, for each of `refs`. */
export async function peerRead(peer: EmmettSqlite, dbPath: string, refs: readonly string[]): Promise<LatencyFigures & { found: number }> {
  const store = peer.getSQLiteEventStore({ fileName: dbPath, schema: { autoMigration: 'None' } });
  const times: number[] = [];
  let found = 0;
  for (const ref of refs) {
    const t0 = process.hrtime.bigint();
    const result = await store.readStream(`subject-${ref}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (result.events.length) found++;
  }
  await store.close?.();
  return { samples: times.length, p50: percentile(times, 50), p99: percentile(times, 99), found };
}
