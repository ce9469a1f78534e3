import type { Env } from '@ashiato/config';
import type { Command } from 'commander';
import { CreateKeyCommand, ListKeysQuery, RevokeKeyCommand } from '@ashiato/application';
import { controlUrlFrom, isRole, ROLES } from '@ashiato/control';
import { UTC } from '@ashiato/domain';
import { withKeyStore, type Buses } from '../application-context';
import { stderr, stdout } from '../cli-env';
import { at, langOf, printJson, printText, say, table, withOutput, type OutputOptions } from '../output/present';

/**
 * `ashiato keys create --role dpo`: a new API key, printed once (only its SHA-256 digest is kept, in
 * the control database: ASHIATO_CONTROL_URL, else ashiato-control.db beside ASHIATO_DB). `keys list`, `keys revoke <id>`.
 */
export function registerKeysCommand(program: Command, env: Env): Command {
  const keys = program.command('keys').description('API keys with roles: ingestor, dpo, breach, viewer, admin');

  const withKeys = <T>(run: (app: Buses) => Promise<T>): Promise<T> => withKeyStore(controlUrlFrom(env.ASHIATO_CONTROL_URL, env.ASHIATO_DB), run);

  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--label <label>', 'who or what the key is for')
    .action(async (o: { role: string; label?: string }) => {
      if (!isRole(o.role)) throw Object.assign(new Error(`--role must be one of ${ROLES.join(', ')}`), { code: 'VALIDATION_FAILED' });
      const role = o.role;
      const { record, key } = await withKeys(({ commands }) => commands.execute(new CreateKeyCommand(role, o.label)));
      stderr(`created ${record.role} key ${record.id}; it is shown only now:`);
      stdout(key);
    });

  withOutput(keys.command('list').description('key ids, roles, states and labels (never the keys)')).action(async (o: OutputOptions) => {
    const lang = langOf(o.lang, env);
    const list = await withKeys(({ queries }) => queries.execute(new ListKeysQuery()));
    if (o.json) return printJson(list);
    if (!list.length) return printText(say(lang, 'API キーはありません。', 'No API keys.'));
    printText(
      table(
        [say(lang, 'キーID', 'Key id'), say(lang, '役割', 'Role'), say(lang, '状態', 'State'), say(lang, '作成', 'Created'), say(lang, 'ラベル', 'Label')],
        list.map((k) => [
          k.id,
          k.role,
          k.revokedAt ? `${say(lang, '失効', 'revoked')} ${at(k.revokedAt, UTC)}` : say(lang, '有効', 'active'),
          at(k.createdAt, UTC),
          k.label,
        ]),
      ),
    );
  });

  keys
    .command('revoke')
    .description('revoke a key by id')
    .argument('<id>')
    .action(async (id: string) => {
      await withKeys(({ commands }) => commands.execute(new RevokeKeyCommand(id)));
      stderr(`revoked ${id}`);
    });

  return keys;
}
