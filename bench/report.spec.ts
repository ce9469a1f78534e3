import { atLeast, atMost, markdownTable, mergeBenchmarks } from './lib/report';
import { peerReadRow, phaseBreakdown } from './lib/results';
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
