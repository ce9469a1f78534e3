import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lineBatches, secondsSince } from '../lib/ndjson';
import { startBuiltServer, type HealthSample, type RunningServer } from '../lib/server';
import { postEvents } from '../lib/ingest-api';

export interface SustainedOptions {
  /** Events to send (the first of the file, rounded up to a whole body). */
  events: number;
  /** ASHIATO_PROJECTION_PARTITIONS of the server. */
  partitions: number;
  /** Clients posting at the same time. */
  clients: number;
  /** Events per body (a subject's events are never split across two bodies, so a body may hold a few more). */
  batch: number;
  /** How often the acknowledged and projected positions are sampled. */
  sampleMs: number;
}

export const SUSTAINED_DEFAULTS: Omit<SustainedOptions, 'events' | 'partitions'> = { clients: 4, batch: 500, sampleMs: 250 };

/** One sample: seconds since the first POST, the highest acknowledged position and the projected position then. */
export interface PositionSample {
  t: number;
  acked: number;
  projected: number;
}

export interface SustainedFigures {
  partitions: number;
  clients: number;
  batch: number;
  /** Events acknowledged (202). */
  events: number;
  /** First POST to the last 202. */
  ackSeconds: number;
  /** Events projected between the first POST and the last 202 (log positions). */
  projectedAtLastAck: number;
  /** Acknowledged but not yet projected when the last 202 came. */
  lagAtLastAck: number;
  /** The largest acknowledged − projected over the samples. */
  maxLag: number;
  /** Last 202 to the projection reaching the last acknowledged position (to within a sample). */
  drainSeconds: number;
  samples: number;
  /** VmHWM of the server process, its projection worker included. */
  peakRssBytes?: number;
}

/** Longest wait for the projection to reach the last acknowledged event. */
const DRAIN_TIMEOUT_MS = 30 * 60_000;
const SUBJECT_REF = /"subjectRef":"([^"]+)"/;

/**
 * Bodies of at least `size` lines, cut only where the subject changes: the workload writes each subject's
 * events together, so concurrent clients never reorder one subject's events. The first body holds the
 * policies, which every later event needs: it is sent alone before the clients start.
 */
export async function* subjectBatches(file: string, size: number, limit: number): AsyncGenerator<string[]> {
  let body: string[] = [];
  let last: string | undefined;
  let sent = 0;
  for await (const lines of lineBatches(file, 1_000)) {
    for (const line of lines) {
      const subject = SUBJECT_REF.exec(line)?.[1];
      if (body.length >= size && subject !== last) {
        yield body;
        sent += body.length;
        body = [];
        if (sent >= limit) return;
      }
      body.push(line);
      last = subject;
    }
  }
  if (body.length) yield body;
}

/** The figures of a finished run from its samples (pure, so the report's arithmetic is tested apart from any server). */
export function summarise(
  samples: readonly PositionSample[],
  run: { start: HealthSample; events: number; lastAcked: number; ackSeconds: number; atLastAck: number; drainedAt: number },
): Pick<SustainedFigures, 'events' | 'ackSeconds' | 'projectedAtLastAck' | 'lagAtLastAck' | 'maxLag' | 'drainSeconds' | 'samples'> {
  const lags = samples.map((s) => Math.max(0, s.acked - s.projected));
  return {
    events: run.events,
    ackSeconds: run.ackSeconds,
    projectedAtLastAck: Math.max(0, run.atLastAck - run.start.projectedPosition),
    lagAtLastAck: Math.max(0, run.lastAcked - run.atLastAck),
    maxLag: Math.max(0, run.lastAcked - run.atLastAck, ...lags),
    drainSeconds: Math.max(0, run.drainedAt - run.ackSeconds),
    samples: samples.length,
  };
}

/** Samples GET /health every `everyMs` until stopped; `acked()` is the highest position the clients have been answered so far. */
function sampler(server: RunningServer, t0: bigint, acked: () => number, everyMs: number) {
  const samples: PositionSample[] = [];
  let running = true;
  let failure: unknown;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        const { projectedPosition } = await server.health();
        samples.push({ t: secondsSince(t0), acked: acked(), projected: projectedPosition });
      } catch (err) {
        failure = err;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();
  return {
    samples,
    last: () => {
      if (failure) throw failure;
      return samples[samples.length - 1];
    },
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * Sustained ingest against the built server (`ashiato serve` from dist/, SQLite event store and read model
 * in `dir`, live projection in its worker thread, ASHIATO_PROJECTION_PARTITIONS = `partitions`):
 * `clients` clients POST bodies of `batch` events until `events` are acknowledged, while GET /health is
 * sampled every `sampleMs` for the projected position beside the highest acknowledged one.
 */
export async function sustainedIngest(file: string, dir: string, o: SustainedOptions): Promise<SustainedFigures> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startBuiltServer({ dir, partitions: o.partitions });
  try {
    const start = await server.health();
    let events = 0;
    let lastAcked = start.headPosition;
    const t0 = process.hrtime.bigint();
    const sampling = sampler(server, t0, () => lastAcked, o.sampleMs);
    const bodies = subjectBatches(file, o.batch, o.events);
    const send = async (lines: string[]) => {
      const answer = await postEvents(server.url, lines);
      events += answer.accepted;
      lastAcked = Math.max(lastAcked, answer.lastPosition);
    };
    const first = await bodies.next();
    if (!first.done) await send(first.value);
    // An async generator queues concurrent next() calls: each client takes the next body in file order.
    const client = async () => {
      for (let b = await bodies.next(); !b.done; b = await bodies.next()) await send(b.value);
    };
    try {
      await Promise.all(Array.from({ length: o.clients }, client));
    } catch (err) {
      await sampling.stop();
      throw err;
    }
    const ackSeconds = secondsSince(t0);
    const atLastAck = (await server.health()).projectedPosition;
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while ((sampling.last()?.projected ?? 0) < lastAcked) {
      if (Date.now() > deadline) throw new Error(`the live projection did not reach position ${lastAcked} within ${DRAIN_TIMEOUT_MS / 60_000} min`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const drainedAt = sampling.last()?.t ?? ackSeconds;
    await sampling.stop();
    const figures = summarise(sampling.samples, { start, events, lastAcked, ackSeconds, atLastAck, drainedAt });
    return { partitions: o.partitions, clients: o.clients, batch: o.batch, ...figures, peakRssBytes: server.peakRssBytes() };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function sustainedIngestAll(file: string, work: string, partitions: readonly number[], o: Omit<SustainedOptions, 'partitions'>) {
  return partitions.reduce<Promise<SustainedFigures[]>>(
    async (done, n) => [...(await done), await sustainedIngest(file, join(work, `sustained-${n}`), { ...o, partitions: n })],
    Promise.resolve([]),
  );
}
