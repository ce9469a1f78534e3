/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, hence the DOM types.
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, startDemoServer, type DemoServer } from './support/dashboard-harness';

jest.setTimeout(60_000);
const skipReason = chromiumMissing();
if (skipReason) console.warn(`SKIPPED breach browser tests: ${skipReason}`);
const maybe = skipReason ? describe.skip : describe;

maybe('breach views in Chromium against the demo API', () => {
  let server: DemoServer;
  let browser: Browser;
  let keys: Record<string, string>;

  beforeAll(async () => {
    server = await startDemoServer(60);
    browser = await launchChromium();
    keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page in `lang` holding the breach key (breaches need the breach role). */
  const open = async (hash: string, lang: 'en' | 'ja' = 'en'): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: lang === 'ja' ? 'ja-JP' : 'en-GB' });
    await page.addInitScript(
      ([k, l]) => {
        sessionStorage.setItem('ashiato.apiKey', k);
        localStorage.setItem('ashiato.lang', l);
      },
      [keys.breach, lang],
    );
    await page.goto(`${server.url}/${hash}`);
    return page;
  };

  /** Fills the declare form for JCERT's US entrustee, everything but the cause. */
  const fillAllButCause = async (page: Page, title: string) => {
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Holder whose systems leaked').selectOption('starfield-technologies');
    await page.locator('fieldset.checks input[type=checkbox]').first().check();
    await page.getByLabel('Window from').fill('2024-01-01T00:00');
  };

  it('declaring a breach requires choosing a cause: none is preselected and nothing is sent without one', async () => {
    const page = await open('#/breaches');
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/breaches') posted.push(r.url());
    });
    await fillAllButCause(page, 'Cause left open');
    const cause = page.getByLabel('Cause', { exact: true });
    expect(await cause.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Declare' }).click();
    expect(await cause.evaluate((el: HTMLSelectElement) => el.validity.valueMissing)).toBe(true);
    expect(posted).toEqual([]);
    expect(page.url()).toMatch(/#\/breaches$/);
    // The choices are labelled, not codes.
    expect(await cause.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Unauthorised access', 'Under investigation']));
    await cause.selectOption('misdelivery');
    await page.getByRole('button', { name: 'Declare' }).click();
    await page.waitForURL(/#\/breaches\/[^/?]+/);
    expect(posted).toHaveLength(1);
    await page.getByRole('heading', { level: 1, name: 'Breaches: Cause left open' }).waitFor();
    await page.close();
  });

  it('a breach whose cause is under investigation shows as undetermined, with provisional clocks — not as reportable', async () => {
    const page = await open('#/breaches');
    await fillAllButCause(page, 'Still investigating');
    await page.getByLabel('Cause', { exact: true }).selectOption('unknown');
    await page.getByRole('button', { name: 'Declare' }).click();
    await page.waitForURL(/#\/breaches\/[^/?]+/);
    const id = decodeURIComponent(page.url().split('#/breaches/')[1].split('?')[0]);
    await expect(page.locator('#reportable').innerText()).resolves.toBe('Undetermined (clocks run provisionally)');
    const assessment = page.locator('.assessment').first();
    await expect(assessment.locator('.verdict').innerText()).resolves.toMatch(
      /^Undetermined .*Undetermined: the clocks run provisionally\. Still open: the cause is not known yet/s,
    );
    expect(await assessment.locator('.clocks tbody tr', { hasText: 'Preliminary report (PPC)' }).innerText()).toContain('provisional');
    // The list says the same, never "Reportable".
    await page.goto(`${server.url}/#/breaches`);
    const row = page.locator('table tbody tr', { hasText: 'Still investigating' });
    await row.waitFor();
    expect(await row.locator('.badge').first().innerText()).toBe('Undetermined (clocks run provisionally)');
    const api = (await (
      await fetch(`${server.url}/v1/breaches/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${keys.breach}` } })
    ).json()) as { reportability: { reportable: unknown } };
    expect(api.reportability.reportable).toBe('undetermined');
    await page.close();
  });

  it('in the Japanese UI a breach shows Japanese labels, drawn with the shipped font, and the reportability sentence in Japanese', async () => {
    const page = await open('#/breaches/demo-starfield-unauthorized-access', 'ja');
    const facts = page.locator('dl.facts').first();
    await facts.getByText('不正アクセス', { exact: true }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('15px "Noto Sans JP"', '不正アクセス'))).toBe(true);
    const assessment = page.locator('.assessment').first();
    await expect(assessment.locator('.sentence').innerText()).resolves.toMatch(
      /^報告対象です。該当する事態: 不正の目的によるおそれ（APPI Enforcement Rules Art\. 7\(iii\)）/,
    );
    expect(await assessment.locator('.clocks').innerText()).toContain('速報（個人情報保護委員会）');
    expect(await assessment.innerText()).not.toMatch(/appi-preliminary|unauthorizedAccess/);
    await page.close();
  });

  it('a holder keeping a GDPR controller’s data asks for its risk assessment; the breach then runs the 72-hour clock in UTC, the same in its report', async () => {
    const eu = {
      controller: 'browser-eu-shop',
      name: 'EU Shop GmbH (test policy, not from a seed)',
      regime: 'GDPR',
      version: '1',
      effectiveFrom: '2024-01-01T00:00:00Z',
      items: [{ id: 'eu-email', label: 'E-mail', category: 'user.contact.email', sensitive: false }],
      purposes: [{ id: 'orders', label: 'Orders', items: ['eu-email'] }],
      recipients: [],
      retention: [],
    };
    const ingest = { authorization: `Bearer ${keys.ingestor}`, 'content-type': 'application/json' };
    expect((await fetch(`${server.url}/v1/policies/${eu.controller}`, { method: 'PUT', headers: ingest, body: JSON.stringify(eu) })).status).toBe(200);
    const acquired = [1, 2, 3].map((n) => ({
      eventId: crypto.randomUUID(),
      type: 'DataAcquired',
      occurredAt: '2025-03-01T10:00:00Z',
      controller: eu.controller,
      subjectRef: `hmac:${String(n).padStart(2, '0').repeat(32)}`,
      items: ['eu-email'],
      source: { kind: 'subject' },
    }));
    expect((await fetch(`${server.url}/v1/events`, { method: 'POST', headers: ingest, body: JSON.stringify(acquired) })).status).toBe(202);

    const page = await open('#/breaches');
    const risk = page.locator('fieldset.risk');
    await page.getByLabel('Holder whose systems leaked').selectOption('starfield-technologies');
    expect(await risk.isHidden()).toBe(true); // an APPI business's data: no GDPR assessment asked
    await page.getByLabel('Title').fill('EU shop mailbox exposed');
    await page.getByLabel('Holder whose systems leaked').selectOption(eu.controller);
    await risk.waitFor();
    await page.locator('fieldset.checks input[type=checkbox]').first().check();
    await page.getByLabel('Window from').fill('2024-01-01T00:00');
    await page.getByLabel('Cause', { exact: true }).selectOption('misconfiguration');
    await page.getByLabel('Risk level').selectOption('high');
    await page.getByLabel('Assessed by').fill('DPO');
    await page.getByRole('button', { name: 'Declare' }).click();
    await page.waitForURL(/#\/breaches\/[^/?]+/);
    const card = page.locator(`.assessment[data-controller="${eu.controller}"]`);
    await card.waitFor();
    expect(await card.getByRole('heading').first().innerText()).toContain('GDPR (EU)');
    await expect(card.locator('.sentence').innerText()).resolves.toBe(
      'Reportable: Risk to rights and freedoms (GDPR Art. 33(1)); High risk (GDPR Art. 34(1)).',
    );
    expect(await page.locator('dl.facts').first().innerText()).toMatch(/A high risk to rights and freedoms — DPO/);
    const due = await card.locator('.clocks tr', { hasText: 'Notify the supervisory authority (72 h)' }).locator('td').nth(3).innerText();
    expect(due).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    const [report] = await Promise.all([page.waitForEvent('popup'), card.getByRole('button', { name: /Open the draft report of/ }).click()]);
    await report.waitForLoadState();
    expect(await report.locator('tr', { hasText: '監督機関への通知（72時間）' }).locator('td').nth(3).innerText()).toBe(due);
    await report.close();
    await page.close();
  });

  it("each controller's deadlines are in its regime's zone, and its HTML report gives the same deadline", async () => {
    const page = await open('#/breaches/demo-starfield-unauthorized-access');
    const row = page.locator('.assessment[data-controller="jcert"] .clocks tr', { hasText: 'Preliminary report (PPC)' });
    await row.waitFor();
    const due = await row.locator('td').nth(3).innerText();
    expect(due).toMatch(/^\d{4}-\d\d-\d\d 23:59 JST$/);
    const [report] = await Promise.all([
      page.waitForEvent('popup'),
      page
        .getByRole('button', { name: /Open the draft report of/ })
        .first()
        .click(),
    ]);
    await report.waitForLoadState();
    const reportRow = report.locator('tr', { hasText: '速報（個人情報保護委員会）' });
    expect(await reportRow.locator('td').nth(3).innerText()).toBe(due);
    expect(await report.locator('p.verdict').innerText()).toContain('報告対象です。');
    await report.close();
    await page.close();
  });

  it("the demo's GDPR breach is assessed under the GDPR: the supervisory authority within 72 hours, written in UTC", async () => {
    const page = await open('#/breaches/demo-eu-support-mailbox');
    const row = page.locator('.assessment[data-controller="demo-eu-travel"] .clocks tr', { hasText: 'Notify the supervisory authority (72 h)' });
    await row.waitFor();
    expect(await row.locator('td').nth(3).innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    const assessment = await page.locator('.assessment[data-controller="demo-eu-travel"]').innerText();
    expect(assessment).toContain('GDPR');
    expect(assessment).not.toMatch(/APPI|PPC/);
    await page.close();
  });
});
