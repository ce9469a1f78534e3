import { getBlob, getJson } from '../api';
import { observableKindText, recordReasonText, recordStatusText, regimeText } from '../codes';
import { badge, card, field, filterForm, h, openBlob, table } from '../dom';
import { fmtDate, fmtNumber, t } from '../i18n';
import { latestPolicies } from '../policies-cache';
import type { AnnotatedLine, LineStatus, RecordOfProcessingView } from '../types';
import { errorNotice, load, pageHeader, type RouteParams, type ViewHandle } from '../view';

const STATUS_BADGE: Record<LineStatus, 'ok' | 'bad' | 'warn' | 'muted'> = {
  'declared+observed': 'ok',
  'declared-not-observed': 'warn',
  'observed-not-declared': 'bad',
  'not-observable': 'muted',
};

/** Record of processing per controller: its regime's record, each line against the flows of a period. */
export async function render(main: HTMLElement, params: RouteParams): Promise<ViewHandle> {
  const q = params.query;
  const body = h('div', { class: 'records' });
  main.append(pageHeader(t('recordsTitle')), h('p', { class: 'muted' }, t('recordsHint')), body);
  let controllers: { controller: string; name: string }[];
  try {
    controllers = (await latestPolicies()).map((p) => ({ controller: p.controller, name: p.document.name }));
  } catch (err) {
    body.replaceChildren(errorNotice(err));
    return {};
  }
  const chosen = params.segments[0] ?? controllers[0]?.controller;
  const keep = q.toString() ? `?${q}` : '';
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('navRecords') },
    h(
      'ul',
      {},
      controllers.map((c) =>
        h('li', {}, h('a', { href: `#/records/${encodeURIComponent(c.controller)}${keep}`, 'aria-current': c.controller === chosen ? 'page' : null }, c.name)),
      ),
    ),
  );
  const from = h('input', { type: 'date', name: 'from', value: q.get('from') ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: q.get('to') ?? '' });
  const driftOnly = h('input', { type: 'checkbox', name: 'drift', checked: q.get('drift') === '1' ? true : null });
  const form = filterForm(
    [field(t('from'), from), field(t('to'), to), h('label', { class: 'check' }, driftOnly, ` ${t('recordDriftOnly')}`)],
    t('apply'),
    () => {
      const next = new URLSearchParams();
      if (from.value) next.set('from', from.value);
      if (to.value) next.set('to', to.value);
      if (driftOnly.checked) next.set('drift', '1');
      location.hash = `#/records/${encodeURIComponent(chosen ?? '')}${next.toString() ? `?${next}` : ''}`;
    },
    false,
  );
  const detail = h('div');
  body.append(tabs, form, detail);
  if (!chosen) return {};
  const query = {
    from: q.get('from') ? `${q.get('from')}T00:00:00Z` : undefined,
    to: q.get('to') ? `${q.get('to')}T23:59:59.999Z` : undefined,
  };
  const path = `/v1/controllers/${encodeURIComponent(chosen)}/record-of-processing`;
  const draw = (quiet: boolean) =>
    load(
      detail,
      async () => recordView(await getJson<RecordOfProcessingView>(path, query), q.get('drift') === '1', () => getBlob(path, { ...query, format: 'csv' })),
      quiet,
    );
  await draw(false);
  return { refresh: async () => void (await draw(true)) };
}

function recordView(r: RecordOfProcessingView, driftOnly: boolean, csv: () => Promise<Blob>): Node[] {
  const counts = new Map<LineStatus, number>();
  for (const l of r.lines) counts.set(l.status, (counts.get(l.status) ?? 0) + 1);
  const lines = driftOnly ? r.lines.filter((l) => l.status === 'observed-not-declared' || l.status === 'declared-not-observed') : r.lines;
  const download = h(
    'button',
    { type: 'button', class: 'record-csv', onclick: async () => openBlob(await csv(), `record-of-processing-${r.controller}.csv`) },
    t('recordCsv'),
  );
  return [
    h(
      'div',
      { class: 'policy-head' },
      h('h2', {}, r.title),
      badge(regimeText(r.regime), 'info'),
      badge(`v${r.policyVersion}`, 'muted'),
      r.statutory ? null : badge(t('recordNoStatutoryForm'), 'muted'),
      download,
    ),
    h(
      'p',
      {},
      r.period.from.startsWith('1970-')
        ? t('recordPeriodAll', { to: fmtDate(r.period.to, r.controller), flows: fmtNumber(r.flows) })
        : t('recordPeriod', { from: fmtDate(r.period.from, r.controller), to: fmtDate(r.period.to, r.controller), flows: fmtNumber(r.flows) }),
      ' ',
      ...(['declared+observed', 'declared-not-observed', 'observed-not-declared'] as const).map((s) =>
        badge(`${recordStatusText(s)}: ${fmtNumber(counts.get(s) ?? 0)}`, STATUS_BADGE[s]),
      ),
      r.flowsWithoutPolicy ? h('small', { class: 'muted' }, ` ${t('recordWithoutPolicy', { n: fmtNumber(r.flowsWithoutPolicy) })}`) : null,
    ),
    card(
      t('recordLines'),
      table(
        [t('recordArticle'), t('recordValue'), t('status'), t('flows'), t('recordSubjects'), t('recordSeen'), t('recordEvents')],
        lines.map((l) => [
          h('small', {}, l.article),
          lineValue(l),
          statusCell(l),
          n(l.observed?.flows),
          n(l.observed?.subjects),
          seen(l, r.controller),
          events(l),
        ]),
        r.title,
      ),
    ),
    card(
      t('transfersTitle'),
      r.transfers.length
        ? table(
            [t('country'), t('flows'), t('recordSubjects'), ''],
            r.transfers.map((x) => [
              x.country,
              fmtNumber(x.flows),
              fmtNumber(x.subjects),
              h('span', {}, x.restricted ? badge(t('restricted'), 'warn') : null, x.declared ? null : badge(t('notDeclared'), 'bad')),
            ]),
          )
        : h('p', { class: 'empty' }, t('none')),
    ),
  ];
}

function lineValue(l: AnnotatedLine): Node {
  if (l.status !== 'observed-not-declared' || !l.observable) return h('span', {}, l.value);
  return h('span', {}, h('small', { class: 'muted' }, `${observableKindText(l.observable.kind)}: `), h('code', {}, l.value));
}

function statusCell(l: AnnotatedLine): Node {
  return h(
    'span',
    {},
    badge(recordStatusText(l.status), STATUS_BADGE[l.status]),
    l.reason ? h('small', { class: 'code-text' }, recordReasonText(l.reason)) : null,
  );
}

const n = (v: number | undefined): string => (v === undefined ? '—' : fmtNumber(v));

function seen(l: AnnotatedLine, controller: string): string {
  return l.observed ? `${fmtDate(l.observed.firstSeen, controller)} / ${fmtDate(l.observed.lastSeen, controller)}` : '—';
}

/** The first event ids behind the line (the API lists up to 20), folded. */
function events(l: AnnotatedLine): Node | string {
  if (!l.observed?.eventIds.length) return '—';
  const ids = l.observed.eventIds;
  return h(
    'details',
    {},
    h('summary', {}, `${fmtNumber(ids.length)}${l.observed.flows > ids.length ? ` / ${fmtNumber(l.observed.flows)}` : ''}`),
    h(
      'ul',
      { class: 'mono' },
      ids.map((id) => h('li', {}, h('code', {}, id))),
    ),
  );
}
