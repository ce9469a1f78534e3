import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLockConflict, retryOnLockConflict } from './retry-busy';

describe('retry on a lock conflict', () => {
  const noWait = { sleep: async () => undefined };

  it('repeats a step refused with SQLITE_BUSY by another connection holding the write lock, and succeeds once it is free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ashiato-busy-'));
    const a = new Database(join(dir, 'read.db'));
    const b = new Database(join(dir, 'read.db'));
    try {
      a.pragma('journal_mode = WAL');
      a.exec('CREATE TABLE t (x INTEGER)');
      b.pragma('busy_timeout = 0');
      a.exec('BEGIN IMMEDIATE');
      let tries = 0;
      const conflicts: string[] = [];
      const written = await retryOnLockConflict(
        async () => {
          // The other writer commits after the second refusal.
          if (++tries === 3) a.exec('COMMIT');
          return b.prepare('INSERT INTO t VALUES (1)').run().changes;
        },
        { ...noWait, onConflict: (_n, err) => conflicts.push((err as { code: string }).code) },
      );
      expect(written).toBe(1);
      expect(conflicts).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
      expect(a.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws any other error at once, and a conflict that outlasts every attempt', async () => {
    let tries = 0;
    const broken = Object.assign(new Error('no such table'), { code: 'SQLITE_ERROR' });
    await expect(
      retryOnLockConflict(async () => {
        tries++;
        throw broken;
      }, noWait),
    ).rejects.toBe(broken);
    expect(tries).toBe(1);
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    await expect(
      retryOnLockConflict(
        async () => {
          tries++;
          throw busy;
        },
        { ...noWait, attempts: 3 },
      ),
    ).rejects.toBe(busy);
    expect(tries).toBe(4);
  });

  it('treats PostgreSQL deadlocks and serialization failures as conflicts, constraint violations not', () => {
    expect(['40P01', '40001', '55P03', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED'].map((code) => isLockConflict({ code }))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['23505', 'SQLITE_CONSTRAINT_UNIQUE', undefined].map((code) => isLockConflict({ code }))).toEqual([false, false, false]);
  });
});
