import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atLeast, atMost, markdownTable, mergeBenchmarks } from './lib/report';
import { peerReadRow, phaseBreakdown, resultSection, type Figures } from './lib/results';
import { amdahl, scalingSection, serialFraction } from './lib/scaling';
import { parseScalingInputs, withScaling } from './lib/scaling-inputs';
import { sustainedRows } from './lib/sustained-rows';
import { subjectBatches, summarise, type SustainedFigures } from './measure/sustained';
import { millis, percent, percentile, rate, thousands } from './lib/stats';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 10)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('formats rates, counts, shares and durations', () => {
    expect(rate(1_000_000, 4)).toBe(250_000);
    expect(thousands(1234567.4)).toBe('1,234,567');
    expect(percent(0.4567)).toBe('45.7 %');
    expect(millis(0.456)).toBe('0.46 ms');
    expect(millis(1530)).toBe('1.53 s');
  });
});

describe('benchmark report', () => {
  it('states whether a target is met and by how much', () => {
    expect(atLeast(30, 50, String)).toBe('≥ 50: not met (60 % of it)');
    expect(atLeast(60, 50, String)).toBe('≥ 50: met');
    expect(atMost(12, 5, (n) => `${n} ms`)).toBe('< 5 ms: not met (2.4× the limit)');
    expect(atMost(1, 5, (n) => `${n} ms`)).toBe('< 5 ms: met');
  });

  it('escapes pipes in table cells', () => {
    expect(markdownTable([{ measurement: 'a|b', result: '1' }]).split('\n')[2]).toBe('| a\\|b | 1 |  |  |');
  });

  it('rewrites only its own scale and keeps the method and everything after it', () => {
    const first = mergeBenchmarks(undefined, 'medium', 'medium v1');
    const withChanges = first.replace(
      'How each figure is measured (bench/run.ts).',
      'How each figure is measured (bench/run.ts).\n\n- projections: batched inserts, 15k → 40k events/s',
    );
    const second = mergeBenchmarks(withChanges, 'full', 'full v1');
    const third = mergeBenchmarks(second, 'medium', 'medium v2');
    expect(third).toContain('medium v2');
    expect(third).not.toContain('medium v1');
    expect(third).toContain('full v1');
    expect(third).toContain('- projections: batched inserts, 15k → 40k events/s');
    expect(third.indexOf('full v1')).toBeLessThan(third.indexOf('## Method'));
  });
});

describe('rebuild phases in the report', () => {
  it('lists the seconds of each phase in the order the rebuild ran them', () => {
    const phases = { projecting: 512.34, closing: 30, indexing: 210.05, breaches: 60.5, swapping: 0.04 };
    expect(phaseBreakdown({ events: 10, seconds: 812.9, peakRssBytes: 1, phases })).toBe(
      ': projecting 512.3 s, closing 30.0 s, indexing 210.1 s, breaches 60.5 s, swapping 0.0 s',
    );
  });

  it('adds nothing for a run recorded before phases were measured', () => {
    expect(phaseBreakdown({ events: 10, seconds: 812.9, peakRssBytes: 1 })).toBe('');
  });
});

describe('the peer read comparison', () => {
  const fullLog = { samples: 10_000, p50: 0.88, p99: 2.57 };
  const peer = { samples: 9_645, found: 9_645, p50: 0.92, p99: 2.53 };

  it('judges Ashiato on the same subjects from a store of the same events when that was measured', () => {
    const row = peerReadRow(fullLog, 'emmett', peer, { events: 100_000, samples: 9_645, p50: 0.05, p99: 0.2 });
    expect(row.target).toBe('ahead of the peer: met');
    expect(row.ratio).toBe("Ashiato readStream of the same subjects from a store of the same 100,000 events: p50 0.05 ms, p99 0.20 ms = 0.08× peer's p99");
  });

  it('says not met when Ashiato is slower on the same workload, whatever its full-log reads did', () => {
    const row = peerReadRow({ ...fullLog, p99: 0.5 }, 'emmett', peer, { events: 100_000, samples: 9_645, p50: 1, p99: 3 });
    expect(row.target).toBe('ahead of the peer: not met');
  });

  it('falls back to the full-log reads for a run recorded before the same-workload read existed', () => {
    const row = peerReadRow(fullLog, 'emmett', peer, undefined);
    expect(row.target).toBe('ahead of the peer: not met');
    expect(row.ratio).toBe("Ashiato readStream p99 = 1.02× peer's");
  });
});

const sustained = (partitions: number, projectedAtLastAck: number): SustainedFigures => ({
  partitions,
  clients: 4,
  batch: 500,
  events: 200_000,
  ackSeconds: 10,
  projectedAtLastAck,
  lagAtLastAck: 200_000 - projectedAtLastAck,
  maxLag: 200_000 - projectedAtLastAck,
  drainSeconds: 12.5,
  samples: 90,
  peakRssBytes: 300 * 2 ** 20,
});

describe('sustained ingest in the report', () => {
  it('sets the projected rate beside the acknowledged one over the same window and judges the issue 21 target', () => {
    const [one, two] = sustainedRows([sustained(1, 80_000), sustained(2, 200_000)]);
    expect(one.result).toBe('acknowledged 20,000 events/s, projected 8,000 events/s over the same 10.0 s');
    expect(one.ratio).toBe(
      'projected = 40.0 % of acknowledged; lag at the last 202 120,000 events (max 120,000), drained 12.5 s after it; server peak RSS 300 MB',
    );
    expect(one.target).toBe('projected ≥ acknowledged (issue 21): not met (40 % of it)');
    expect(two.target).toBe('projected ≥ acknowledged (issue 21): met');
    expect(two.ratio).toContain('2.50× the projected rate of N = 1');
  });

  it('takes the lag from the samples and the drain from the last acknowledgement', () => {
    const samples = [
      { t: 0.25, acked: 1_000, projected: 0 },
      { t: 0.5, acked: 5_000, projected: 1_000 },
      { t: 0.75, acked: 6_000, projected: 4_000 },
      { t: 1.5, acked: 6_000, projected: 6_000 },
    ];
    const start = { headPosition: 0, projectedPosition: 0 };
    expect(summarise(samples, { start, events: 6_000, lastAcked: 6_000, ackSeconds: 0.8, atLastAck: 4_500, drainedAt: 1.5 })).toEqual({
      events: 6_000,
      ackSeconds: 0.8,
      projectedAtLastAck: 4_500,
      lagAtLastAck: 1_500,
      maxLag: 4_000,
      drainSeconds: 0.7,
      samples: 4,
    });
  });

  it("never splits a subject's events across two bodies, and sends the policies first", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ashiato-batches-'));
    const lines = ['{"type":"PolicyPublished"}', ...['a', 'a', 'a', 'b', 'c', 'c'].map((s, i) => `{"n":${i},"subjectRef":"hmac:${s}"}`)];
    writeFileSync(join(dir, 'w.ndjson'), `${lines.join('\n')}\n`);
    const bodies: string[][] = [];
    for await (const body of subjectBatches(join(dir, 'w.ndjson'), 2, Infinity)) bodies.push(body);
    rmSync(dir, { recursive: true });
    expect(bodies.map((b) => b.map((l) => /hmac:(\w)|Policy/.exec(l)?.[0]))).toEqual([
      ['Policy', 'hmac:a', 'hmac:a', 'hmac:a'],
      ['hmac:b', 'hmac:c', 'hmac:c'],
    ]);
  });
});

const machine = { cpu: 'Test CPU', cpuCount: 2, ramGb: 8, node: 'v20', date: '2026-12-06T05:00:00.000Z', commit: 'abc1234', load: 0.5 };
const figures = (withSustained: boolean): Figures => ({
  scale: 'medium',
  command: 'npm run bench -- --scale medium',
  loadAtEnd: 1.5,
  runSeconds: 300,
  subjects: 100_000,
  events: 1_000_000,
  fileMb: 450,
  generateSeconds: 5,
  rawInsert: { events: 1_000_000, seconds: 5 },
  fold: { events: 1_000_000, seconds: 2 },
  storeIngest: { events: 1_000_000, seconds: 25 },
  httpIngest: { events: 200_000, seconds: 8, projectedSeconds: 20 },
  ...(withSustained ? { sustained: [sustained(1, 80_000), sustained(2, 100_000)] } : {}),
  rebuild: { events: 1_000_000, seconds: 40, peakRssBytes: 1, phases: { projecting: 28, closing: 2, indexing: 7, breaches: 3 } },
  rebuildPartitioned: { partitions: 2, events: 1_000_000, seconds: 31, peakRssBytes: 1, phases: { projecting: 21, indexing: 7, breaches: 3 } },
  lineage: { samples: 10, p50: 0.1, p99: 1 },
  streamRead: { samples: 10, p50: 0.1, p99: 1 },
  breaches: [],
  pgStore: { append: { events: 200_000, seconds: 4 }, read: { events: 200_000, seconds: 1 } },
  peer: { name: 'peer', unavailable: 'not installed' },
});

describe('the Scaling section', () => {
  it('fits the serial share to the two measured points and projects with Amdahl', () => {
    expect(serialFraction(30, 21)).toBeCloseTo(0.4);
    expect(serialFraction(30, 30)).toBe(1);
    expect(serialFraction(30, 14)).toBe(0);
    expect(amdahl(0.4, 8)).toBeCloseTo(1 / (0.4 + 0.6 / 8));
  });

  it('reads back the figures the harness wrote into the scale section', () => {
    const inputs = parseScalingInputs(resultSection(figures(true), machine));
    expect(inputs).toEqual({
      source: 'the medium run at abc1234 (2026-12-06, load average 0.5 → 1.5)',
      events: 1_000_000,
      rawInsert: 200_000,
      rebuild1: { seconds: 40, phases: { projecting: 28, closing: 2, indexing: 7, breaches: 3 }, rate: 25_000 },
      rebuild2: { seconds: 31, phases: { projecting: 21, indexing: 7, breaches: 3 }, rate: 32_258 },
      sustained: [
        { partitions: 1, acknowledged: 20_000, projected: 8_000 },
        { partitions: 2, acknowledged: 20_000, projected: 10_000 },
      ],
      pg: { append: 50_000, read: 200_000 },
    });
  });

  it('marks N = 1 and 2 as measured and 8, 16 and 32 cores as projected, with the model stated', () => {
    const section = scalingSection(parseScalingInputs(resultSection(figures(true), machine)));
    const row = (cores: string) => section.split('\n').find((l) => l.startsWith(`| ${cores} |`)) ?? '';
    // load₁ = 30 s, load₂ = 21 s: s = 0.4; post = 10 s; T(8) = 10 + 30 · (0.4 + 0.6 / 8) = 24.25 s.
    expect(row('2')).toBe('| 2 | measured | 31.0 s | 32,258 events/s | 1.29× | 310 s | 10,000 events/s | no |');
    expect(row('8')).toContain('| 8 | projected | 24.3 s | 41,237 events/s | 1.65× |');
    expect(row('16')).toContain('| 16 | projected |');
    expect(row('32')).toContain('| 32 | projected |');
    // Live: s = 2 · 8,000 / 10,000 − 1 = 0.6; P(8) = 8,000 / (0.6 + 0.05) = 12,308 events/s, below 20,000 acknowledged.
    expect(row('8')).toContain('| 12,308 events/s | no |');
    expect(section).toContain('T(N) = post + load₁ · (s + (1 − s) / N)');
  });

  it('says what it could not project when a run measured no sustained ingest', () => {
    const section = scalingSection(parseScalingInputs(resultSection(figures(false), machine)));
    expect(section).toContain('Sustained HTTP ingest at N = 1 and 2: not in that run, so not projected.');
    expect(section.split('\n').find((l) => l.startsWith('| 8 |'))).toContain('| – | – |');
  });

  it('is written between its own markers and recomputed in place, leaving the other sections as they were', () => {
    const start = mergeBenchmarks(mergeBenchmarks(undefined, 'medium', resultSection(figures(false), machine)), 'full', 'full v1');
    const once = withScaling(start, 'medium');
    const twice = withScaling(mergeBenchmarks(once, 'medium', resultSection(figures(true), machine)), 'medium');
    expect(once).toContain('not in that run');
    expect(twice).not.toContain('not in that run');
    expect(twice.match(/## Scaling/g)).toHaveLength(1);
    expect(twice).toContain('full v1');
    expect(twice.indexOf('## Scaling')).toBeLessThan(twice.indexOf('## Method'));
    expect(withScaling('# Benchmarks\n', 'medium')).toBe('# Benchmarks\n');
  });
});
