import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** The built CLI (`npm run build`): chaos kills the program users run, not ts-node around it. */
export const BUILT_CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

export function assertBuilt(): void {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build:server\` first`);
}

/** One temp data directory: the event log, the live read model and the control database beside it. */
export interface DataDir {
  dir: string;
  log: string;
  readModel: string;
}

export function dataDir(dir: string): DataDir {
  return { dir, log: join(dir, 'events.db'), readModel: join(dir, 'read.db') };
}

const HMAC_KEY = 'chaos-trial-hmac-key-9d41e7b06c2a5f38';

function envFor(data: DataDir, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ASHIATO_DB: data.log,
    READ_MODEL_URL: `sqlite:${data.readModel}`,
    ASHIATO_CONTROL_URL: `sqlite:${join(data.dir, 'control.db')}`,
    ASHIATO_HMAC_KEY: HMAC_KEY,
    ASHIATO_AUTH: 'off',
    ASHIATO_DEMO: '',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Resolves when the process has exited, also if it already had. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

export interface Server {
  child: ChildProcess;
  base: string;
  stderr: () => string;
}

/** `ashiato serve` on the data directory; resolves once /health answers 200. */
export async function startServer(data: DataDir, port: number, timeoutMs = 60_000): Promise<Server> {
  const child = spawn(process.execPath, [BUILT_CLI, 'serve'], { env: envFor(data, { PORT: String(port) }), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const server = { child, base: `http://127.0.0.1:${port}`, stderr: () => err };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${err}`);
    if ((await health(server).catch(() => undefined))?.ok) return server;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer /health within ${timeoutMs} ms: ${err}`);
}

export interface Health {
  ok: boolean;
  head: number;
  projected: number;
}

export async function health(server: Server): Promise<Health> {
  const res = await fetch(`${server.base}/health`);
  const body = (await res.json()) as { details?: { eventStore?: { headPosition?: number }; readModel?: { projectedPosition?: number } } };
  return { ok: res.ok, head: body.details?.eventStore?.headPosition ?? -1, projected: body.details?.readModel?.projectedPosition ?? -1 };
}

/** Waits until the live projection has reached the log's head (the server is idle meanwhile). */
export async function waitProjected(server: Server, timeoutMs = 120_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await health(server);
    if (h.ok && h.projected >= h.head) return h;
    if (Date.now() > deadline) throw new Error(`projection stuck at ${h.projected} of ${h.head}`);
    await sleep(100);
  }
}

/** A graceful stop (SIGTERM), so the next step reads a closed database. */
export async function stopServer(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  await exited(server.child);
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Spawns `ashiato <args>` on the data directory; `kill` returns when it is SIGKILLed or exits. */
export function spawnCli(data: DataDir, args: string[]): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: envFor(data), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr: err }));
  });
  return { child, done };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { testPort as chaosPort } from '../support/ports';
