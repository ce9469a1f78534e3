import { getJson } from '../api';
import { mountChart, COLORS } from '../charts';
import { codeText } from '../codes';
import { badge, card, h, table } from '../dom';
import { fmtCountdown, fmtDateTime, fmtNumber, t } from '../i18n';
import { partyNames } from '../policies-cache';
import type { BreachSummary, ErasurePage, OverviewStats, ViolationPage } from '../types';
import { errorNotice, load, pageHeader, type ViewHandle } from '../view';
import { nextClockLine, reportableBadge } from './breach-common';
import { weeklyFlows } from './weekly';

const kpi = (label: string, value: string, tone = '', href?: string) =>
  h(
    'div',
    { class: `kpi ${tone}` },
    h('div', { class: 'kpi-value' }, value),
    href ? h('a', { class: 'kpi-label', href }, label) : h('div', { class: 'kpi-label' }, label),
  );

/** Overview: counts, flows by verdict over time, violations by code and controller, erasures, breaches. */
export async function render(main: HTMLElement): Promise<ViewHandle> {
  const kpis = h('section', { class: 'kpis', 'aria-label': t('overviewTitle') });
  const flowsChart = h('div', { class: 'chart chart-wide' });
  const codeChart = h('div', { class: 'chart' });
  const controllerChart = h('div', { class: 'chart' });
  const breachesSlot = h('div');
  const latestSlot = h('div');
  const erasuresSlot = h('div');
  main.append(
    pageHeader(t('overviewTitle')),
    kpis,
    h('div', { class: 'grid grid-wide' }, card(t('flowsOverTime'), flowsChart), card(t('openBreaches'), breachesSlot)),
    h('div', { class: 'grid' }, card(t('violationsByCode'), codeChart), card(t('violationsByController'), controllerChart)),
    h('div', { class: 'grid' }, card(t('latestViolations'), latestSlot), card(t('overdueErasures'), erasuresSlot)),
  );
  let disposers: (() => void)[] = [];
  let breaches: BreachSummary[] | undefined;
  let names = new Map<string, string>();

  const drawBreaches = () => {
    if (!breaches) return;
    const open = breaches.filter((b) => b.openClocks > 0);
    if (!open.length) return breachesSlot.replaceChildren(h('p', { class: 'empty' }, t('noOpenBreaches')));
    breachesSlot.replaceChildren(
      h(
        'ul',
        { class: 'breach-list' },
        open.map((b) =>
          h(
            'li',
            {},
            h('a', { href: `#/breaches/${encodeURIComponent(b.breachId)}` }, b.title || b.breachId),
            ' ',
            reportableBadge(b.reportable),
            h('div', { class: 'sub' }, `${names.get(b.holder) ?? b.holder} · ${fmtNumber(b.affectedSubjects)} ${t('subjects')}`),
            nextClockLine(b.clocks, names, 'div'),
          ),
        ),
      ),
    );
  };

  const draw = async (quiet: boolean) => {
    const [stats, partyNamesById] = await Promise.all([getJson<OverviewStats>('/v1/stats/overview'), partyNames()]);
    names = partyNamesById;
    const subjects = await getJson<{ subjects: number }>('/v1/stats/subjects').catch(() => undefined);
    // Reads of personal data are audited as events too; they are counted apart, not as recorded flows.
    const reads = stats.eventsByType.AccessRecorded ?? 0;
    const events = Object.values(stats.eventsByType).reduce((a, b) => a + b, 0) - reads;
    const flows = stats.flowsByDay.reduce((a, d) => a + d.allowed + d.violation, 0);
    const violations = stats.violationsByCode.reduce((a, v) => a + v.count, 0);
    breaches = await getJson<{ items: BreachSummary[] }>('/v1/stats/breaches')
      .then((r) => r.items)
      .catch(() => undefined);
    kpis.replaceChildren(
      kpi(t('kpiEvents'), fmtNumber(events)),
      kpi(t('kpiReadsAudited'), fmtNumber(reads), '', '#/audit'),
      kpi(t('kpiSubjects'), subjects ? fmtNumber(subjects.subjects) : '—'),
      kpi(t('kpiFlows'), fmtNumber(flows)),
      kpi(t('kpiViolations'), fmtNumber(violations), violations ? 'kpi-bad' : '', '#/violations'),
      kpi(t('kpiErasuresOpen'), fmtNumber(stats.erasures.open)),
      kpi(t('kpiErasuresOverdue'), fmtNumber(stats.erasures.overdue), stats.erasures.overdue ? 'kpi-bad' : ''),

      kpi(t('kpiBreaches'), breaches ? fmtNumber(breaches.filter((b) => b.openClocks > 0).length) : fmtNumber(stats.breaches), '', '#/breaches'),
    );
    if (!breaches) breachesSlot.replaceChildren(h('p', { class: 'notice notice-muted' }, t('notAvailable', { path: '/v1/stats/breaches' })));
    drawBreaches();
    for (const d of disposers) d();
    disposers = [];
    const weeks = weeklyFlows(stats.flowsByDay);
    const flowsMounted = mountChart(flowsChart, t('flowsOverTime'), {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      dataZoom: [{ type: 'slider', height: 18, bottom: 8 }],
      xAxis: { type: 'category', data: weeks.map((w) => w.week) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('allowed'), type: 'bar', stack: 'v', data: weeks.map((w) => w.allowed), itemStyle: { color: COLORS.allowed } },
        { name: t('violation'), type: 'bar', stack: 'v', data: weeks.map((w) => w.violation), itemStyle: { color: COLORS.violation }, cursor: 'pointer' },
      ],
    });
    // A week's bar opens that week's violations.
    flowsMounted.chart.on('click', (p) => {
      const from = String(p.name);
      const to = new Date(Date.parse(`${from}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      location.hash = `#/violations?from=${from}&to=${to}`;
    });
    disposers.push(flowsMounted.dispose);
    // Bars named by the code's label in the page's language; a click filters by the code itself.
    const byCode = sumBy(stats.violationsByCode, (v) => v.code).map(([c, n]) => [codeText(c), n, c] as [string, number, string]);
    const code = mountChart(codeChart, t('violationsByCode'), horizontalBars(byCode, COLORS.violation));
    code.chart.on('click', (p) => {
      const c = byCode.find((x) => x[0] === p.name)?.[2];
      if (c) location.hash = `#/violations?code=${encodeURIComponent(c)}`;
    });
    disposers.push(code.dispose);
    const byController = sumBy(stats.violationsByCode, (v) => v.controller).map(([id, n]) => [names.get(id) ?? id, n, id] as [string, number, string]);
    const ctl = mountChart(controllerChart, t('violationsByController'), horizontalBars(byController, COLORS.accent));
    ctl.chart.on('click', (p) => {
      const id = byController.find((c) => c[0] === p.name)?.[2];
      if (id) location.hash = `#/violations?controller=${encodeURIComponent(id)}`;
    });
    disposers.push(ctl.dispose);
    await Promise.all([load(latestSlot, () => latestViolations(names), quiet), load(erasuresSlot, () => overdueErasures(names), quiet)]);
  };

  try {
    await draw(false);
  } catch (err) {
    kpis.replaceChildren(errorNotice(err));
  }
  // Deadline countdowns tick without re-reading the API.
  const ticker = window.setInterval(drawBreaches, 30_000);
  return {
    refresh: () => draw(true).catch(() => undefined),
    dispose: () => {
      window.clearInterval(ticker);
      for (const d of disposers) d();
    },
  };
}

async function latestViolations(names: Map<string, string>): Promise<Node> {
  const page = await getJson<ViolationPage>('/v1/violations', { limit: 6 });
  if (!page.items.length) return h('p', { class: 'empty' }, t('noViolations'));
  return table(
    [t('when'), t('code'), t('controller'), t('subject'), t('evidence')],
    page.items.map((v) => [
      h('time', { datetime: v.occurredAt }, fmtDateTime(v.occurredAt, v.controller)),
      h('span', {}, badge(v.code, 'bad'), h('small', { class: 'code-text' }, codeText(v.code))),
      names.get(v.controller) ?? v.controller,
      refLink(v.subjectRef),
      h('a', { href: `#/violations?event=${encodeURIComponent(v.eventId)}&code=${encodeURIComponent(v.code)}`, class: 'nowrap' }, t('showEvidence')),
    ]),
  );
}

/** A subject ref cut to its first 12 hex digits in the overview's narrow tables; the whole ref is the link's name and target. */
const refLink = (ref: string) =>
  h('a', { href: `#/lineage/${encodeURIComponent(ref)}`, class: 'mono nowrap', title: ref, 'aria-label': ref }, ref.length > 20 ? `${ref.slice(0, 17)}…` : ref);

/** Recipients that have not confirmed an erasure past its deadline (ERASURE_NOT_PROPAGATED). */
async function overdueErasures(names: Map<string, string>): Promise<Node> {
  const page = await getJson<ErasurePage>('/v1/erasures', { status: 'overdue', limit: 6 });
  if (!page.items.length) return h('p', { class: 'empty' }, t('none'));
  return table(
    [t('holder'), t('subject'), t('items'), t('dueAt')],
    page.items.map((e) => [
      names.get(e.holder) ?? e.holder,
      refLink(e.subjectRef),
      e.items.length > 3 ? `${e.items.slice(0, 3).join(', ')} +${e.items.length - 3}` : e.items.join(', '),
      h('span', { class: 'countdown overdue' }, fmtCountdown(e.dueAt).text),
    ]),
  );
}

function sumBy<T extends { count: number }>(rows: T[], key: (r: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.count);
  return [...m.entries()].sort((a, b) => a[1] - b[1]);
}

function horizontalBars(rows: [string, number, ...unknown[]][], color: string) {
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r[0]), axisLabel: { width: 170, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((r) => r[1]), itemStyle: { color }, label: { show: true, position: 'right' }, cursor: 'pointer' }],
  };
}
