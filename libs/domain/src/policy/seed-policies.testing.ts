import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { parsePolicyOrThrow } from './load-policy';
import type { PolicyDocument } from './policy';

/** Test support only (reads files): the five seed policies of policies/*.yaml, keyed by controller id. */
export const SEED_POLICY_DIR = join(__dirname, '../../../../policies');

export const SEED_CONTROLLERS = ['cyberlinks-mynatrust', 'jcert', 'gbizconnect', 'nijimo-fujissl', 'digital-agency-mykey'] as const;
export type SeedController = (typeof SEED_CONTROLLERS)[number];

export function loadSeedPolicies(dir: string = SEED_POLICY_DIR): Record<SeedController, PolicyDocument> {
  const byController: Record<string, PolicyDocument> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const policy = parsePolicyOrThrow(readFileSync(join(dir, file), 'utf8'), 'yaml');
    byController[policy.controller] = policy;
  }
  for (const c of SEED_CONTROLLERS) if (!byController[c]) throw new Error(`seed policy ${c} missing in ${dir}`);
  return byController as Record<SeedController, PolicyDocument>;
}

export function loadSeedPolicy(controller: SeedController): PolicyDocument {
  return loadSeedPolicies()[controller];
}
