import { startApi, TEST_ADMIN_KEY, type ApiHarness } from './support/api-harness';
import { runCli, testPort } from './support/spawn-cli';

jest.setTimeout(120_000);

/** What a person sees when a CLI command fails: the URL it tried, or the fields the API refused. */
describe('CLI error messages', () => {
  it('names the URL it could not reach, from --url or from PORT', async () => {
    const port = testPort();
    const byUrl = await runCli(['lineage', 's-nobody-0001', '--url', `http://127.0.0.1:${port}`], { ASHIATO_KEY: 'k' });
    expect(byUrl.code).toBe(1);
    expect(byUrl.stderr).toContain(`API_UNREACHABLE: cannot reach the Ashiato API at http://127.0.0.1:${port}: connection refused — is the server running`);
    expect(byUrl.stderr).toMatch(/set --url or ASHIATO_URL/);

    const byPort = await runCli(['breach', 'list'], { PORT: String(port), ASHIATO_URL: '', ASHIATO_KEY: 'k' });
    expect(byPort.code).toBe(1);
    expect(byPort.stderr).toContain(`cannot reach the Ashiato API at http://127.0.0.1:${port}: connection refused`);

    const byEnv = await runCli(['breach', 'show', 'b-1'], { ASHIATO_URL: `http://127.0.0.1:${port}/`, ASHIATO_KEY: 'k' });
    expect(byEnv.stderr).toContain(`cannot reach the Ashiato API at http://127.0.0.1:${port}: connection refused`);
  });

  it('names the setting that holds a URL it cannot use', async () => {
    const run = await runCli(['breach', 'list'], { ASHIATO_URL: 'localhost:3000', ASHIATO_KEY: 'k' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('API_URL_INVALID: ASHIATO_URL gives "localhost:3000", which is not an http:// or https:// URL');
  });

  it('stops at start on a bad variable, naming it and what it must be, never its value', async () => {
    const run = await runCli(['verify'], { EVENTSTORE_URL: 'mysql://ashiato:hunter2-secret@db.internal/log', ASHIATO_NATS_BATCH: 'lots' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'CONFIG_INVALID: invalid configuration: EVENTSTORE_URL must be a postgres:// or esdb:// connection string; ASHIATO_NATS_BATCH must be an integer from 1 to 10000',
    );
    expect(run.stderr + run.stdout).not.toMatch(/hunter2|db\.internal|lots/);
  });

  describe('against a running API', () => {
    let api: ApiHarness;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      api = await startApi();
      const port = testPort();
      await api.app.listen(port, '127.0.0.1');
      env = { ASHIATO_URL: `http://127.0.0.1:${port}`, ASHIATO_KEY: TEST_ADMIN_KEY };
    });
    afterAll(() => api.close());

    /** `ashiato breach declare` of JCERT's e-mail addresses in February, with the given start and cause. */
    const declare = (o: { from: string; cause: string }) =>
      runCli(
        [
          'breach',
          'declare',
          '--holder',
          'jcert',
          '--items',
          'email',
          '--from',
          o.from,
          '--to',
          '2026-02-28T00:00:00Z',
          '--discovered-at',
          '2026-03-01T00:00:00Z',
          '--cause',
          o.cause,
        ],
        env,
      );

    it('lists each field the API refused, by JSON path', async () => {
      const run = await declare({ from: 'last tuesday', cause: 'loss' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/VALIDATION_FAILED: POST http:\/\/127\.0\.0\.1:\d+\/v1\/breaches answered 400/);
      expect(run.stderr).toMatch(/\n\s+\$?\.?window\.from: /);
      expect(run.stderr).not.toMatch(/invalid field\(s\)\s*$/);
    });

    it('lists every field of a refused declaration, each with its message', async () => {
      const run = await declare({ from: 'yesterday', cause: 'meteor' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/\n\s+\$?\.?window\.from: \S/);
      expect(run.stderr).toMatch(/\n\s+\$?\.?cause: must be one of: .*unauthorizedAccess/);
    });

    it('says which key was refused without printing it', async () => {
      const run = await runCli(['breach', 'list'], { ...env, ASHIATO_KEY: 'not-a-key-of-this-server' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/UNAUTHORIZED: GET http:\/\/127\.0\.0\.1:\d+\/v1\/breaches answered 401/);
      expect(run.stderr).not.toContain('not-a-key-of-this-server');
    });
  });
});
