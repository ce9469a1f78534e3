import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parsePolicy } from '@ashiato/domain';
import { publishPolicy } from '../../../api/src/policies/publish-policy';
import { openStoreFromEnv, stdout, stderr } from '../cli-env';

/** `ashiato policy publish <file>`: validate a policy document and append it as PolicyPublished. */
export function registerPolicyCommand(program: Command): Command {
  const policy = program.command('policy').description('versioned privacy policies');
  policy
    .command('publish')
    .description('validate a policy document (YAML or JSON) and publish it as a new version; publishing the same document again is a no-op')
    .argument('<file>', 'policy document (.yaml, .yml or .json)')
    .action(async (file: string) => {
      const parsed = parsePolicy(readFileSync(file, 'utf8'), extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
      if (!parsed.ok) {
        for (const e of parsed.errors) stderr(`  ${e.path}: ${e.message}`);
        stderr(`${file}: ${parsed.errors.length} problem(s); nothing was published`);
        process.exitCode = 1;
        return;
      }
      const store = openStoreFromEnv();
      try {
        stdout(JSON.stringify(await publishPolicy(store, parsed.policy), null, 2));
      } finally {
        await store.close();
      }
    });
  return policy;
}
