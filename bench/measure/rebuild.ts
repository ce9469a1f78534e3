import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Throughput } from './ceilings';

export interface RebuildFigures extends Throughput {
  peakRssBytes: number;
}

/** The full rebuild in a child process (ts-node included, as `npm run bench` itself runs). */
export function rebuildInChild(storePath: string, readModelPath: string): Promise<RebuildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, 'rebuild-child.ts'), storePath, readModelPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`rebuild child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as RebuildFigures);
    });
  });
}
