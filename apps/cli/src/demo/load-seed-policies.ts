import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePolicyOrThrow, type PolicyDocument } from '@ashiato/domain';

/** policies/ of the repository, whether we run from the sources, from dist/ or from another directory. */
export function seedPoliciesDir(): string {
  const candidates = [resolve('policies'), join(__dirname, '..', '..', '..', '..', 'policies'), join(__dirname, '..', '..', '..', '..', '..', 'policies')];
  const dir = candidates.find((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.yaml')));
  if (!dir) throw new Error('cannot find the policies/ directory with the seed policies');
  return dir;
}

export function loadSeedPolicies(dir = seedPoliciesDir()): PolicyDocument[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parsePolicyOrThrow(readFileSync(join(dir, f), 'utf8'), 'yaml'));
}

/**
 * The policies written for the demo (policies/demo/*.yaml): not from a seed text, so they stay out of
 * loadSeedPolicies, the benchmark and the seed specs. Today one GDPR controller, so that the demo
 * shows every regime.
 */
export function loadDemoPolicies(dir = join(seedPoliciesDir(), 'demo')): PolicyDocument[] {
  if (!existsSync(dir)) return [];
  return loadSeedPolicies(dir);
}
