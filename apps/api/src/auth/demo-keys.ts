import type { KeyStore } from '@ashiato/control';
import type { HandedRole } from './demo-keys.controller';
import { ROLES, type Role } from './roles';

/** Label of the keys demo mode creates; a new demo run revokes every active key so labelled. */
export const DEMO_KEY_LABEL = 'demo';

/**
 * Demo mode (ASHIATO_DEMO=1): first revokes the keys earlier demo runs created, then creates one
 * fresh key per role, printed once at start so a person trying Ashiato can call every endpoint.
 * Printed to stdout directly, never through the structured logger. Returns the keys the dashboard
 * may be handed: every role's but admin's.
 */
export async function createDemoKeys(
  keys: KeyStore,
  print: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<Record<HandedRole, string>> {
  for (const earlier of await keys.list()) {
    if (earlier.label === DEMO_KEY_LABEL && !earlier.revokedAt) await keys.revoke(earlier.id);
  }
  const created = {} as Record<Role, string>;
  print('Ashiato demo API keys (shown once; send as "Authorization: Bearer <key>"):');
  for (const role of ROLES) {
    const { record, key } = await keys.create(role, DEMO_KEY_LABEL);
    created[role] = key;
    print(`  ${role.padEnd(9)} ${key}   (id ${record.id})`);
  }
  const { admin: _admin, ...handed } = created;
  return handed;
}
