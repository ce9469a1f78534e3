import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { portTaken, testPort } from '../../support/ports';

const ROOT = join(__dirname, '..', '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const DASHBOARD = join(ROOT, 'dist', 'dashboard', 'index.html');

/** Chromium is required in CI; elsewhere its absence skips the suite with a visible reason. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `browser tests need ${CHROMIUM} (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(reason);
  return reason;
}

/** Playwright gives every launch a fresh temporary user-data-dir (it refuses one passed in args). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface DemoServer {
  url: string;
  child: ChildProcess;
  dir: string;
  stop(): Promise<void>;
}

/** The built CLI's `demo --serve` on a temp database and a test port, serving the BUILT page. */
export async function startDemoServer(subjects = 150): Promise<DemoServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDemoServerOnce(subjects);
    } catch (e) {
      // Another process took the port between the draw and the listen: draw again.
      if (attempt >= 3 || !portTaken(String(e))) throw e;
    }
  }
}

async function startDemoServerOnce(subjects: number): Promise<DemoServer> {
  for (const built of [CLI, DASHBOARD]) if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-browser-'));
  const port = testPort();
  const child = spawn(process.execPath, [CLI, 'demo', '--serve', '--subjects', String(subjects)], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      ASHIATO_DB: join(dir, 'events.db'),
      READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
      ASHIATO_DASHBOARD_DIR: join(ROOT, 'dist', 'dashboard'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`demo server exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    }
    try {
      const health = (await (await fetch(`${url}/health`)).json()) as {
        details?: { eventStore?: { headPosition?: number }; readModel?: { projectedPosition?: number } };
      };
      const head = health.details?.eventStore?.headPosition ?? 0;
      if (head > 0 && health.details?.readModel?.projectedPosition === head) return { url, child, dir, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`demo server did not become ready: ${stderr.slice(-2000)}`);
}

/** What a dashboard test works with: the demo server's URL, this test's page and a full-page screenshot by name. */
export interface DashboardUi {
  readonly url: string;
  readonly page: Page;
  shot(name: string): Promise<Buffer>;
}

/**
 * A describe block over one demo server and one Chromium, with a fresh 1280×900 en-GB page for each
 * test; skipped, with the reason printed, where Chromium is missing (outside CI).
 */
export function describeDashboard(title: string, body: (ui: DashboardUi) => void): void {
  const skipReason = chromiumMissing();
  if (skipReason) console.warn(`SKIPPED dashboard browser tests: ${skipReason}`);
  (skipReason ? describe.skip : describe)(title, () => {
    let server: DemoServer;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      server = await startDemoServer();
      browser = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    beforeEach(async () => {
      page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    });
    afterEach(async () => page?.close());

    body({
      get url() {
        return server.url;
      },
      get page() {
        return page;
      },
      shot: (name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }),
    });
  });
}
