/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, hence the DOM types.
import { join } from 'node:path';
import { describeDashboard, SCREENSHOTS } from './support/dashboard-harness';

jest.setTimeout(60_000);

describeDashboard('dashboard in Chromium against the demo API: policies, drafts, record of processing', (ui) => {
  it('policies list versions and mark cross-border recipients', async () => {
    await ui.page.goto(`${ui.url}/#/policies/jcert`);
    const recipients = ui.page.locator('section.card', { has: ui.page.getByRole('heading', { name: 'Recipients' }) });
    await recipients.locator('tbody tr').first().waitFor();
    const starfield = recipients.locator('tr', { hasText: 'Starfield' });
    await expect(starfield.innerText()).resolves.toMatch(/US[\s\S]*cross-border/);
    // The public repository is hosted in the US too, but a publication to the world is no Art. 28 transfer.
    const repository = recipients.locator('tr', { hasText: '公開レポジトリ' });
    await expect(repository.innerText()).resolves.toMatch(/US[\s\S]*abroad, no transfer restriction/);
    await expect(repository.innerText()).resolves.not.toMatch(/cross-border/);
    await ui.shot('policies');
  });

  it('tries a draft policy against the recorded flows and shows what would change, publishing nothing', async () => {
    const keys = (await (await fetch(`${ui.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const auth = { authorization: `Bearer ${keys.dpo}` };
    const versionsBefore = await (await fetch(`${ui.url}/v1/policies/jcert/versions`, { headers: auth })).text();
    await ui.page.goto(`${ui.url}/#/policies/jcert`);
    const draft = ui.page.getByLabel('Draft (JSON)');
    await draft.waitFor();
    const edited = await draft.evaluate((el: HTMLTextAreaElement) => {
      const doc = JSON.parse(el.value) as { recipients: { id: string }[] };
      doc.recipients = doc.recipients.filter((r) => r.id !== 'jcert-contractors');
      el.value = JSON.stringify(doc, null, 2);
      return doc;
    });
    await ui.page.getByRole('button', { name: 'Judge the recorded flows' }).click();
    const summary = ui.page.locator('.what-if-summary');
    await summary.waitFor();
    const api = (await (
      await fetch(`${ui.url}/v1/policies/jcert/what-if`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(edited),
      })
    ).json()) as { flowsJudged: number; flowsChanged: number };
    expect(api.flowsChanged).toBeGreaterThan(0);
    expect(await summary.innerText()).toContain(
      `${api.flowsJudged.toLocaleString('en-GB')} flows judged again: ${api.flowsChanged.toLocaleString('en-GB')} would change`,
    );
    await ui.page.locator('.what-if-answer table').first().waitFor();
    expect(await ui.page.locator('.what-if-answer').innerText()).toContain('jcert-contractors');
    expect(await (await fetch(`${ui.url}/v1/policies/jcert/versions`, { headers: auth })).text()).toBe(versionsBefore);
    await ui.page
      .locator('section.card', { has: ui.page.getByRole('heading', { name: /Try a draft/ }) })
      .screenshot({ path: join(SCREENSHOTS, 'policy-what-if.png') });
  });

  it('record of processing: what the demo did without declaring it is an observed-not-declared line, in English and Japanese', async () => {
    const keys = (await (await fetch(`${ui.url}/v1/demo/keys`)).json()) as Record<string, string>;
    type Line = { status: string; value: string; observable?: { kind: string; id: string }; observed?: { flows: number } };
    const read = async (c: string) =>
      (await (await fetch(`${ui.url}/v1/controllers/${c}/record-of-processing`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as {
        lines: Line[];
      };
    // The demo injects an undeclared recipient or purpose for most controllers; the first one that has one.
    let controller = '';
    let drift: Line | undefined;
    for (const c of ['jcert', 'cyberlinks-mynatrust', 'gbizconnect', 'nijimo-fujissl', 'digital-agency-mykey']) {
      drift = (await read(c)).lines.find((l) => l.status === 'observed-not-declared');
      controller = c;
      if (drift) break;
    }
    expect(drift).toBeDefined();
    await ui.page.goto(`${ui.url}/#/records/${controller}`);
    const lines = ui.page.locator('section.card', { has: ui.page.getByRole('heading', { name: 'Lines of the record' }) });
    const row = lines.locator('tbody tr', { hasText: drift!.value }).filter({ hasText: 'Observed, not declared' });
    await row.waitFor();
    expect((await row.innerText()).split(/\s+/)).toContain(String(drift!.observed!.flows));
    expect(await lines.locator('tbody tr', { hasText: 'Declared and observed' }).count()).toBeGreaterThan(0);
    await ui.page.getByLabel('Show only lines that differ').check();
    await ui.page.getByRole('button', { name: 'Filter' }).click();
    await ui.page.waitForFunction(() => location.hash.includes('drift=1'));
    await row.waitFor();
    expect(await lines.locator('tbody tr', { hasText: 'Declared and observed' }).count()).toBe(0);
    await ui.shot('record-of-processing');
    await ui.page.getByRole('button', { name: 'Switch the page to Japanese' }).click();
    await ui.page.locator('tbody tr', { hasText: drift!.value }).filter({ hasText: '記録されたが公表していない' }).waitFor();
  });
});
