import type { SustainedFigures } from '../measure/sustained';
import { atLeast, type ResultRow } from './report';
import { percent, rate, thousands } from './stats';

export const SUSTAINED_MEASUREMENT = 'sustained HTTP ingest into `ashiato serve` (dist/)';

/** The projected rate over the acknowledging window: events the live projection projected between the first POST and the last 202. */
export function projectedRate(f: SustainedFigures): number {
  return rate(f.projectedAtLastAck, f.ackSeconds);
}

/**
 * One row per number of partitions: the acknowledged and projected rates over the same window, the lag,
 * and the issue 21 target (the live projection keeps pace: projected ≥ acknowledged).
 */
export function sustainedRows(runs: readonly SustainedFigures[]): ResultRow[] {
  const single = runs.find((r) => r.partitions === 1);
  return runs.map((f) => {
    const acked = rate(f.events, f.ackSeconds);
    const projected = projectedRate(f);
    const vsSingle = single && f !== single && projectedRate(single) ? `; ${(projected / projectedRate(single)).toFixed(2)}× the projected rate of N = 1` : '';
    const rss = f.peakRssBytes ? `; server peak RSS ${thousands(f.peakRssBytes / 2 ** 20)} MB` : '';
    return {
      measurement: `${SUSTAINED_MEASUREMENT}, N = ${f.partitions} (ASHIATO_PROJECTION_PARTITIONS): ${f.clients} clients, ${thousands(f.batch)}-event bodies, ${thousands(f.events)} events; positions sampled every 250 ms (${f.samples} samples)`,
      result: `acknowledged ${thousands(acked)} events/s, projected ${thousands(projected)} events/s over the same ${f.ackSeconds.toFixed(1)} s`,
      ratio: `projected = ${percent(acked ? projected / acked : 0)} of acknowledged; lag at the last 202 ${thousands(f.lagAtLastAck)} events (max ${thousands(f.maxLag)}), drained ${f.drainSeconds.toFixed(1)} s after it${vsSingle}${rss}`,
      target: `projected ≥ acknowledged (issue 21): ${atLeast(acked ? projected / acked : 0, 1, percent).replace(/^≥ 100\.0 %: /, '')}`,
    };
  });
}
