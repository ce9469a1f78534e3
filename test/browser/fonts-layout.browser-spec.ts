/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, hence the DOM types.
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { chromiumMissing, launchChromium, SCREENSHOTS, startDemoServer, type DemoServer } from './support/dashboard-harness';

jest.setTimeout(90_000);
const skipReason = chromiumMissing();
const maybe = skipReason ? describe.skip : describe;

const VIEWS = ['overview', 'violations', 'breaches', 'policies', 'audit'];

maybe('dashboard fonts and layout, on a machine without CJK fonts of its own', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer(60);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (width: number, view: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'ja-JP' });
    await page.goto(`${server.url}/#/${view}`);
    await page.locator('h1').first().waitFor();
    // Not 'networkidle': the live-update stream keeps a request open for as long as the page lives.
    await page.waitForFunction(() => !document.querySelector('.loading'));
    await page.evaluate(() => document.fonts.ready);
    return page;
  };

  it('renders Japanese labels with the font the page ships', async () => {
    const page = await open(1440, 'overview');
    const found = await page.evaluate(() => {
      const faces: FontFace[] = [];
      document.fonts.forEach((f) => {
        if (f.family.replace(/"/g, '') === 'Noto Sans JP') faces.push(f);
      });
      return {
        faces: faces.length,
        loaded: faces.filter((f) => f.status === 'loaded').length,
        check: document.fonts.check(`bold 20px "Noto Sans JP"`, document.querySelector('.brand-mark')?.textContent ?? ''),
      };
    });
    // Faces exist only if the page declares them; some are loaded only if the Japanese text used them.
    expect(found.faces).toBeGreaterThan(0);
    expect(found.loaded).toBeGreaterThan(0);
    // The brand mark 足跡 (bold) is drawn with glyphs the page's font has already loaded.
    expect(found.check).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    // The charts' labels (measured on a canvas, drawn as SVG text) are in the shipped font too.
    await page
      .locator('.chart svg text', { hasText: /[\u3040-\u30ff\u4e00-\u9fff]/ })
      .first()
      .waitFor();
    const chartText = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.chart svg text'))
        .map((t) => t.textContent ?? '')
        .join(''),
    );
    // The faces a label needs load on its first use: wait for them rather than for the clock.
    const faces = await page.evaluate(async (text) => (await document.fonts.load('12px "Noto Sans JP"', text)).length, chartText);
    expect(faces).toBeGreaterThan(0);
    expect(await page.evaluate((text) => document.fonts.check('12px "Noto Sans JP"', text), chartText)).toBe(true);
    await page.close();
  });

  it.each([800, 1440])('no two labels of a lineage graph overlap at %i px, and a broken rule is named on its flow', async (width) => {
    const keys = (await (await fetch(`${server.url}/v1/demo/keys`)).json()) as Record<string, string>;
    const violations = (await (await fetch(`${server.url}/v1/violations?limit=200`, { headers: { authorization: `Bearer ${keys.dpo}` } })).json()) as {
      items: { subjectRef: string; code: string }[];
    };
    // The subject with the most violations, among those with a rule broken on a flow between parties
    // (a use has no edge of its own to carry it): the busiest such graph the demo has.
    const counts = new Map<string, number>();
    for (const v of violations.items) counts.set(v.subjectRef, (counts.get(v.subjectRef) ?? 0) + 1);
    type Lineage = {
      controllers: {
        provisions: { violations: unknown[] }[];
        acquisitions: { violations: unknown[] }[];
        erasures: { obligations: { overdue?: boolean }[] }[];
      }[];
    };
    let ref: string | undefined;
    for (const [candidate] of [...counts].sort((a, b) => b[1] - a[1])) {
      const lineage = (await (
        await fetch(`${server.url}/v1/subjects/${encodeURIComponent(candidate)}/lineage`, { headers: { authorization: `Bearer ${keys.dpo}` } })
      ).json()) as Lineage;
      const drawn = lineage.controllers.some(
        (c) => [...c.provisions, ...c.acquisitions].some((f) => f.violations.length) || c.erasures.some((x) => x.obligations.some((o) => o.overdue)),
      );
      if (drawn) {
        ref = candidate;
        break;
      }
    }
    if (!ref) throw new Error('the demo has no subject with a rule broken on a flow between parties');
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-GB' });
    await page.goto(`${server.url}/#/lineage/${encodeURIComponent(ref)}`);
    // The graph is drawn on a canvas, which fetches no font by itself: at the moment it is drawn, every
    // label's glyphs (Japanese names included) must already be loaded from the shipped font, or they
    // are drawn as empty boxes and measured wrong.
    const atDraw = await page.waitForFunction(
      () => {
        const cy = (document.querySelector('.graph') as (HTMLElement & { cy?: { nodes: () => { data: (k: string) => string }[] } }) | null)?.cy;
        if (!cy) return false;
        const text = cy
          .nodes()
          .map((n) => n.data('label') ?? '')
          .join('');
        return {
          japanese: /[\u3040-\u30ff\u4e00-\u9fff]/.test(text),
          loaded: document.fonts.check('13px "Noto Sans JP"', text) && document.fonts.check('14px "Noto Sans JP"', text),
        };
      },
      undefined,
      { polling: 'raf' },
    );
    expect(await atDraw.jsonValue()).toEqual({ japanese: true, loaded: true });
    await page.locator('.graph canvas').first().waitFor();
    const graph = await page.evaluate(() => {
      type Box = { x1: number; y1: number; x2: number; y2: number };
      const cy = (
        document.querySelector('.graph') as HTMLElement & {
          cy: { nodes: () => { id: () => string; data: (k: string) => string; boundingBox: (o: object) => Box }[] };
        }
      ).cy;
      const boxes = cy.nodes().map((n) => ({ id: n.id(), label: n.data('label') ?? '', box: n.boundingBox({ includeLabels: true, includeOverlays: false }) }));
      const overlaps: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].box;
          const b = boxes[j].box;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(`${boxes[i].id} × ${boxes[j].id}`);
        }
      return { nodes: boxes.length, overlaps, flowLabels: boxes.filter((b) => b.id.startsWith('flow:')).map((b) => b.label) };
    });
    expect(graph.nodes).toBeGreaterThan(3);
    expect(graph.overlaps).toEqual([]);
    expect(graph.flowLabels.some((l) => l.includes('⚠'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, `lineage-graph-${width}.png`), fullPage: true });
    await page.close();
  });

  it.each([800, 1440])('no view overflows the window sideways at %i px', async (width) => {
    const overflowing: string[] = [];
    for (const view of VIEWS) {
      const page = await open(width, view);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client + 1) overflowing.push(`${view}: ${scroll} > ${client}`);
      await page.close();
    }
    expect(overflowing).toEqual([]);
  });
});
