/// <reference lib="dom" />
/**
 * `npm run screenshots` (after `npm run build`): every view of the dashboard in Japanese and English at
 * 800 and 1,440 px, full page, into docs/screenshots/<view>-<lang>-<width>.png, against `ashiato demo
 * --serve` on a temp database in /usr/bin/chromium. Look at them before committing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, startDemoServer } from './support/dashboard-harness';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');
const WIDTHS = [800, 1440];
const LANGS = ['ja', 'en'] as const;

type Keys = Record<string, string>;
interface Shot {
  name: string;
  hash: (ctx: { keys: Keys; url: string }) => Promise<string>;
  /** The role whose key the page uses (demo mode hands the page the dpo key). */
  role?: string;
  /** Waited for before the shot (beyond "nothing is loading"). */
  ready: string;
}

const dpoGet = async <T>(url: string, keys: Keys, path: string): Promise<T> =>
  (await (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as T;

const SHOTS: Shot[] = [
  { name: 'overview', hash: async () => '#/overview', ready: '.chart svg' },
  { name: 'violations', hash: async () => '#/violations', ready: 'table tbody tr' },
  {
    name: 'lineage',
    // A subject with an overdue erasure: data that went to recipients and was erased, the richest graph.
    hash: async ({ keys, url }) => {
      const r = await dpoGet<{ items: { subjectRef: string }[] }>(url, keys, '/v1/erasures?status=overdue&limit=1');
      return `#/lineage/${encodeURIComponent(r.items[0]?.subjectRef ?? '')}`;
    },
    ready: '.graph canvas',
  },
  { name: 'breaches', hash: async () => '#/breaches', role: 'breach', ready: 'table tbody tr' },
  {
    name: 'breach',
    // The demo's reportable breach (at Starfield).
    hash: async ({ keys, url }) => {
      const r = (await (await fetch(`${url}/v1/stats/breaches`, { headers: { authorization: `Bearer ${keys.breach}` } })).json()) as {
        items: { breachId: string; reportable: unknown }[];
      };
      const b = r.items.find((x) => x.reportable === true) ?? r.items[0];
      return `#/breaches/${encodeURIComponent(b.breachId)}`;
    },
    role: 'breach',
    ready: '.assessment',
  },
  // The demo's GDPR controller's breach: the 72-hour clock in UTC and the Art. 33(3) draft.
  { name: 'breach-gdpr', hash: async () => '#/breaches/demo-eu-support-mailbox', role: 'breach', ready: '.assessment' },
  { name: 'policies', hash: async () => '#/policies/jcert', ready: 'section.card tbody tr' },
  { name: 'records', hash: async () => '#/records/jcert', ready: 'section.card tbody tr' },
  // After the views above, whose reads of personal data it lists.
  { name: 'audit', hash: async () => '#/audit', ready: 'table tbody tr, p.empty' },
];

async function shoot(browser: Browser, url: string, keys: Keys, shot: Shot, lang: string, width: number): Promise<string> {
  const page: Page = await browser.newPage({ viewport: { width, height: 900 }, locale: lang === 'ja' ? 'ja-JP' : 'en-GB' });
  const key = keys[shot.role ?? 'dpo'];
  await page.addInitScript(
    ([k, l]) => {
      sessionStorage.setItem('ashiato.apiKey', k);
      localStorage.setItem('ashiato.lang', l);
    },
    [key, lang],
  );
  await page.goto(`${url}/${await shot.hash({ keys, url })}`);
  await page.locator(shot.ready).first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(700); // chart and graph animations settle
  const file = join(OUT, `${shot.name}-${lang}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.close();
  return `${file}${overflow > 1 ? `  (overflows sideways by ${overflow} px)` : ''}`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2);
  const server = await startDemoServer(150);
  const browser = await launchChromium();
  try {
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Keys;
    for (const shot of SHOTS.filter((s) => !only.length || only.includes(s.name)))
      for (const lang of LANGS) for (const width of WIDTHS) console.log(await shoot(browser, server.url, keys, shot, lang, width));
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (!existsSync(CHROMIUM)) throw new Error(`screenshots need ${CHROMIUM}`);
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
