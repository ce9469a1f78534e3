import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectionWorkerData } from './projection-worker-protocol';

/** Run from TypeScript (ts-node, ts-jest) the worker script is TypeScript too and needs the same loaders. */
const FROM_TYPESCRIPT = __filename.endsWith('.ts');
const WORKER_SCRIPT = join(__dirname, FROM_TYPESCRIPT ? 'projection-worker.ts' : 'projection-worker.js');
const TS_LOADERS = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

function workerExecArgv(): string[] | undefined {
  if (!FROM_TYPESCRIPT) return undefined; // inherit the process's (e.g. --cpu-prof)
  const inherited = process.execArgv;
  return inherited.some((a) => a.includes('ts-node/register')) ? [...inherited] : [...inherited, ...TS_LOADERS];
}

/**
 * V8's young generation for a projection thread, in MiB: V8 makes it two 32 MiB semi-spaces plus room
 * for large young objects (the default semi-space is 16 MiB). Projecting allocates short-lived objects
 * at a high rate (parsed events, rows, SQL parameters, snapshot texts); with the default size they are
 * scavenged before they die, copied and promoted to the old generation, which is then marked again and
 * again. A rebuild of 1,034,078 events took 65–73 s in such a worker instead of 80–83 s in the main
 * thread with the default heap. 192 MiB (64 MiB semi-spaces) was no faster within the noise (65–72 s)
 * and its peak RSS ranged 440–514 MB over six runs against 444–450 MB with 96, too close to the
 * rebuild's 512 MB budget (BENCHMARKS.md).
 */
export const PROJECTION_YOUNG_GENERATION_MB = 96;

export function startWorker(data: ProjectionWorkerData): Worker {
  return new Worker(WORKER_SCRIPT, {
    workerData: data,
    execArgv: workerExecArgv(),
    resourceLimits: { maxYoungGenerationSizeMb: PROJECTION_YOUNG_GENERATION_MB },
  });
}
