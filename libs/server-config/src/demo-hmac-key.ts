import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DEMO_HMAC_KEY_FILE = 'demo-hmac.key';

/**
 * Demo mode's HMAC key, kept beside the event store (`<data dir>/demo-hmac.key`, mode 0600) so that a
 * restarted demo finds the same subjects by lookup. Created on first use; undefined for an in-memory
 * store (nothing to come back to).
 */
export function demoHmacKey(dbPath: string): { key: string; file: string } | undefined {
  if (dbPath === ':memory:' || dbPath.startsWith('file::memory:')) return undefined;
  const file = join(dirname(resolve(dbPath)), DEMO_HMAC_KEY_FILE);
  try {
    return { key: readFileSync(file, 'utf8').trim(), file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return { key, file };
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: readFileSync(file, 'utf8').trim(), file };
    throw err;
  }
}
