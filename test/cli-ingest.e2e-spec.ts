import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ashiato/event-store';
import { openReadModel } from '@ashiato/projections';
import { acquisition } from './support/events';
import { runCli } from './support/spawn-cli';

jest.setTimeout(180_000);

describe('ashiato ingest <file.ndjson>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-cli-'));
  const env = {
    ASHIATO_DB: join(dir, 'events.db'),
    READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
    ASHIATO_HMAC_KEY: 'cli-test-hmac-key-8d2f6b0a4e9c1735',
    ASHIATO_DEMO: '',
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores nothing from a file with bad lines unless asked to skip them, lists each with its field path, and stores nothing twice on a re-run', async () => {
    const email = `taro.${randomUUID().slice(0, 8)}@example.jp`;
    const { subjectRef: _ref, ...withEmail } = acquisition({ subject: { email } });
    void _ref;
    const lines = [
      ...Array.from({ length: 2_500 }, () => JSON.stringify(acquisition())),
      JSON.stringify(withEmail),
      JSON.stringify(acquisition({ occurredAt: 'yesterday' })),
      '{"type": "DataUsed",',
      '',
      JSON.stringify(acquisition({ items: ['email', 'bad id'] })),
    ];
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);

    // Default: the file is validated as a whole, and one bad line means nothing is stored.
    const refused = await runCli(['ingest', file, '--batch-size', '1000', '--no-progress'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/nothing stored: 3 bad line\(s\) \(of 2505 lines\)/);
    expect(refused.stdout).toMatch(/rejected line 2502 \(event 2501\): occurredAt /);
    const headAfter = async () => {
      const s = new SqliteEventStore({ path: env.ASHIATO_DB });
      try {
        return await s.headPosition();
      } finally {
        await s.close();
      }
    };
    expect(await headAfter()).toBe(0);

    const dry = await runCli(['ingest', file, '--dry-run', '--no-progress', '--json'], env);
    expect(JSON.parse(dry.stdout)).toMatchObject({ mode: 'dry-run', accepted: 0, rejected: 3, storedNothing: true });
    expect(await headAfter()).toBe(0);

    const first = await runCli(['ingest', file, '--batch-size', '1000', '--no-progress', '--skip-invalid'], env);
    expect(first.stdout).toMatch(/accepted 2501, duplicates 0, rejected 3/);
    expect(first.stdout).toMatch(/rejected line 2502 \(event 2501\): occurredAt /);
    expect(first.stdout).toMatch(/rejected line 2503 \(event 2502\): \$ line 2503 is not valid JSON/);
    expect(first.stdout).toMatch(/rejected line 2505 \(event 2503\): items\[1\] /);
    expect(first.code).toBe(1);
    expect(`${first.stdout}${first.stderr}`).not.toContain(email);

    const second = await runCli(['ingest', file, '--no-progress', '--json', '--skip-invalid'], env);
    expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 0, duplicates: 2501, rejected: 3 });

    const store = new SqliteEventStore({ path: env.ASHIATO_DB });
    try {
      expect(await store.headPosition()).toBe(2501);
    } finally {
      await store.close();
    }
    for (const f of readdirSync(dir).filter((n) => n.startsWith('events.db'))) {
      expect(readFileSync(join(dir, f)).toString('latin1')).not.toContain(email);
    }
  });

  it('publishes a policy file and refuses an invalid one with the paths of its problems', async () => {
    const ok = await runCli(['policy', 'publish', 'policies/jcert.yaml', '--json'], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ controller: 'jcert', duplicate: false });
    const again = await runCli(['policy', 'publish', 'policies/jcert.yaml', '--lang', 'en'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Result\s+already published: nothing appended/);
    expect(again.stdout).toMatch(/Effective from\s+\d{4}-\d\d-\d\d \d\d:\d\d JST/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync('policies/jcert.yaml', 'utf8').replace(/^regime: .*$/m, 'regime: Martian'));
    const refused = await runCli(['policy', 'publish', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\$\.regime\b.*must be one of APPI/);
  });

  it('rebuilds the read models from the whole log', async () => {
    const run = await runCli(['rebuild', '--no-progress'], env);
    expect(run.code).toBe(0);
    const store = new SqliteEventStore({ path: env.ASHIATO_DB });
    const head = await store.headPosition();
    await store.close();
    expect(run.stdout).toContain(`up to position ${head} `);
  });

  it('refuses to rebuild from an event log that does not exist, and leaves the read model as it was', async () => {
    const flowCount = async () => {
      const rm = await openReadModel(env.READ_MODEL_URL);
      try {
        return Number(
          (
            await rm.db
              .selectFrom('flows')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      } finally {
        await rm.close();
      }
    };
    const before = await flowCount();
    expect(before).toBeGreaterThan(0);

    const run = await runCli(['rebuild', '--no-progress'], { ...env, ASHIATO_DB: join(dir, 'typo', 'events.db') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('EVENT_LOG_NOT_FOUND');
    expect(readdirSync(dir)).not.toContain('typo');
    expect(await flowCount()).toBe(before);
  });
});
