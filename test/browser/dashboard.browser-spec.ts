/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, hence the DOM types.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoSubjectRef } from '../../apps/cli/src/demo/generate-history';
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
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)));
    const res = await page.goto(`${server.url}/#/overview`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    await page.locator('.chart svg').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    // the brand mark 足跡 is drawn with the Japanese font the page ships, not blocked by font-src
    expect(await page.evaluate(() => document.fonts.check('bold 20px "Noto Sans JP"', document.querySelector('.brand-mark')?.textContent ?? ''))).toBe(true);
    await page.goto(`${server.url}/#/lineage`);
    await page.locator('ul.examples a').first().click();
    await page.getByRole('img', { name: /Graph of data flowing/ }).locator('canvas').first().waitFor();
    await page.goto(`${server.url}/docs`);
    await page.locator('.swagger-ui .information-container').waitFor();
    expect(violations).toEqual([]);
  });

  it('violations filter by code and show the flow and event behind one', async () => {
    // Whichever flow violation the generated history holds; erasure violations have no flow behind them.
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const all = (await (await fetch(`${server.url}/v1/violations?limit=200`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as { items: { code: string; eventId: string }[] };
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
    const erasures = (await (await fetch(`${server.url}/v1/erasures?status=overdue&limit=1`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as { items: { subjectRef: string }[] };
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
    await page.locator('.clocks tr', { hasText: 'Preliminary report (PPC)' }).getByText(/^closed/).waitFor();
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

  it('tries a draft policy against the recorded flows and shows what would change, publishing nothing', async () => {
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const auth = { authorization: `Bearer ${keys.dpo}` };
    const versionsBefore = await (await fetch(`${server.url}/v1/policies/jcert/versions`, { headers: auth })).text();
    await page.goto(`${server.url}/#/policies/jcert`);
    const draft = page.getByLabel('Draft (JSON)');
    await draft.waitFor();
    const edited = await draft.evaluate((el: HTMLTextAreaElement) => {
      const doc = JSON.parse(el.value) as { recipients: { id: string }[] };
      doc.recipients = doc.recipients.filter((r) => r.id !== 'jcert-contractors');
      el.value = JSON.stringify(doc, null, 2);
      return doc;
    });
    await page.getByRole('button', { name: 'Judge the recorded flows' }).click();
    const summary = page.locator('.what-if-summary');
    await summary.waitFor();
    const api = (await (await fetch(`${server.url}/v1/policies/jcert/what-if`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(edited) })).json()) as { flowsJudged: number; flowsChanged: number };
    expect(api.flowsChanged).toBeGreaterThan(0);
    expect(await summary.innerText()).toContain(`${api.flowsJudged.toLocaleString('en-GB')} flows judged again: ${api.flowsChanged.toLocaleString('en-GB')} would change`);
    await page.locator('.what-if-answer table').first().waitFor();
    expect(await page.locator('.what-if-answer').innerText()).toContain('jcert-contractors');
    expect(await (await fetch(`${server.url}/v1/policies/jcert/versions`, { headers: auth })).text()).toBe(versionsBefore);
    await page.locator('section.card', { has: page.getByRole('heading', { name: /Try a draft/ }) }).screenshot({ path: join(SCREENSHOTS, 'policy-what-if.png') });
  });

  it('record of processing: what the demo did without declaring it is an observed-not-declared line, in English and Japanese', async () => {
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    type Line = { status: string; value: string; observable?: { kind: string; id: string }; observed?: { flows: number } };
    const read = async (c: string) => (await (await fetch(`${server.url}/v1/controllers/${c}/record-of-processing`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as { lines: Line[] };
    // The demo injects an undeclared recipient or purpose for most controllers; the first one that has one.
    let controller = '';
    let drift: Line | undefined;
    for (const c of ['jcert', 'cyberlinks-mynatrust', 'gbizconnect', 'nijimo-fujissl', 'digital-agency-mykey']) {
      drift = (await read(c)).lines.find((l) => l.status === 'observed-not-declared');
      controller = c;
      if (drift) break;
    }
    expect(drift).toBeDefined();
    await page.goto(`${server.url}/#/records/${controller}`);
    const lines = page.locator('section.card', { has: page.getByRole('heading', { name: 'Lines of the record' }) });
    const row = lines.locator('tbody tr', { hasText: drift!.value }).filter({ hasText: 'Observed, not declared' });
    await row.waitFor();
    expect((await row.innerText()).split(/\s+/)).toContain(String(drift!.observed!.flows));
    expect(await lines.locator('tbody tr', { hasText: 'Declared and observed' }).count()).toBeGreaterThan(0);
    await page.getByLabel('Show only lines that differ').check();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForFunction(() => location.hash.includes('drift=1'));
    await row.waitFor();
    expect(await lines.locator('tbody tr', { hasText: 'Declared and observed' }).count()).toBe(0);
    await shot('record-of-processing');
    await page.getByRole('button', { name: 'Switch the page to Japanese' }).click();
    await page.locator('tbody tr', { hasText: drift!.value }).filter({ hasText: '記録されたが公表していない' }).waitFor();
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
    await page.goto(`${server.url}/#/lineage/${demoSubjectRef('jcert', 1)}`);
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
    // Reading the trail is itself audited (audit.read, newest first); the lineage read is listed too.
    const rows = page.locator('table tbody tr', { hasText: ref });
    await rows.first().waitFor();
    const actions = await rows.allInnerTexts();
    expect(actions.some((r) => r.includes('lineage.read'))).toBe(true);
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

  it('new events appear without a reload, pushed by Server-Sent Events rather than polled', async () => {
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/#/overview`);
    const events = page.locator('.kpi', { hasText: 'Events recorded' }).locator('.kpi-value');
    await events.waitFor();
    const before = Number((await events.innerText()).replace(/\D/g, ''));
    const healthPolls = requested.filter((p) => p === '/health').length;
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.ingestor}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ eventId: crypto.randomUUID(), type: 'ConsentGiven', occurredAt: new Date().toISOString(), controller: 'jcert', subjectRef: `hmac:${'0b'.repeat(32)}`, purposes: [] }]),
    });
    expect(res.status).toBeLessThan(300);
    await page.waitForFunction((n) => Number(document.querySelector('.kpi .kpi-value')?.textContent?.replace(/\D/g, '')) > n, before, { timeout: 20_000 });
    expect(requested).toContain('/v1/stats/live');
    // The page read /health once for its baseline and never polled it while the stream was up.
    expect(requested.filter((p) => p === '/health').length).toBe(healthPolls);
    // A language switch keeps the live indicator.
    await page.getByRole('button', { name: '日本語' }).click();
    await page.locator('#live', { hasText: 'ライブ' }).waitFor({ timeout: 10_000 });
  });
});
