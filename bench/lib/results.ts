import type { RebuildFigures } from '../measure/rebuild';
import type { SustainedFigures } from '../measure/sustained';
import type { Machine } from './machine';
import { atLeast, atMost, markdownTable, type ResultRow } from './report';
import { millis, percent, rate, thousands } from './stats';
import { sustainedRows } from './sustained-rows';

export interface Figures {
  scale: string;
  command: string;
  loadAtEnd: number;
  /** Wall time of the whole run, generation to peer included. */
  runSeconds: number;
  subjects: number;
  events: number;
  fileMb: number;
  generateSeconds: number;
  rawInsert: { events: number; seconds: number };
  fold: { events: number; seconds: number };
  storeIngest: { events: number; seconds: number };
  /** projectedSeconds: until the live projection had projected the last event (absent in runs before 2026-11-23 14:30). */
  httpIngest: { events: number; seconds: number; projectedSeconds?: number };
  /** Sustained HTTP ingest into the built server, one run per number of partitions (absent before 2026-12-06). */
  sustained?: SustainedFigures[];
  rebuild: RebuildFigures;
  /** The same rebuild with its load in partitions, each in a worker thread (absent before 2026-12-06). */
  rebuildPartitioned?: RebuildFigures & { partitions: number };
  lineage: { samples: number; p50: number; p99: number };
  streamRead: { samples: number; p50: number; p99: number };
  breaches: { controller: string; affected: number; firstPage: number; otherParties: number; ms: number }[];
  /** POST /v1/policies/{controller}/what-if for the controller with the most subjects (absent before 2026-12-05). */
  /** The PostgreSQL event store over loopback (absent when no PostgreSQL URL was set, and before 2026-12-05). */
  pgStore?: { append: { events: number; seconds: number }; read: { events: number; seconds: number } };
  whatIf?: { controller: string; subjects: number; flowsJudged: number; flowsChanged: number; ms: number };
  peer: {
    name: string;
    version?: string;
    unavailable?: string;
    append?: { events: number; seconds: number; busyRetries: number };
    read?: { samples: number; p50: number; p99: number; found: number };
    /**
     * Ashiato's readStream of the peer's subjects, from an Ashiato store of the same events as the
     * peer's, read right after it was written as the peer's was (absent in runs before 2026-12-04 20:30).
     */
    sameRead?: { events: number; samples: number; p50: number; p99: number };
  };
}

const evs = (n: number) => `${thousands(n)} events/s`;
const mb = (bytes: number) => `${thousands(bytes / 2 ** 20)} MB`;
const TEN_MILLION = 10_000_000;

/** `: projecting 40.1 s, indexing 20.3 s, …` in the order the phases ran, or nothing for older runs. */
export function phaseBreakdown(r: RebuildFigures): string {
  const phases = Object.entries(r.phases ?? {});
  return phases.length ? `: ${phases.map(([phase, s]) => `${phase} ${s.toFixed(1)} s`).join(', ')}` : '';
}

/**
 * The peer's reads against Ashiato's. Since 2026-12-04 both read the same subjects from a store of the
 * same events, each right after writing it; older runs compared with Ashiato's reads of the whole log
 * (10,000 other subjects, a store a hundred times the peer's, read after the rebuild had filled the page
 * cache with the read model), which is kept as the fallback.
 */
export function peerReadRow(
  streamRead: Figures['streamRead'],
  name: string,
  read: NonNullable<Figures['peer']['read']>,
  same: Figures['peer']['sameRead'],
): ResultRow {
  const ours = same ?? streamRead;
  const ratio = same
    ? `Ashiato readStream of the same subjects from a store of the same ${thousands(same.events)} events: p50 ${millis(same.p50)}, p99 ${millis(same.p99)} = ${(same.p99 / read.p99).toFixed(2)}× peer's p99`
    : `Ashiato readStream p99 = ${(streamRead.p99 / read.p99).toFixed(2)}× peer's`;
  return {
    measurement: `peer ${name}: readStream of one subject (${thousands(read.samples)} subjects, ${thousands(read.found)} found)`,
    result: `p50 ${millis(read.p50)}, p99 ${millis(read.p99)}`,
    ratio,
    target: ours.p99 < read.p99 ? 'ahead of the peer: met' : 'ahead of the peer: not met',
  };
}

/** The results table of one run, every figure next to its ceiling or peer and its issue 7 target. */
export function resultRows(f: Figures): ResultRow[] {
  const raw = rate(f.rawInsert.events, f.rawInsert.seconds);
  const fold = rate(f.fold.events, f.fold.seconds);
  const store = rate(f.storeIngest.events, f.storeIngest.seconds);
  const http = rate(f.httpIngest.events, f.httpIngest.seconds);
  const projected = f.httpIngest.projectedSeconds ? rate(f.httpIngest.events, f.httpIngest.projectedSeconds) : 0;
  const rebuild = rate(f.rebuild.events, f.rebuild.seconds);
  const tenMillionSeconds = rebuild ? TEN_MILLION / rebuild : Infinity;
  const breachTotal = f.breaches.reduce((s, b) => s + b.ms, 0);
  const affectedTotal = f.breaches.reduce((s, b) => s + b.affected, 0);
  const largest = [...f.breaches].sort((a, b) => b.affected - a.affected)[0];
  const rows: ResultRow[] = [
    { measurement: 'ceiling: raw better-sqlite3 insert (one table, prepared, 5,000-row transactions, WAL + synchronous FULL)', result: evs(raw) },
    { measurement: 'ceiling: JSON.parse + Map fold per subject', result: evs(fold) },
    {
      measurement: 'ingest through the store (appendBatch grouped by stream, 5,000 events)',
      result: evs(store),
      ratio: `${percent(store / raw)} of raw insert`,
      target: atLeast(store / raw, 0.5, percent),
    },
    {
      measurement: `ingest through HTTP (POST /v1/events, NDJSON × 5,000, validation; ${thousands(f.httpIngest.events)} events), until the last 202`,
      result: evs(http),
      ratio: `${percent(http / raw)} of raw insert`,
      target: atLeast(http / raw, 0.5, percent),
    },
    ...(f.httpIngest.projectedSeconds
      ? [
          {
            measurement: 'the same, until the live projection (worker thread) had projected the last event',
            result: evs(projected),
            ratio: `${percent(projected / raw)} of raw insert`,
          },
        ]
      : []),
    ...sustainedRows(f.sustained ?? []),
    {
      measurement: 'full projection rebuild (SQLite read model, child process)',
      result: evs(rebuild),
      ratio: `${percent(rebuild / fold)} of fold`,
      target: atLeast(rebuild / fold, 0.5, percent),
    },
    {
      measurement: `rebuild time for 10 M events at this rate (measured: ${thousands(f.rebuild.events)} in ${f.rebuild.seconds.toFixed(1)} s${phaseBreakdown(f.rebuild)})`,
      result: `${tenMillionSeconds.toFixed(0)} s`,
      target: atMost(tenMillionSeconds, 60, (n) => `${n} s`),
    },
    {
      measurement: 'rebuild peak RSS (VmHWM of the child, compiled JavaScript as from dist/)',
      result: mb(f.rebuild.peakRssBytes),
      target: atMost(f.rebuild.peakRssBytes / 2 ** 20, 512, (n) => `${n} MB`),
    },
    ...partitionedRows(f, rebuild, fold),
    {
      measurement: `lineage of one subject, LookUpLineageQuery as GET /v1/subjects/{ref}/lineage (${thousands(f.lineage.samples)} random subjects of ${thousands(f.subjects)})`,
      result: `p50 ${millis(f.lineage.p50)}, p99 ${millis(f.lineage.p99)}`,
      target: `p99 ${atMost(f.lineage.p99, 5, (n) => `${n} ms`)} (target is at 1 M subjects)`,
    },
    {
      measurement: `one subject's event stream, SqliteEventStore.readStream (${thousands(f.streamRead.samples)} subjects)`,
      result: `p50 ${millis(f.streamRead.p50)}, p99 ${millis(f.streamRead.p99)}`,
    },
    {
      measurement: `breach impact, LookUpBreachQuery as GET /v1/breaches/{id}, largest single breach (${largest?.controller ?? '–'}: ${thousands(largest?.affected ?? 0)} subjects, first page ${largest?.firstPage ?? 0}, ${largest?.otherParties ?? 0} recipients)`,
      result: millis(largest?.ms ?? NaN),
    },
    {
      measurement: `breach impact, all five controllers' breaches in turn (${thousands(affectedTotal)} affected subjects in all)`,
      result: millis(breachTotal),
      target: `${atMost(breachTotal, 2000, (n) => `${n / 1000} s`)} (target is for ≈ 1 M subjects)`,
    },
  ];
  if (f.pgStore) {
    const append = rate(f.pgStore.append.events, f.pgStore.append.seconds);
    rows.push(
      {
        measurement: `PostgreSQL event store over loopback: append (5,000-event batches, hash chain; ${thousands(f.pgStore.append.events)} events)`,
        result: evs(append),
        ratio: `${percent(append / raw)} of the SQLite raw insert`,
        target: atLeast(append, 10_000, (n) => `${thousands(n)} events/s`),
      },
      {
        measurement: `PostgreSQL event store: read the whole log back, 5,000-event pages (${thousands(f.pgStore.read.events)} events)`,
        result: evs(rate(f.pgStore.read.events, f.pgStore.read.seconds)),
      },
    );
  }
  if (f.whatIf) {
    const w = f.whatIf;
    const perMillion = (w.ms / Math.max(w.subjects, 1)) * 1e6;
    rows.push({
      measurement: `what-if under a draft policy (one recipient dropped), ${w.controller}: ${thousands(w.subjects)} subjects, ${thousands(w.flowsJudged)} flows judged again, ${thousands(w.flowsChanged)} changed`,
      result: millis(w.ms),
      ratio: `${evs(rate(w.flowsJudged, w.ms / 1000))} judged; ≈ ${(perMillion / 1000).toFixed(0)} s per 1 M subjects at this rate`,
    });
  }
  const p = f.peer;
  if (p.append && p.read) {
    const peerRate = rate(p.append.events, p.append.seconds);
    rows.push(
      {
        measurement: `peer ${p.name} ${p.version ?? ''}: append (same batches, one appendToStream per stream; ${thousands(p.append.events)} events; ${p.append.busyRetries} appends retried after SQLITE_BUSY)`,
        result: evs(peerRate),
        ratio: `Ashiato store ingest = ${(store / peerRate).toFixed(2)}× peer`,
        target: store > peerRate ? 'ahead of the peer: met' : 'ahead of the peer: not met',
      },
      peerReadRow(f.streamRead, p.name, p.read, p.sameRead),
    );
  } else {
    rows.push({
      measurement: `peer ${p.name}: append and read`,
      result: `not measured: ${p.unavailable ?? 'unknown reason'}`,
      target: 'ahead of the peer: not established',
    });
  }
  return rows;
}

export function resultSection(f: Figures, m: Machine): string {
  return [
    `## Scale ${f.scale}: ${thousands(f.subjects)} subjects, ${thousands(f.events)} events`,
    '',
    `Machine: ${m.cpuCount} × ${m.cpu}, ${m.ramGb} GB RAM, Node ${m.node}. Started ${m.date} at commit ${m.commit}; load average ${m.load.toFixed(1)} at the start, ${f.loadAtEnd.toFixed(1)} at the end. Command: \`${f.command}\`.`,
    `Whole run: ${(f.runSeconds / 60).toFixed(1)} min${f.scale === 'full' ? ` (issue 7: a full run in under 30 min — ${f.runSeconds < 1800 ? 'met' : 'not met'})` : ''}.`,
    `Workload: \`bench/generate.ts\` (seed policies, demo history, one all-items breach per controller), ${f.fileMb.toFixed(0)} MB of NDJSON generated in ${f.generateSeconds.toFixed(1)} s. Every figure below reads the same file; the machine is shared by several engineers (2 cores), so a load average above 2 means the figures are lower than this code can reach.`,
    '',
    markdownTable(resultRows(f)),
  ].join('\n');
}

/** The rebuild in N partitions beside the one in a single partition (same log, same machine, one read-model file). */
function partitionedRows(f: Figures, single: number, fold: number): ResultRow[] {
  const p = f.rebuildPartitioned;
  if (!p) return [];
  const r = rate(p.events, p.seconds);
  return [
    {
      measurement: `rebuild with its load in ${p.partitions} partitions (worker threads, one SQLite file; ${p.seconds.toFixed(1)} s${phaseBreakdown(p)})`,
      result: evs(r),
      ratio: `${(single ? r / single : 0).toFixed(2)}× one partition, ${percent(r / fold)} of fold`,
      target: atLeast(single ? r / single : 0, 1.7, (n) => `${n}×`),
    },
    {
      measurement: `rebuild in ${p.partitions} partitions: peak RSS (VmHWM of the child)`,
      result: mb(p.peakRssBytes),
      target: atMost(p.peakRssBytes / 2 ** 20, 512 * p.partitions, (n) => `${n} MB`),
    },
  ];
}
