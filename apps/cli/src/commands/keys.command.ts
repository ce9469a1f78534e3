import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { openReadModel } from '@ashiato/projections';
import { KyselyKeyStore, type ApiKeysDb } from '../../../api/src/auth/kysely-key-store';
import { isRole, ROLES } from '../../../api/src/auth/roles';
import { readModelUrlFromEnv, stderr, stdout } from '../cli-env';

/**
 * `ashiato keys create --role dpo`: a new API key, printed once (only its SHA-256 digest is kept, in
 * table `api_keys` of the read-model database named by READ_MODEL_URL). `keys list`, `keys revoke <id>`.
 */
export function registerKeysCommand(program: Command): Command {
  const keys = program.command('keys').description('API keys with roles: ingestor, dpo, breach, viewer, admin');

  const withStore = async <T>(run: (store: KyselyKeyStore) => Promise<T>): Promise<T> => {
    const rm = openReadModel(readModelUrlFromEnv());
    try {
      return await run(new KyselyKeyStore(rm.db as unknown as Kysely<ApiKeysDb>));
    } finally {
      await rm.close();
    }
  };

  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--label <label>', 'who or what the key is for')
    .action(async (o: { role: string; label?: string }) => {
      if (!isRole(o.role)) throw Object.assign(new Error(`--role must be one of ${ROLES.join(', ')}`), { code: 'VALIDATION_FAILED' });
      const role = o.role;
      const { record, key } = await withStore((s) => s.create(role, o.label));
      stderr(`created ${record.role} key ${record.id}; it is shown only now:`);
      stdout(key);
    });

  keys
    .command('list')
    .description('key ids, roles and labels (never the keys)')
    .action(async () => {
      for (const k of await withStore((s) => s.list())) stdout(`${k.id}\t${k.role}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\t${k.label ?? ''}`);
    });

  keys
    .command('revoke')
    .description('revoke a key by id')
    .argument('<id>')
    .action(async (id: string) => {
      if (!(await withStore((s) => s.revoke(id)))) throw Object.assign(new Error(`no active key ${id}`), { code: 'NOT_FOUND' });
      stderr(`revoked ${id}`);
    });

  return keys;
}
