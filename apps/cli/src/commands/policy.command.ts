import type { Env } from '@ashiato/config';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { labelOf, parsePolicy, zoneForRegime } from '@ashiato/domain';
import { PublishPolicyCommand } from '@ashiato/application';
import { withApplication } from '../application-context';
import { eventStoreConfigFromEnv, stderr } from '../cli-env';
import { at, fields, langOf, printJson, printText, say, withOutput, type OutputOptions } from '../output/present';
import { registerPolicyWhatIfCommand } from './policy-what-if.command';

/** `ashiato policy publish <file>`: validate a policy document and append it as PolicyPublished. */
export function registerPolicyCommand(program: Command, env: Env): Command {
  const policy = program.command('policy').description('versioned privacy policies');
  withOutput(
    policy
      .command('publish')
      .description('validate a policy document (YAML or JSON) and publish it as a new version; publishing the same document again is a no-op')
      .argument('<file>', 'policy document (.yaml, .yml or .json)'),
  ).action(async (file: string, o: OutputOptions) => {
    const lang = langOf(o.lang, env);
    const parsed = parsePolicy(readFileSync(file, 'utf8'), extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
    if (!parsed.ok) {
      for (const e of parsed.errors) stderr(`  ${e.path}: ${e.message}`);
      stderr(`${file}: ${parsed.errors.length} problem(s); nothing was published`);
      process.exitCode = 1;
      return;
    }
    const r = await withApplication(eventStoreConfigFromEnv(env), ({ commands }) => commands.execute(new PublishPolicyCommand(parsed.policy)));
    if (o.json) return printJson(r);
    printText(
      fields([
        [
          say(lang, 'ポリシー', 'Policy'),
          `${parsed.policy.name ? `${parsed.policy.name} (${r.controller})` : r.controller} ${say(lang, '版', 'version')} ${r.version} — ${labelOf('regime', parsed.policy.regime, lang)}`,
        ],
        [
          say(lang, '結果', 'Result'),
          r.duplicate ? say(lang, '公表済み（何も追加していません）', 'already published: nothing appended') : say(lang, '公表しました', 'published'),
        ],
        [say(lang, '施行', 'Effective from'), at(r.effectiveFrom, zoneForRegime(parsed.policy.regime))],
        [say(lang, 'イベント', 'Event id'), r.eventId],
        [say(lang, '位置', 'Log position'), r.position],
      ]),
    );
  });
  registerPolicyWhatIfCommand(policy, env);
  return policy;
}
