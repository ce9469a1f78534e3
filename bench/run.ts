import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadSeedPolicies } from '../apps/cli/src/demo/load-seed-policies';
import { writeWorkload } from './generate';
import { describeMachine } from './lib/machine';
import { phaseBreakdown, resultRows, resultSection, type Figures } from './lib/results';
import { isScaleName, SCALES } from './lib/scales';
import { markdownTable, mergeBenchmarks } from './lib/report';
import { foldCeiling, rawInsertCeiling } from './measure/ceilings';
import { httpIngest, pgStoreIngest, storeIngest } from './measure/ingest';
import { PEER_NAME, loadPeer, peerAppend, peerRead } from './measure/peer';
import { breachImpact, lineageLatency, streamReadLatency, whatIfLatency } from './measure/reads';
import { SubjectSample } from './lib/workload';
import { rebuildInChild } from './measure/rebuild';
import { SUSTAINED_DEFAULTS, sustainedIngestAll } from './measure/sustained';
import { BUILT_CLI } from './lib/server';
import { withScaling } from './lib/scaling-inputs';

const SEED = 20260401;
const BENCHMARKS = join(__dirname, '..', 'BENCHMARKS.md');

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Databases no later step reads are removed at once: the full scale would otherwise hold tens of GB. */
function drop(dir: string, ...files: string[]): void {
  for (const f of files) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, f + suffix), { force: true });
}

/** The number after `name`, or `fallback`. */
function numberArg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

async function main(args: string[]): Promise<void> {
  const scaleArg = args.includes('--scale') ? args[args.indexOf('--scale') + 1] : 'small';
  if (!isScaleName(scaleArg)) throw new Error(`--scale must be small, medium or full (got ${scaleArg})`);
  const scale = SCALES[scaleArg];
  const write = !args.includes('--no-write');
  // One directory per run: two runs of the same scale on this shared machine must not delete each other's files.
  const work = join(__dirname, '.work', `${scaleArg}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const file = join(work, 'workload.ndjson');
  const policies = loadSeedPolicies();
  const machine = describeMachine();

  log(`generating ${scale.subjects} subjects`);
  const runStart = Date.now();
  const t0 = Date.now();
  const lineageSample = new SubjectSample(scale.lineageSamples);
  const peerSample = new SubjectSample(scale.lineageSamples, scale.peerEvents);
  const generated = writeWorkload(file, { subjects: scale.subjects, seed: SEED }, [lineageSample, peerSample]);
  const generateSeconds = (Date.now() - t0) / 1000;
  log(`${generated.events} events in ${generateSeconds.toFixed(1)} s; fold ceiling`);
  const fold = await foldCeiling(file);
  log('raw insert ceiling');
  const rawInsert = await rawInsertCeiling(file, join(work, 'raw.db'));
  drop(work, 'raw.db');
  log('store ingest');
  const storeIngestFigures = await storeIngest(file, join(work, 'store.db'));
  log('HTTP ingest');
  const httpIngestFigures = await httpIngest(file, join(work, 'http-store.db'), join(work, 'http-read.db'), scale.httpEvents);
  drop(work, 'http-store.db', 'http-read.db');
  // The built server as deployed, N = 1 and 2 partitions: needs `npm run build` (CI's `npm test` does it).
  let sustained: Figures['sustained'];
  if (existsSync(BUILT_CLI)) {
    log('sustained HTTP ingest into the built server, N = 1 and 2');
    sustained = await sustainedIngestAll(file, work, [1, 2], {
      events: numberArg(args, '--sustained-events', scale.sustainedEvents),
      clients: numberArg(args, '--sustained-clients', SUSTAINED_DEFAULTS.clients),
      batch: numberArg(args, '--sustained-batch', SUSTAINED_DEFAULTS.batch),
      sampleMs: SUSTAINED_DEFAULTS.sampleMs,
    });
  } else log(`sustained HTTP ingest skipped: ${BUILT_CLI} is missing (npm run build first)`);
  // The PostgreSQL event store, where one answers (CI and this machine: ASHIATO_TEST_PG_URL).
  const pgUrl = process.env.ASHIATO_BENCH_PG_URL ?? process.env.ASHIATO_TEST_PG_URL;
  let pgStore: Figures['pgStore'];
  if (pgUrl) {
    log('PostgreSQL event store: append and read');
    pgStore = await pgStoreIngest(file, pgUrl, scale.pgEvents);
  }
  log('rebuild (child process)');
  const rebuild = await rebuildInChild(join(work, 'store.db'), join(work, 'read.db'));
  log(`rebuilt ${rebuild.events} events in ${rebuild.seconds.toFixed(1)} s${phaseBreakdown(rebuild)}; again in 2 partitions`);
  const rebuildPartitioned = { partitions: 2, ...(await rebuildInChild(join(work, 'store.db'), join(work, 'read-partitioned.db'), 2)) };
  drop(work, 'read-partitioned.db');
  log(`rebuilt in 2 partitions in ${rebuildPartitioned.seconds.toFixed(1)} s${phaseBreakdown(rebuildPartitioned)}; lineage reads`);
  const refs = lineageSample.refs;
  const lineage = await lineageLatency(join(work, 'read.db'), refs);
  const streamRead = await streamReadLatency(join(work, 'store.db'), refs);
  log('breach impact');
  const breaches = await breachImpact(join(work, 'read.db'), policies);
  log('what-if under a draft policy');
  const whatIf = await whatIfLatency(join(work, 'read.db'), policies);

  const loaded = loadPeer(log);
  const peer: Figures['peer'] = { name: PEER_NAME, version: loaded.version, unavailable: loaded.unavailable };
  if (loaded.peer) {
    try {
      log('peer append');
      peer.append = await peerAppend(loaded.peer, file, join(work, 'peer.db'), scale.peerEvents);
      // The peer holds only the first peerEvents events: its reads sample subjects among them.
      log('peer read');
      peer.read = await peerRead(loaded.peer, join(work, 'peer.db'), peerSample.refs);
      drop(work, 'peer.db');
      // The same read workload for Ashiato: the peer's events in a store of their own, written then read
      // as the peer's were (the full log's reads above come after the rebuild, from a store 100× larger).
      log("Ashiato read of the peer's events");
      const same = await storeIngest(file, join(work, 'peer-events.db'), scale.peerEvents);
      const sameRead = await streamReadLatency(join(work, 'peer-events.db'), peerSample.refs);
      drop(work, 'peer-events.db');
      peer.sameRead = { events: same.events, ...sameRead };
    } catch (err) {
      peer.unavailable = `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
      delete peer.append;
      delete peer.read;
      delete peer.sameRead;
    }
  }

  const figures: Figures = {
    scale: scaleArg,
    loadAtEnd: loadavg()[0],
    runSeconds: (Date.now() - runStart) / 1000,
    command: `npm run bench -- ${args.join(' ')}`.trim(),
    subjects: scale.subjects,
    events: generated.events,
    fileMb: statSync(file).size / 1e6,
    generateSeconds,
    rawInsert,
    fold,
    storeIngest: storeIngestFigures,
    httpIngest: httpIngestFigures,
    ...(sustained ? { sustained } : {}),
    rebuild,
    rebuildPartitioned,
    lineage,
    streamRead,
    breaches,
    whatIf,
    ...(pgStore ? { pgStore } : {}),
    peer,
  };
  process.stdout.write(`${markdownTable(resultRows(figures))}\n`);
  if (write) {
    const existing = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : undefined;
    const merged = mergeBenchmarks(existing, scaleArg, resultSection(figures, machine));
    // The small scale is too small for a scaling curve: medium and full runs recompute it from their own figures.
    writeFileSync(BENCHMARKS, scaleArg === 'small' ? merged : withScaling(merged, scaleArg));
    log(`results written to ${BENCHMARKS}`);
  }
  if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
