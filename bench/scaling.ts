import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withScaling } from './lib/scaling-inputs';

/**
 * Recomputes BENCHMARKS.md's Scaling section from one scale's results (default medium), as a medium or full
 * run of the harness does on its own: `npm run bench:scaling -- [medium|full] [--print]`.
 */
const BENCHMARKS = join(__dirname, '..', 'BENCHMARKS.md');
const args = process.argv.slice(2);
const scale = args.find((a) => !a.startsWith('--')) ?? 'medium';
const before = readFileSync(BENCHMARKS, 'utf8');
const after = withScaling(before, scale);
if (after === before && !before.includes(`<!-- bench:${scale}:start -->`)) {
  process.stderr.write(`BENCHMARKS.md has no ${scale} section\n`);
  process.exit(1);
}
if (args.includes('--print')) process.stdout.write(after);
else writeFileSync(BENCHMARKS, after);
