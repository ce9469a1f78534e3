import { getJson } from '../api';
import { regimeText } from '../codes';
import { card, h, table } from '../dom';
import { fmtDateTime, fmtNumber, t } from '../i18n';
import { partyNames } from '../policies-cache';
import type { BreachSummary } from '../types';
import { load, pageHeader, type RouteParams, type ViewHandle } from '../view';
import { breachDetail } from './breach-detail';
import { nextClockLine, reportableBadge } from './breach-common';
import { breachForm } from './breach-form';

/** Breaches: declare one, list them with deadlines; `#/breaches/<id>` shows one breach's impact. */
export async function render(main: HTMLElement, params: RouteParams): Promise<ViewHandle> {
  const id = params.segments[0];
  if (id) return breachDetail(main, id, params.query.get('minPosition') ?? undefined);
  const list = h('div');
  main.append(pageHeader(t('breachesTitle')), h('div', { class: 'grid grid-form' }, card(t('declareBreach'), await breachForm()), card(t('breachList'), list)));
  const draw = (quiet: boolean) => load(list, listBreaches, quiet);
  await draw(false);
  return { refresh: () => draw(true).then(() => undefined) };
}

/** The controller whose zone a breach's own times are shown in: the one it names, else the first with a clock. */
export const breachZoneController = (b: Pick<BreachSummary, 'controller' | 'clocks'>): string | undefined => b.controller ?? b.clocks[0]?.controller;

async function listBreaches(): Promise<Node> {
  const [{ items }, names] = await Promise.all([getJson<{ items: BreachSummary[] }>('/v1/stats/breaches'), partyNames()]);
  if (!items.length) return h('p', { class: 'empty' }, t('noBreaches'));
  return table(
    [t('breachTitle'), t('holder'), t('discoveredAt'), t('affected'), t('reportableHeading'), t('clocks')],
    items.map((b) => [
      h('a', { href: `#/breaches/${encodeURIComponent(b.breachId)}` }, b.title || b.breachId),
      [names.get(b.holder) ?? b.holder, h('div', { class: 'sub' }, b.regimes.map((r) => regimeText(r)).join(', '))],
      fmtDateTime(b.discoveredAt, breachZoneController(b)),
      fmtNumber(b.affectedSubjects),
      reportableBadge(b.reportable),
      nextClockLine(b.clocks, names),
    ]),
  );
}
