import { getJson } from '../api';
import { badge, card, h, table } from '../dom';
import { fmtCountdown, fmtDateTime, fmtNumber, t } from '../i18n';
import { partyNames } from '../policies-cache';
import type { BreachSummary, DeadlineClock } from '../types';
import { load, pageHeader, type RouteParams, type ViewHandle } from '../view';
import { breachDetail } from './breach-detail';
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

export function nextClock(clocks: DeadlineClock[]): DeadlineClock | undefined {
  return clocks.filter((c) => c.status === 'open' && c.dueAt).sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))[0];
}

async function listBreaches(): Promise<Node> {
  const [{ items }, names] = await Promise.all([getJson<{ items: BreachSummary[] }>('/v1/stats/breaches'), partyNames()]);
  if (!items.length) return h('p', { class: 'empty' }, t('noBreaches'));
  return table(
    [t('details'), t('holder'), t('discoveredAt'), t('affected'), t('reportable'), t('clocks')],
    items.map((b) => {
      const next = nextClock(b.clocks);
      const cd = next?.dueAt ? fmtCountdown(next.dueAt) : undefined;
      return [
        h('a', { href: `#/breaches/${encodeURIComponent(b.breachId)}` }, b.breachId),
        names.get(b.holder) ?? b.holder,
        fmtDateTime(b.discoveredAt),
        fmtNumber(b.affectedSubjects),
        b.reportable ? badge(t('reportable'), 'bad') : badge(t('notReportable'), 'muted'),
        next && cd ? h('span', { class: cd.overdue ? 'countdown overdue' : 'countdown' }, `${next.regime} ${next.kind}: ${cd.text}`) : badge(t('closed'), 'ok'),
      ];
    }),
  );
}
