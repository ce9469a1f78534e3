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
    const events = page.locator('.kpi', { hasText: 'Events ingested' }).locator('.kpi-value');
    await events.waitFor();
    expect(Number((await events.innerText()).replace(/\D/g, ''))).toBeGreaterThan(100);
    await page.locator('.chart svg').first().waitFor();
    expect(await page.locator('.chart svg').count()).toBe(3);
    await page.getByRole('link', { name: 'Show evidence' }).first().waitFor();
    await page.waitForTimeout(500); // let chart animations settle for the screenshot
    await shot('overview');
  });

  it('violations filter by code and show the flow and event behind one', async () => {
    // Whichever flow violation the generated history holds; erasure violations have no flow behind them.
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const all = (await (await fetch(`${server.url}/v1/violations?limit=200`, { headers: { authorization: `Bearer ${keys.admin}` } })).json()) as { items: { code: string; eventId: string }[] };
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
    const erasures = (await (await fetch(`${server.url}/v1/erasures?status=overdue&limit=1`, { headers: { authorization: `Bearer ${keys.admin}` } })).json()) as { items: { subjectRef: string }[] };
    await page.goto(`${server.url}/#/lineage`);
    const ref = erasures.items[0]?.subjectRef ?? (await page.locator('ul.examples a').first().innerText());
    await page.getByLabel('Value to search').fill(ref);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`#/lineage/${ref}$`));
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
    await page.goto(`${server.url}/#/breaches`);
    await page.getByLabel('Holder whose systems leaked').selectOption('starfield-technologies');
    const items = page.locator('fieldset.checks input[type=checkbox]');
    await items.first().waitFor();
    for (const i of [0, 1, 2]) if ((await items.count()) > i) await items.nth(i).check();
    await page.getByLabel('Window from').fill('2024-01-01T00:00');
    await shot('breaches');
    await page.getByRole('button', { name: 'Declare' }).click();
    await page.waitForURL(/#\/breaches\/[^/?]+/);
    const affected = page.locator('#affected-count');
    await affected.waitFor();
    expect(Number((await affected.innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.locator('#clocks tbody tr').first().waitFor();
    expect(await page.locator('#clocks').innerText()).toMatch(/due in|overdue/);
    await page.getByRole('heading', { name: 'Draft report' }).waitFor();
    await shot('breach');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the subject list (CSV)' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('subject_ref,controllers,items,event_ids');
    expect(lines.length - 1).toBe(Number((await affected.innerText()).replace(/\D/g, '')));
    // Filing the preliminary report closes its clock.
    const preliminary = page.locator('#clocks tr', { hasText: 'appi-preliminary' });
    await preliminary.getByRole('button', { name: 'Record as filed' }).click();
    await page.locator('#clocks tr', { hasText: 'appi-preliminary' }).getByText(/^closed/).waitFor();
  });

  it('policies list versions and mark cross-border recipients', async () => {
    await page.goto(`${server.url}/#/policies/jcert`);
    const recipients = page.locator('section.card', { has: page.getByRole('heading', { name: 'Recipients' }) });
    await recipients.locator('tbody tr').first().waitFor();
    const starfield = recipients.locator('tr', { hasText: 'Starfield' });
    await expect(starfield.innerText()).resolves.toMatch(/US[\s\S]*cross-border/);
    // The public repository is hosted in the US too, but a publication to the world is no Art. 28 transfer.
    const repository = recipients.locator('tr', { hasText: '公開レポジトリ' });
    await expect(repository.innerText()).resolves.toMatch(/US[\s\S]*abroad, no transfer restriction/);
    await expect(repository.innerText()).resolves.not.toMatch(/cross-border/);
    await shot('policies');
  });

  it('Japanese labels and a phone-width layout', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.url}/#/overview`);
    await page.getByRole('button', { name: 'Switch the page to Japanese' }).click();
    await page.getByRole('heading', { level: 1, name: '概要' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await page.locator('.chart svg').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.waitForTimeout(500);
    await shot('overview-ja-phone');
    await page.getByRole('link', { name: '本人の履歴' }).click();
    await page.locator('ul.examples a').first().click();
    await page.getByRole('img', { name: '本人から管理者、提供先へのデータの流れのグラフ' }).locator('canvas').first().waitFor();
    await page.getByRole('heading', { name: '保有状況' }).or(page.locator('caption', { hasText: '保有状況' })).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot('lineage-ja-phone');
  });

  it('a viewer key sees aggregates but is told it may not read a lineage', async () => {
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    await page.goto(`${server.url}/#/overview`);
    await page.getByLabel('API key').fill(keys.viewer);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.kpi', { hasText: 'Subjects' }).locator('.kpi-value').filter({ hasText: /\d/ }).waitFor();
    await page.goto(`${server.url}/#/lineage/demo-jcert-000001`);
    await page.getByRole('heading', { level: 1, name: 'Subject lineage' }).waitFor();
    await page.locator('.lineage-body').getByRole('alert').filter({ hasText: 'This key’s role may not see this' }).waitFor();
    expect(await page.locator('.graph').count()).toBe(0);
  });

  it('a lineage read shows up in the audit trail', async () => {
    await page.goto(`${server.url}/#/lineage`);
    await page.locator('ul.examples a').last().click();
    const ref = await page.locator('.subject-ref').innerText();
    await page.getByRole('link', { name: 'Who read this subject’s lineage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Who read personal data' }).waitFor();
    const row = page.locator('table tbody tr', { hasText: ref }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('lineage.read');
    await shot('audit');
  });

  it('keyboard users can skip to the content', async () => {
    // A fresh document (a hash change alone keeps the focus the previous test left): the first Tab of a page load.
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/policies`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('new events appear without a reload', async () => {
    await page.goto(`${server.url}/#/overview`);
    const events = page.locator('.kpi', { hasText: 'Events ingested' }).locator('.kpi-value');
    await events.waitFor();
    const before = Number((await events.innerText()).replace(/\D/g, ''));
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ eventId: crypto.randomUUID(), type: 'ConsentGiven', occurredAt: new Date().toISOString(), controller: 'jcert', subjectRef: 'browser-live-update', purposes: [] }]),
    });
    expect(res.status).toBeLessThan(300);
    await page.waitForFunction((n) => Number(document.querySelector('.kpi .kpi-value')?.textContent?.replace(/\D/g, '')) > n, before, { timeout: 20_000 });
  });
});
