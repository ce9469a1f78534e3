import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answering, portFreed, runCli, startServer, testPort } from './support/spawn-cli';

jest.setTimeout(180_000);

/** Resolves with how the process ended, also if it already had. */
const ended = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));

/** `ashiato serve` runs the API as a process of its own: it must end with the CLI, however the CLI ends. */
describe('ashiato serve and the API process it starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-serve-'));
  const env = {
    ASHIATO_DB: join(dir, 'events.db'),
    READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
    ASHIATO_CONTROL_URL: `sqlite:${join(dir, 'control.db')}`,
    ASHIATO_HMAC_KEY: 'serve-process-hmac-key-5c2e8a1f7b3d9046',
    ASHIATO_AUTH: 'off',
    ASHIATO_DEMO: '',
  };
  let server: ChildProcess | undefined;
  afterEach(() => server?.kill('SIGKILL'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stopped with SIGTERM, ends as the API did, and the port is free once it has', async () => {
    const port = testPort();
    server = await startServer(env, port);
    server.kill('SIGTERM');
    expect(await ended(server)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await answering(port)).toBe(false);
  });

  it('killed outright (kill -9), leaves no API process serving behind it', async () => {
    const port = testPort();
    server = await startServer(env, port);
    server.kill('SIGKILL');
    await ended(server);
    expect(await portFreed(port)).toBe(true);
  });

  it("ends with the API's exit status when the API refuses its configuration", async () => {
    const run = await runCli(['serve', '--port', String(testPort())], { ...env, ASHIATO_HMAC_KEY: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ASHIATO_HMAC_KEY is required');
  });
});
