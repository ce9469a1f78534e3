import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built CLI (`npm run build` writes it): the server is measured as it is deployed, compiled JavaScript in a process of its own. */
export const BUILT_CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
/** The built API's entry, which `ashiato serve` runs as a process of its own: started here directly, so its pid is the server's. */
export const BUILT_API = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

export interface ServerOptions {
  /** Directory of the SQLite event store, read model and control database. */
  dir: string;
  /** ASHIATO_PROJECTION_PARTITIONS. */
  partitions: number;
}

/** What GET /health says: the head of the log and how far the live projection has projected it. */
export interface HealthSample {
  headPosition: number;
  projectedPosition: number;
}

export interface RunningServer {
  url: string;
  pid: number;
  health(): Promise<HealthSample>;
  /** VmHWM of the server process (Linux), read before it stops; undefined elsewhere. */
  peakRssBytes(): number | undefined;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Only what the server needs: nothing of the caller's ASHIATO_* or EVENTSTORE_URL settings leaks in. A fresh
 * HMAC key per run (the server refuses a repetitive one), no key guard, 64 MB bodies, the live projection in
 * its worker thread as in production.
 */
function serverEnv(port: number, o: ServerOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    ASHIATO_HOST: '127.0.0.1',
    ASHIATO_DB: join(o.dir, 'store.db'),
    READ_MODEL_URL: `sqlite:${join(o.dir, 'read.db')}`,
    ASHIATO_CONTROL_URL: `sqlite:${join(o.dir, 'control.db')}`,
    ASHIATO_HMAC_KEY: randomBytes(32).toString('base64'),
    ASHIATO_AUTH: 'off',
    ASHIATO_MAX_BODY: '64mb',
    ASHIATO_PROJECTION_THREAD: 'worker',
    ASHIATO_PROJECTION_PARTITIONS: String(o.partitions),
    ASHIATO_DASHBOARD_DIR: join(o.dir, 'no-dashboard'),
    LOG_LEVEL: 'error',
  };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

function vmHwm(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The built API (what `ashiato serve` starts) on a free loopback port, answered once GET /health says both stores are up. */
export async function startBuiltServer(o: ServerOptions, startTimeoutMs = 60_000): Promise<RunningServer> {
  if (!existsSync(BUILT_API)) throw new Error(`${BUILT_API} is missing: run npm run build first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [BUILT_API], { env: serverEnv(port, o), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const health = async (): Promise<HealthSample> => {
    const res = await fetch(`${url}/health`);
    const body = (await res.json()) as { info?: { eventStore?: { headPosition?: number }; readModel?: { projectedPosition?: number } } };
    if (res.status !== 200) throw new Error(`GET /health answered ${res.status}`);
    return { headPosition: body.info?.eventStore?.headPosition ?? 0, projectedPosition: body.info?.readModel?.projectedPosition ?? 0 };
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited(child);
    clearTimeout(killer);
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: ${output.trim().split('\n').slice(-5).join(' / ')}`);
    try {
      await health();
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the API did not answer GET /health within ${startTimeoutMs / 1000} s`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, pid: child.pid ?? 0, health, peakRssBytes: () => vmHwm(child.pid ?? 0), stop };
}
