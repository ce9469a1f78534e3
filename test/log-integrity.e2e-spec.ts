import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ashiato/event-store';
import { openReadModel } from '@ashiato/projections';
import { acquisition, writeAcquisitions } from './support/events';
import { runCli } from './support/spawn-cli';

jest.setTimeout(240_000);

/** A log of `count` valid acquisitions, each in its subject's stream. */
const writeLog = (path: string, count: number) => writeAcquisitions(new SqliteEventStore({ path }), count);

/** Changes the log behind the store's back, as someone with the file would. */
function tamper(path: string, sql: string): void {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

async function holdingCount(url: string): Promise<number> {
  const rm = openReadModel(url);
  try {
    return Number(
      (
        await rm.db
          .selectFrom('holdings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  } finally {
    await rm.close();
  }
}

describe('a tamper-evident log: ashiato verify and rebuild', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let runs = 0;
  const fresh = () => {
    const at = join(dir, `run-${++runs}`);
    return {
      ASHIATO_DB: join(at, 'events.db'),
      READ_MODEL_URL: `sqlite:${join(at, 'read.db')}`,
      ASHIATO_HMAC_KEY: 'verify-test-hmac-key-0123456789abc',
      ASHIATO_DEMO: '',
    };
  };

  it('an edited row fails verify at its position, a deleted row at the next, and rebuild refuses the log unless forced', async () => {
    const env = fresh();
    await writeLog(env.ASHIATO_DB, 12);
    const intact = await runCli(['verify', '--no-progress'], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/chain intact: 12 events checked; log [0-9a-f-]{36}, head position 12, head hash [0-9a-f]{64}/);
    expect((await runCli(['rebuild', '--no-progress'], env)).code).toBe(0);
    expect(await holdingCount(env.READ_MODEL_URL)).toBe(12);

    // Someone edits event 5 (another item) and deletes event 9.
    tamper(env.ASHIATO_DB, `UPDATE events SET data = json_set(data, '$.items', json('["phone"]')) WHERE position = 5`);
    const edited = await runCli(['verify', '--no-progress'], env);
    expect(edited.code).not.toBe(0);
    expect(edited.stderr).toMatch(/CHAIN_BROKEN: the chain breaks at position 5\b/);

    tamper(env.ASHIATO_DB, `DELETE FROM events WHERE position = 9`);
    expect((await runCli(['verify', '--no-progress'], env)).stderr).toMatch(/breaks at position 5\b/);
    // From a checkpoint trusted before the edit, the same first break; from one after it, the deletion.
    const store = new SqliteEventStore({ path: env.ASHIATO_DB });
    const [h3, h6] = [await store.hashAt(3), await store.hashAt(6)];
    await store.close();
    expect((await runCli(['verify', '--no-progress', '--from', '3', '--hash', h3!], env)).stderr).toMatch(/breaks at position 5\b/);
    const afterEdit = await runCli(['verify', '--no-progress', '--from', '6', '--hash', h6!], env);
    expect(afterEdit.code).not.toBe(0);
    expect(afterEdit.stderr).toMatch(/breaks at position 10\b/);

    const refused = await runCli(['rebuild', '--no-progress'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/CHAIN_BROKEN: the chain breaks at position 5\b.*--force/);
    expect(await holdingCount(env.READ_MODEL_URL)).toBe(12);

    const forced = await runCli(['rebuild', '--no-progress', '--force'], env);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/breaks at position 5\b.*rebuilding anyway/);
    expect(await holdingCount(env.READ_MODEL_URL)).toBe(11);
  });

  it('a signed head statement verifies against the log, and fails once the statement or the log is altered', async () => {
    const env = fresh();
    await writeLog(env.ASHIATO_DB, 6);
    const head = await runCli(['verify', '--head', '--no-progress'], env);
    expect(head.code).toBe(0);
    const signed = JSON.parse(head.stdout) as {
      statement: { logId: string; position: number; hash: string; signedAt: string };
      signature: string;
      keyFingerprint: string;
    };
    expect(signed.statement).toMatchObject({ position: 6, hash: expect.stringMatching(/^[0-9a-f]{64}$/), chainVerified: true });
    expect(head.stderr).toContain(join(env.ASHIATO_DB, '..', 'signing-key.pem'));
    const kept = join(dir, `statement-${runs}.json`);
    writeFileSync(kept, head.stdout);

    await writeLog(env.ASHIATO_DB, 2);
    const holds = await runCli(['verify', '--statement', kept, '--no-progress'], env);
    expect(holds.code).toBe(0);
    expect(holds.stdout).toMatch(new RegExp(`statement holds: signed by key ${signed.keyFingerprint}.*position 6; the log has grown to position 8 since`));

    // The same key signs again (the key file was created once).
    const again = JSON.parse((await runCli(['verify', '--head', '--no-progress'], env)).stdout) as { keyFingerprint: string };
    expect(again.keyFingerprint).toBe(signed.keyFingerprint);

    const forged = join(dir, `forged-${runs}.json`);
    writeFileSync(forged, JSON.stringify({ ...signed, statement: { ...signed.statement, position: 7 } }));
    const badSignature = await runCli(['verify', '--statement', forged, '--no-progress'], env);
    expect(badSignature.code).not.toBe(0);
    expect(badSignature.stderr).toContain('STATEMENT_SIGNATURE_INVALID');

    tamper(env.ASHIATO_DB, `UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = 2`);
    const tampered = await runCli(['verify', '--statement', kept, '--no-progress'], env);
    expect(tampered.code).not.toBe(0);
    expect(tampered.stderr).toMatch(/CHAIN_BROKEN: the chain breaks at position 2\b/);
    expect(readFileSync(kept, 'utf8')).toBe(head.stdout);
  });
});

describe('the SQLite log schema: versioned migrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('chains the rows of a log written before the hash chain, gives it an id, and keeps both on reopening', async () => {
    const path = join(dir, 'old.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT, recorded_at TEXT NOT NULL, UNIQUE (stream_id, version))`);
    const insert = db.prepare('INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at) VALUES (?, 0, ?, ?, ?, NULL, ?)');
    for (let i = 0; i < 5; i++) {
      const e = acquisition();
      insert.run(`subject-${String(e.subjectRef)}`, e.eventId, 'DataAcquired', JSON.stringify(e), '2026-04-01T00:00:00.000Z');
    }
    db.close();

    const store = new SqliteEventStore({ path });
    const identity = await store.identity();
    expect(identity).toMatchObject({ logId: expect.stringMatching(/^[0-9a-f-]{36}$/), headPosition: 5 });
    expect(await store.verifyChain()).toEqual({ ok: true, checked: 5, headPosition: 5, headHash: identity.headHash });
    await writeLog(path, 1);
    await store.close();

    const reopened = new SqliteEventStore({ path });
    expect((await reopened.identity()).logId).toBe(identity.logId);
    expect(await reopened.verifyChain()).toMatchObject({ ok: true, checked: 6 });
    await reopened.close();
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });
});
