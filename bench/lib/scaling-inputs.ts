import { mergeBenchmarks } from './report';
import { scalingSection, type ScalingInputs } from './scaling';
import { SUSTAINED_MEASUREMENT } from './sustained-rows';

/** Where the harness keeps the Scaling section (mergeBenchmarks' markers). */
export const SCALING = 'scaling';

const number = (s: string | undefined) => (s === undefined ? undefined : Number(s.replace(/,/g, '')));

/** "projecting 28.0 s, closing 2.7 s" → { projecting: 28, closing: 2.7 } */
function phases(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/([a-z]+) ([\d.]+) s/g)) out[m[1]] = Number(m[2]);
  return out;
}

/** The measurement and result cells of each row of a results table (cells are split on unescaped pipes). */
function tableRows(section: string): { measurement: string; result: string }[] {
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| measurement'))
    .map((l) => {
      const cells = l.slice(2).split(/(?<!\\) \| /);
      return { measurement: cells[0] ?? '', result: cells[1] ?? '' };
    });
}

/**
 * The scaling model's inputs read back from one scale's section as resultSection wrote it: the measured
 * figures go into BENCHMARKS.md once, and the Scaling section is always computed from what is there.
 */
export function parseScalingInputs(section: string): ScalingInputs {
  const rows = tableRows(section);
  const find = (prefix: string) => rows.find((r) => r.measurement.startsWith(prefix));
  const rateOf = (prefix: string) => number(/^([\d,]+) events\/s/.exec(find(prefix)?.result ?? '')?.[1]);
  const scale = /^## Scale (\w+): [\d,]+ subjects, ([\d,]+) events/m.exec(section);
  const started = /Started (\S+?)(?:T[\d:.]+Z)? at commit (\w+); load average ([\d.]+) at the start, ([\d.]+) at the end/.exec(section);
  const single = /measured: [\d,]+ in ([\d.]+) s(: [^)]*)?\)/.exec(find('rebuild time for 10 M events')?.measurement ?? '');
  const split = /in 2 partitions \([^;]*; ([\d.]+) s(: [^)]*)?\)/.exec(find('rebuild with its load in 2 partitions')?.measurement ?? '');
  const append = rateOf('PostgreSQL event store over loopback: append');
  const read = rateOf('PostgreSQL event store: read');
  const sustained = rows
    .filter((r) => r.measurement.startsWith(SUSTAINED_MEASUREMENT))
    .map((r) => {
      const n = /N = (\d+)/.exec(r.measurement)?.[1];
      const m = /acknowledged ([\d,]+) events\/s, projected ([\d,]+) events\/s/.exec(r.result);
      return { partitions: Number(n), acknowledged: number(m?.[1]) ?? 0, projected: number(m?.[2]) ?? 0 };
    });
  return {
    source: `the ${scale?.[1] ?? '?'} run${started ? ` at ${started[2]} (${started[1]}, load average ${started[3]} → ${started[4]})` : ''}`,
    events: number(scale?.[2]) ?? 0,
    rawInsert: rateOf('ceiling: raw better-sqlite3 insert'),
    rebuild1: single ? { seconds: Number(single[1]), phases: phases(single[2] ?? ''), rate: rateOf('full projection rebuild') } : undefined,
    rebuild2: split ? { seconds: Number(split[1]), phases: phases(split[2] ?? ''), rate: rateOf('rebuild with its load in 2 partitions') } : undefined,
    sustained,
    pg: append && read ? { append, read } : undefined,
  };
}

/** BENCHMARKS.md with its Scaling section computed from the section of `scale` (unchanged when that scale has no section). */
export function withScaling(benchmarks: string, scale: string): string {
  const start = benchmarks.indexOf(`<!-- bench:${scale}:start -->`);
  const end = benchmarks.indexOf(`<!-- bench:${scale}:end -->`);
  if (start < 0 || end < start) return benchmarks;
  return mergeBenchmarks(benchmarks, SCALING, scalingSection(parseScalingInputs(benchmarks.slice(start, end))));
}
