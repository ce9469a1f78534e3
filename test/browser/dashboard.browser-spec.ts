/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, hence the DOM types.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, SCREENSHOTS, startDemoServer, type DemoServer } from './support/dashboard-harness';

jest.setTimeout(60_000);
const skipReason = chromiumMissing();
if (skipReason) console.warn(`SKIPPED dashboard browser tests: ${skipReason}`);
const maybe = skipReason ? describe.skip : describe;

maybe('dashboard in Chromium against the demo API', () => {
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

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('overview shows ingested events, charts and the latest violations', async () => {
    await page.goto(`${server.url}/#/overview`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const events = page.locator('.kpi', { hasText: 'Events recorded' }).locator('.kpi-value');
    await events.waitFor();
    expect(Number((await events.innerText()).replace(/\D/g, ''))).toBeGreaterThan(100);
    await page.locator('.chart svg').first().waitFor();
    expect(await page.locator('.chart svg').count()).toBe(3);
    await page.getByRole('link', { name: 'Show evidence' }).first().waitFor();
    await page.waitForTimeout(500); // let chart animations settle for the screenshot
    await shot('overview');
  });

  it('works under the content security policy the server sends: fonts, charts, the graph and the API docs render, nothing is blocked', async () => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    const res = await page.goto(`${server.url}/#/overview`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    await page.locator('.chart svg').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    // the brand mark 足跡 is drawn with the Japanese font the page ships, not blocked by font-src
    expect(await page.evaluate(() => document.fonts.check('bold 20px "Noto Sans JP"', document.querySelector('.brand-mark')?.textContent ?? ''))).toBe(true);
    await page.goto(`${server.url}/#/lineage`);
    await page.locator('ul.examples a').first().click();
    await page
      .getByRole('img', { name: /Graph of data flowing/ })
      .locator('canvas')
      .first()
      .waitFor();
    await page.goto(`${server.url}/docs`);
    await page.locator('.swagger-ui .information-container').waitFor();
    expect(violations).toEqual([]);
  });

  it('violations filter by code and show the flow and event behind one', async () => {
    // Whichever flow violation the generated history holds; erasure violations have no flow behind them.
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const all = (await (await fetch(`${server.url}/v1/violations?limit=200`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as {
      items: { code: string; eventId: string }[];
    };
    const code = all.items.find((v) => v.code !== 'ERASURE_NOT_PROPAGATED')!.code;
    await page.goto(`${server.url}/#/violations`);
    await page.getByLabel('Code').selectOption(code);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`code=${code}`));
    await page.locator('table tbody tr').first().waitFor();
    for (const badge of await page.locator('table tbody tr td:nth-child(2) .badge').allInnerTexts()) expect(badge).toBe(code);
    await page.getByRole('button', { name: 'Show evidence' }).first().click();
    const evidence = page.locator('#evidence');
    await evidence.getByText('The flow behind it').waitFor();
    expect(await evidence.locator('dd').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Data(Acquired|Used|Provided)$/)]));
    const eventId = await evidence.locator('code').first().innerText();
    expect(all.items.filter((v) => v.code === code).map((v) => v.eventId)).toContain(eventId);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot('violations');
  });

  it('subject lineage: graph of a subject, then as of an earlier instant via the slider', async () => {
    // A subject whose data went to recipients and was later erased: the richest graph.
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const erasures = (await (await fetch(`${server.url}/v1/erasures?status=overdue&limit=1`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as {
      items: { subjectRef: string }[];
    };
    await page.goto(`${server.url}/#/lineage`);
    const ref = erasures.items[0]?.subjectRef ?? (await page.locator('ul.examples a').first().innerText());
    await page.getByLabel('Value to search').fill(ref);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`#/lineage/${encodeURIComponent(ref)}$`));
    await expect(page.locator('.subject-ref').innerText()).resolves.toBe(ref);
    const graph = page.getByRole('img', { name: /Graph of data flowing/ });
    await graph.locator('canvas').first().waitFor();
    const rows = page.locator('.lineage-body table tbody tr');
    await rows.first().waitFor();
    const rowsNow = await rows.count();
    await shot('lineage');
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Open the printable disclosure report' }).click()]);
    await report.waitForLoadState();
    expect(await report.locator('body').innerText()).toContain(ref);
    await report.close();
    // The earliest stop of the slider: only the subject's first event had happened then.
    const slider = page.getByLabel('As of');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(page.locator('.asof-value').innerText()).resolves.not.toMatch(/now/);
    await page.waitForFunction((n) => document.querySelectorAll('.lineage-body table tbody tr').length < n, rowsNow, { timeout: 10_000 });
    expect(await rows.count()).toBeLessThan(rowsNow);
    // A stop in the middle of the history, for the screenshot.
    const stops = Number(await slider.getAttribute('max'));
    for (let i = 0; i < Math.floor(stops / 2); i++) await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(800);
    await shot('lineage-asof');
    await page.keyboard.press('End');
    await page.waitForFunction((n) => document.querySelectorAll('.lineage-body table tbody tr').length === n, rowsNow, { timeout: 10_000 });
  });

  it('a subject found by e-mail never puts the address in the URL or storage', async () => {
    await page.goto(`${server.url}/#/lineage`);
    await page.getByLabel('Search by').selectOption('email');
    await page.getByLabel('Value to search').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No record of this subject').waitFor();
    expect(page.url()).not.toContain('example.com');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain('example.com');
  });

  it('declares a breach and shows its impact, reportability and deadlines', async () => {
    // Demo mode hands the page the dpo key, never the admin key; breaches need the breach key.
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    expect(keys.admin).toBeUndefined();
    await page.goto(`${server.url}/#/breaches`);
    await page.waitForFunction(() => !!sessionStorage.getItem('ashiato.apiKey'));
    expect(await page.evaluate(() => sessionStorage.getItem('ashiato.apiKey'))).toBe(keys.dpo);
    await page.getByLabel('API key').fill(keys.breach);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByLabel('Title').fill('Customer portal intrusion');
    await page.getByLabel('Holder whose systems leaked').selectOption('starfield-technologies');
    const items = page.locator('fieldset.checks input[type=checkbox]');
    await items.first().waitFor();
    for (const i of [0, 1, 2]) if ((await items.count()) > i) await items.nth(i).check();
    await page.getByLabel('Window from').fill('2024-01-01T00:00');
    await page.getByLabel('Cause', { exact: true }).selectOption('unauthorizedAccess');
    await shot('breaches');
    await page.getByRole('button', { name: 'Declare' }).click();
    await page.waitForURL(/#\/breaches\/[^/?]+/);
    const affected = page.locator('#affected-count');
    await affected.waitFor();
    expect(Number((await affected.innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.locator('.clocks tbody tr').first().waitFor();
    expect(await page.locator('.clocks').first().innerText()).toMatch(/due in|overdue/);
    await page.getByRole('heading', { name: 'Draft report' }).waitFor();
    await shot('breach');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the subject list (CSV)' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('subject_ref,controllers,items,event_ids');
    expect(lines.length - 1).toBe(Number((await affected.innerText()).replace(/\D/g, '')));
    // Filing the preliminary report closes its clock.
    const preliminary = page.locator('.clocks tr', { hasText: 'Preliminary report (PPC)' });
    await preliminary.getByRole('button', { name: 'Record as filed' }).click();
    await page
      .locator('.clocks tr', { hasText: 'Preliminary report (PPC)' })
      .getByText(/^closed/)
      .waitFor();
  });
});
