import type { KeyStore } from './key-store';
import { ROLES, type Role } from './roles';

/**
 * Demo mode (ASHIATO_DEMO=1): one fresh key per role, printed once at start so a person trying
 * Ashiato can call every endpoint. Printed to stdout directly, never through the structured logger.
 */
export async function createDemoKeys(keys: KeyStore, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<Record<Role, string>> {
  const out = {} as Record<Role, string>;
  print('Ashiato demo API keys (shown once; send as "Authorization: Bearer <key>"):');
  for (const role of ROLES) {
    const { record, key } = await keys.create(role, 'demo');
    out[role] = key;
    print(`  ${role.padEnd(9)} ${key}   (id ${record.id})`);
  }
  return out;
}
