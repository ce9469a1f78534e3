/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, hence the DOM types.
import { readFile } from 'node:fs/promises';
import { describeDashboard } from './support/dashboard-harness';

jest.setTimeout(60_000);

describeDashboard('dashboard in Chromium against the demo API', (ui) => {
  it('overview shows ingested events, charts and the latest violations', async () => {
    await ui.page.goto(`${ui.url}/#/overview`);
    await ui.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const events = ui.page.locator('.kpi', { hasText: 'Events recorded' }).locator('.kpi-value');
    await events.waitFor();
    expect(Number((await events.innerText()).replace(/\D/g, ''))).toBeGreaterThan(100);
    await ui.page.locator('.chart svg').first().waitFor();
    expect(await ui.page.locator('.chart svg').count()).toBe(3);
    await ui.page.getByRole('link', { name: 'Show evidence' }).first().waitFor();
    await ui.page.waitForTimeout(500); // let chart animations settle for the screenshot
    await ui.shot('overview');
  });

  it('works under the content security policy the server sends: fonts, charts, the graph and the API docs render, nothing is blocked', async () => {
    const violations: string[] = [];
    ui.page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    await ui.page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    const res = await ui.page.goto(`${ui.url}/#/overview`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    await ui.page.locator('.chart svg').first().waitFor();
    await ui.page.evaluate(() => document.fonts.ready);
    // the brand mark 足跡 is drawn with the Japanese font the page ships, not blocked by font-src
    expect(await ui.page.evaluate(() => document.fonts.check('bold 20px "Noto Sans JP"', document.querySelector('.brand-mark')?.textContent ?? ''))).toBe(true);
    await ui.page.goto(`${ui.url}/#/lineage`);
    await ui.page.locator('ul.examples a').first().click();
    await ui.page
      .getByRole('img', { name: /Graph of data flowing/ })
      .locator('canvas')
      .first()
      .waitFor();
    await ui.page.goto(`${ui.url}/docs`);
    await ui.page.locator('.swagger-ui .information-container').waitFor();
    expect(violations).toEqual([]);
  });

  it('violations filter by code and show the flow and event behind one', async () => {
    // Whichever flow violation the generated history holds; erasure violations have no flow behind them.
    const keys = (await (await fetch(`${ui.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const all = (await (await fetch(`${ui.url}/v1/violations?limit=200`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as {
      items: { code: string; eventId: string }[];
    };
    const code = all.items.find((v) => v.code !== 'ERASURE_NOT_PROPAGATED')!.code;
    await ui.page.goto(`${ui.url}/#/violations`);
    await ui.page.getByLabel('Code').selectOption(code);
    await ui.page.getByRole('button', { name: 'Filter' }).click();
    await ui.page.waitForURL(new RegExp(`code=${code}`));
    await ui.page.locator('table tbody tr').first().waitFor();
    for (const badge of await ui.page.locator('table tbody tr td:nth-child(2) .badge').allInnerTexts()) expect(badge).toBe(code);
    await ui.page.getByRole('button', { name: 'Show evidence' }).first().click();
    const evidence = ui.page.locator('#evidence');
    await evidence.getByText('The flow behind it').waitFor();
    expect(await evidence.locator('dd').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Data(Acquired|Used|Provided)$/)]));
    const eventId = await evidence.locator('code').first().innerText();
    expect(all.items.filter((v) => v.code === code).map((v) => v.eventId)).toContain(eventId);
    expect(await ui.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await ui.shot('violations');
  });

  it('subject lineage: graph of a subject, then as of an earlier instant via the slider', async () => {
    // A subject whose data went to recipients and was later erased: the richest graph.
    const keys = (await (await fetch(`${ui.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const erasures = (await (await fetch(`${ui.url}/v1/erasures?status=overdue&limit=1`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as {
      items: { subjectRef: string }[];
    };
    await ui.page.goto(`${ui.url}/#/lineage`);
    const ref = erasures.items[0]?.subjectRef ?? (await ui.page.locator('ul.examples a').first().innerText());
    await ui.page.getByLabel('Value to search').fill(ref);
    await ui.page.getByRole('button', { name: 'Search' }).click();
    await ui.page.waitForURL(new RegExp(`#/lineage/${encodeURIComponent(ref)}$`));
    await expect(ui.page.locator('.subject-ref').innerText()).resolves.toBe(ref);
    const graph = ui.page.getByRole('img', { name: /Graph of data flowing/ });
    await graph.locator('canvas').first().waitFor();
    const rows = ui.page.locator('.lineage-body table tbody tr');
    await rows.first().waitFor();
    const rowsNow = await rows.count();
    await ui.shot('lineage');
    const [report] = await Promise.all([ui.page.waitForEvent('popup'), ui.page.getByRole('button', { name: 'Open the printable disclosure report' }).click()]);
    await report.waitForLoadState();
    expect(await report.locator('body').innerText()).toContain(ref);
    await report.close();
    // The earliest stop of the slider: only the subject's first event had happened then.
    const slider = ui.page.getByLabel('As of');
    await slider.focus();
    await ui.page.keyboard.press('Home');
    await expect(ui.page.locator('.asof-value').innerText()).resolves.not.toMatch(/now/);
    await ui.page.waitForFunction((n) => document.querySelectorAll('.lineage-body table tbody tr').length < n, rowsNow, { timeout: 10_000 });
    expect(await rows.count()).toBeLessThan(rowsNow);
    // A stop in the middle of the history, for the screenshot.
    const stops = Number(await slider.getAttribute('max'));
    for (let i = 0; i < Math.floor(stops / 2); i++) await ui.page.keyboard.press('ArrowRight');
    await ui.page.waitForTimeout(800);
    await ui.shot('lineage-asof');
    await ui.page.keyboard.press('End');
    await ui.page.waitForFunction((n) => document.querySelectorAll('.lineage-body table tbody tr').length === n, rowsNow, { timeout: 10_000 });
  });

  it('a subject found by e-mail never puts the address in the URL or storage', async () => {
    await ui.page.goto(`${ui.url}/#/lineage`);
    await ui.page.getByLabel('Search by').selectOption('email');
    await ui.page.getByLabel('Value to search').fill('nobody@example.com');
    await ui.page.getByRole('button', { name: 'Search' }).click();
    await ui.page.getByText('No record of this subject').waitFor();
    expect(ui.page.url()).not.toContain('example.com');
    const stored = await ui.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain('example.com');
  });

  it('declares a breach and shows its impact, reportability and deadlines', async () => {
    // Demo mode hands the page the dpo key, never the admin key; breaches need the breach key.
    const keys = (await (await fetch(`${ui.url}/v1/demo/keys`)).json()) as Record<string, string>;
    expect(keys.admin).toBeUndefined();
    await ui.page.goto(`${ui.url}/#/breaches`);
    await ui.page.waitForFunction(() => !!sessionStorage.getItem('ashiato.apiKey'));
    expect(await ui.page.evaluate(() => sessionStorage.getItem('ashiato.apiKey'))).toBe(keys.dpo);
    await ui.page.getByLabel('API key').fill(keys.breach);
    // Saving a key renders the page again: the form is filled once the new one is in (its list is drawn after it, with the new key).
    const redrawn = ui.page.waitForResponse((r) => r.url().endsWith('/v1/stats/breaches') && r.request().headers().authorization === `Bearer ${keys.breach}`);
    await ui.page.getByRole('button', { name: 'Save' }).click();
    await redrawn;
    await ui.page.getByLabel('Title').fill('Customer portal intrusion');
    await ui.page.getByLabel('Holder whose systems leaked').selectOption('starfield-technologies');
    const items = ui.page.locator('fieldset.checks input[type=checkbox]');
    await items.first().waitFor();
    for (const i of [0, 1, 2]) if ((await items.count()) > i) await items.nth(i).check();
    await ui.page.getByLabel('Window from').fill('2024-01-01T00:00');
    await ui.page.getByLabel('Cause', { exact: true }).selectOption('unauthorizedAccess');
    await ui.shot('breaches');
    await ui.page.getByRole('button', { name: 'Declare' }).click();
    await ui.page.waitForURL(/#\/breaches\/[^/?]+/);
    const affected = ui.page.locator('#affected-count');
    await affected.waitFor();
    expect(Number((await affected.innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    await ui.page.locator('.clocks tbody tr').first().waitFor();
    expect(await ui.page.locator('.clocks').first().innerText()).toMatch(/due in|overdue/);
    await ui.page.getByRole('heading', { name: 'Draft report' }).waitFor();
    await ui.shot('breach');
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.getByRole('button', { name: 'Download the subject list (CSV)' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('subject_ref,controllers,items,event_ids');
    expect(lines.length - 1).toBe(Number((await affected.innerText()).replace(/\D/g, '')));
    // Filing the preliminary report closes its clock.
    const preliminary = ui.page.locator('.clocks tr', { hasText: 'Preliminary report (PPC)' });
    await preliminary.getByRole('button', { name: 'Record as filed' }).click();
    await ui.page
      .locator('.clocks tr', { hasText: 'Preliminary report (PPC)' })
      .getByText(/^closed/)
      .waitFor();
  });
});
