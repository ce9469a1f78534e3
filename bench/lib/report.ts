/** One line of the results table. */
export interface ResultRow {
  measurement: string;
  result: string;
  /** The ratio to the ceiling or peer it is compared with, e.g. "42.0 % of raw insert". */
  ratio?: string;
  /** The issue 7 target, and whether it is met. */
  target?: string;
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const escape = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|');
  const lines = ['| measurement | result | ratio | target (issue 7) |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${escape(r.measurement)} | ${escape(r.result)} | ${escape(r.ratio)} | ${escape(r.target)} |`);
  return lines.join('\n');
}

/** "met" or "not met (x of the goal)" for a figure that must be at least `goal`. */
export function atLeast(value: number, goal: number, show: (n: number) => string): string {
  return value >= goal ? `≥ ${show(goal)}: met` : `≥ ${show(goal)}: not met (${((value / goal) * 100).toFixed(0)} % of it)`;
}

/** "met" or "not met (x times the limit)" for a figure that must stay below `limit`. */
export function atMost(value: number, limit: number, show: (n: number) => string): string {
  return value < limit ? `< ${show(limit)}: met` : `< ${show(limit)}: not met (${(value / limit).toFixed(1)}× the limit)`;
}

const METHOD_HEADING = '## Method';
const DEFAULT_METHOD = `${METHOD_HEADING}\n\nHow each figure is measured (bench/run.ts).\n`;
const HEADER =
  "# Benchmarks\n\nThe latest run of each scale, produced by `npm run bench -- --scale <small|medium|full>` (bench/run.ts; a run rewrites only its own scale's section).\n";

function markers(scale: string): [string, string] {
  return [`<!-- bench:${scale}:start -->`, `<!-- bench:${scale}:end -->`];
}

/**
 * The new BENCHMARKS.md: `section` replaces the previous results of the same scale, or is added
 * before the Method section; everything else (other scales, the method, the limits) is kept verbatim.
 */
export function mergeBenchmarks(existing: string | undefined, scale: string, section: string): string {
  const [start, end] = markers(scale);
  const block = `${start}\n${section.trim()}\n${end}`;
  const text = existing?.trim() ? existing : `${HEADER}\n${DEFAULT_METHOD}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) return text.slice(0, from) + block + text.slice(to + end.length);
  const method = text.indexOf(METHOD_HEADING);
  if (method < 0) return `${text.trimEnd()}\n\n${block}\n\n${DEFAULT_METHOD}`;
  return `${text.slice(0, method)}${block}\n\n${text.slice(method)}`;
}
