/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, hence the DOM types.
import { demoSubjectRef } from '../../apps/cli/src/demo/generate-history';
import { describeDashboard } from './support/dashboard-harness';

jest.setTimeout(60_000);

describeDashboard('dashboard in Chromium against the demo API: languages, roles, audit, keyboard, live updates', (ui) => {
  it('Japanese labels and a phone-width layout', async () => {
    await ui.page.setViewportSize({ width: 375, height: 800 });
    await ui.page.goto(`${ui.url}/#/overview`);
    await ui.page.getByRole('button', { name: 'Switch the page to Japanese' }).click();
    await ui.page.getByRole('heading', { level: 1, name: '概要' }).waitFor();
    expect(await ui.page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await ui.page.locator('.chart svg').first().waitFor();
    const overflow = await ui.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await ui.page.waitForTimeout(500);
    await ui.shot('overview-ja-phone');
    await ui.page.getByRole('link', { name: '本人の履歴' }).click();
    await ui.page.locator('ul.examples a').first().click();
    await ui.page.getByRole('img', { name: '本人から管理者、提供先へのデータの流れのグラフ' }).locator('canvas').first().waitFor();
    await ui.page
      .getByRole('heading', { name: '保有状況' })
      .or(ui.page.locator('caption', { hasText: '保有状況' }))
      .first()
      .waitFor();
    expect(await ui.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await ui.shot('lineage-ja-phone');
  });

  it('a viewer key sees aggregates but is told it may not read a lineage', async () => {
    const keys = (await (await fetch(`${ui.url}/v1/demo/keys`)).json()) as Record<string, string>;
    await ui.page.goto(`${ui.url}/#/overview`);
    await ui.page.getByLabel('API key').fill(keys.viewer);
    await ui.page.getByRole('button', { name: 'Save' }).click();
    await ui.page.locator('.kpi', { hasText: 'Subjects' }).locator('.kpi-value').filter({ hasText: /\d/ }).waitFor();
    await ui.page.goto(`${ui.url}/#/lineage/${demoSubjectRef('jcert', 1)}`);
    await ui.page.getByRole('heading', { level: 1, name: 'Subject lineage' }).waitFor();
    await ui.page.locator('.lineage-body').getByRole('alert').filter({ hasText: 'This key’s role may not see this' }).waitFor();
    expect(await ui.page.locator('.graph').count()).toBe(0);
  });

  it('a lineage read shows up in the audit trail', async () => {
    await ui.page.goto(`${ui.url}/#/lineage`);
    await ui.page.locator('ul.examples a').last().click();
    const ref = await ui.page.locator('.subject-ref').innerText();
    await ui.page.getByRole('link', { name: 'Who read this subject’s lineage' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Who read personal data' }).waitFor();
    // Reading the trail is itself audited (audit.read, newest first); the lineage read is listed too.
    const rows = ui.page.locator('table tbody tr', { hasText: ref });
    await rows.first().waitFor();
    const actions = await rows.allInnerTexts();
    expect(actions.some((r) => r.includes('lineage.read'))).toBe(true);
    await ui.shot('audit');
  });

  it('keyboard users can skip to the content', async () => {
    // A fresh document (a hash change alone keeps the focus the previous test left): the first Tab of a page load.
    await ui.page.goto('about:blank');
    await ui.page.goto(`${ui.url}/#/policies`);
    await ui.page.getByRole('heading', { level: 1 }).waitFor();
    await ui.page.keyboard.press('Tab');
    const skip = ui.page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await ui.page.keyboard.press('Enter');
    expect(await ui.page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('new events appear without a reload, pushed by Server-Sent Events rather than polled', async () => {
    const requested: string[] = [];
    ui.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await ui.page.goto(`${ui.url}/#/overview`);
    const events = ui.page.locator('.kpi', { hasText: 'Events recorded' }).locator('.kpi-value');
    await events.waitFor();
    const before = Number((await events.innerText()).replace(/\D/g, ''));
    const healthPolls = requested.filter((p) => p === '/health').length;
    const keys = (await (await fetch(`${ui.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const res = await fetch(`${ui.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.ingestor}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          eventId: crypto.randomUUID(),
          type: 'ConsentGiven',
          occurredAt: new Date().toISOString(),
          controller: 'jcert',
          subjectRef: `hmac:${'0b'.repeat(32)}`,
          purposes: [],
        },
      ]),
    });
    expect(res.status).toBeLessThan(300);
    await ui.page.waitForFunction((n) => Number(document.querySelector('.kpi .kpi-value')?.textContent?.replace(/\D/g, '')) > n, before, { timeout: 20_000 });
    expect(requested).toContain('/v1/stats/live');
    // The page read /health once for its baseline and never polled it while the stream was up.
    expect(requested.filter((p) => p === '/health').length).toBe(healthPolls);
    // A language switch keeps the live indicator.
    await ui.page.getByRole('button', { name: '日本語' }).click();
    await ui.page.locator('#live', { hasText: 'ライブ' }).waitFor({ timeout: 10_000 });
  });
});
