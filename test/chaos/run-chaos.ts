import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { machine } from '../fuzz/run-fuzz';
import { ingestTrial } from './ingest-trial';
import { assertBuilt } from './processes';
import { rebuildTrial } from './rebuild-trial';
import { failed, type TrialResult } from './trial';

export type Mode = 'ingest' | 'rebuild';

export interface ChaosOptions {
  seed: number;
  /** Trials per mode. */
  trials: Record<Mode, number>;
  /** Subjects of each ingest trial's seeded history (≈ 10 events each); a rebuild trial's log has 2.5 times as many, so that most of a rebuild's run is rebuilding rather than starting up. */
  subjects: number;
  root: string;
  onTrial?: (t: TrialResult) => void;
}

export interface ModeSummary {
  trials: number;
  ackedEvents: number;
  lost: number;
  partialBatches: number;
  readModelDiffs: number;
  errors: number;
  killedDuring: Record<string, number>;
  leftBehind?: Record<string, number>;
}

/** Trial i of a run with seed S has seed S + i: `--seed <a failing trial's seed> --trials 1` replays it. */
export async function runChaos(o: ChaosOptions): Promise<{ summary: Record<Mode, ModeSummary>; failures: TrialResult[] }> {
  const results: TrialResult[] = [];
  for (let i = 0; i < o.trials.ingest; i++) results.push(report(await ingestTrial(o.seed + i, o.root, o.subjects), o));
  // An odd seed runs the rebuild beside a server that keeps ingesting.
  for (let i = 0; i < o.trials.rebuild; i++)
    results.push(report(await rebuildTrial(o.seed + i, o.root, Math.round(o.subjects * 2.5), (o.seed + i) % 2 === 1), o));
  const summary = { ingest: summarise(results.filter((r) => r.mode === 'ingest')), rebuild: summarise(results.filter((r) => r.mode === 'rebuild')) };
  return { summary, failures: results.filter(failed) };
}

function report(t: TrialResult, o: ChaosOptions): TrialResult {
  o.onTrial?.(t);
  return t;
}

function summarise(results: TrialResult[]): ModeSummary {
  const count = (key: (t: TrialResult) => string | undefined) =>
    results.reduce<Record<string, number>>((acc, t) => {
      const k = key(t);
      if (k) acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
  const sum = (f: (t: TrialResult) => number) => results.reduce((n, t) => n + f(t), 0);
  const leftBehind = count((t) => (t.leftBehind === 'n/a' ? undefined : t.leftBehind));
  return {
    trials: results.length,
    ackedEvents: sum((t) => t.ackedEvents),
    lost: sum((t) => t.lost),
    partialBatches: sum((t) => t.partialBatches),
    readModelDiffs: sum((t) => (t.readModelDiff ? 1 : 0)),
    errors: sum((t) => (t.error ? 1 : 0)),
    killedDuring: count((t) => t.killedDuring),
    ...(Object.keys(leftBehind).length ? { leftBehind } : {}),
  };
}

/** `npm run chaos [-- --trials N --seed S --mode ingest|rebuild --subjects N]`: N SIGKILL trials, split between the modes. */
async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? Math.floor(Math.random() * 1e9));
  const total = Number(arg('trials') ?? 20);
  const mode = arg('mode');
  const trials =
    mode === 'ingest' || mode === 'rebuild' ? { ingest: 0, rebuild: 0, [mode]: total } : { ingest: Math.ceil(total / 2), rebuild: Math.floor(total / 2) };
  const subjects = Number(arg('subjects') ?? 400);
  assertBuilt();
  process.stderr.write(`chaos: seed ${seed}, ${trials.ingest} ingest and ${trials.rebuild} rebuild trials, ${subjects} subjects per ingest trial\n`);
  const root = mkdtempSync(join(tmpdir(), 'ashiato-chaos-'));
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'chaos [{bar}] {value}/{total} trials | {mode} seed {seed} | failed {failed}',
    hideCursor: true,
  });
  let done = 0;
  let failures = 0;
  // In a terminal a bar; in a log (CI, a file) one line per trial.
  const tty = process.stderr.isTTY;
  if (tty) bar.start(trials.ingest + trials.rebuild, 0, { mode: '', seed, failed: 0 });
  const started = Date.now();
  const run = await runChaos({
    seed,
    trials,
    subjects,
    root,
    onTrial: (t) => {
      if (failed(t)) failures++;
      if (tty) bar.update(++done, { mode: t.mode, seed: t.seed, failed: failures });
      else
        process.stderr.write(
          `chaos: ${++done}/${trials.ingest + trials.rebuild} ${t.mode} seed ${t.seed} ${t.killedDuring === 'finished' ? 'finished before the kill' : `killed during ${t.killedDuring}`}: ${failed(t) ? 'FAILED' : 'ok'}\n`,
        );
    },
  });
  if (tty) bar.stop();
  if (!run.failures.length) rmSync(root, { recursive: true, force: true });
  const out = {
    date: new Date().toISOString(),
    machine: machine(),
    seed,
    subjects,
    seconds: Math.round((Date.now() - started) / 1000),
    ...run.summary,
    failures: run.failures.map((t) => ({ ...t, replay: `npm run chaos -- --mode ${t.mode} --seed ${t.seed} --trials 1 --subjects ${subjects}` })),
    kept: run.failures.length ? root : undefined,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.exitCode = run.failures.length ? 1 : 0;
}

if (require.main === module) void main();
