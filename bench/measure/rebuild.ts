import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { RebuildPhase } from '@ashiato/projections';
import type { Throughput } from './ceilings';

export interface RebuildFigures extends Throughput {
  peakRssBytes: number;
  /** Seconds per phase of the rebuild (absent in runs before 2026-11-23 19:00). */
  phases?: Partial<Record<RebuildPhase, number>>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * The child runs compiled JavaScript, as `ashiato rebuild` does from dist/: its peak RSS must not
 * include a TypeScript compiler (ts-node adds ≈ 95 MB). esbuild bundles the repository's own code
 * (resolving the tsconfig path aliases) and leaves every npm package external, so the same
 * better-sqlite3, Kysely and pg modules are loaded as in production.
 */
export function compileRebuildChild(): string {
  const outDir = join(ROOT, 'bench', '.work');
  mkdirSync(outDir, { recursive: true });
  // The projection worker's script is bundled beside the child: the bundled worker-projection-runner
  // starts it from its own directory, as dist/ has it beside the runner.
  buildSync({
    entryPoints: {
      'rebuild-child': join(__dirname, 'rebuild-child.ts'),
      'projection-worker': join(ROOT, 'libs', 'projections', 'src', 'runtime', 'projection-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  });
  return join(outDir, 'rebuild-child.js');
}

/**
 * The full rebuild in a child process of its own, whose VmHWM is the rebuild's peak RSS; with
 * `partitions` > 1 its load runs in that many partitions, each in a worker thread of its own.
 */
export function rebuildInChild(storePath: string, readModelPath: string, partitions = 1): Promise<RebuildFigures> {
  const child = spawn(process.execPath, [compileRebuildChild(), storePath, readModelPath, String(partitions)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`rebuild child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as RebuildFigures);
    });
  });
}
