import { getBlob, getJson, postJson } from '../api';
import { badge, card, h, openBlob, table } from '../dom';
import { currentLang, fmtCountdown, fmtDateTime, fmtNumber, t } from '../i18n';
import type { DeadlineClock } from '../types';
import { errorNotice, pageHeader, type ViewHandle } from '../view';

interface BreachAnswer {
  breachId: string;
  declared: { holder: string; items: string[]; window: { from: string; to: string }; discoveredAt: string; cause?: string };
  holder: { id: string; name?: string; country?: string };
  regimes: string[];
  reportability: { reportable: boolean; triggers: { trigger: string; article: string; reason: string }[]; undetermined: string[] };
  clocks: DeadlineClock[];
  draftReport: { fields: { key: string; heading: { ja: string; en: string }; value: string | number | null; toBeFilled: boolean }[] };
  affected: {
    subjects: number;
    byItem: { item: string; label?: string; category?: string; sensitive?: boolean; subjects: number }[];
    byCategory: { category: string; subjects: number }[];
    byController: { controller: string; name?: string; regime?: string; subjects: number }[];
  };
  subjects: { items: { subjectRef: string; controllers: string[]; items: string[] }[]; nextCursor: string | null };
  otherParties: { party: string; name?: string; country?: string; via: string; items: string[]; subjects: number }[];
}

const path = (id: string) => `/v1/breaches/${encodeURIComponent(id)}`;

/** One breach: blast radius, reportability, legal clocks with countdowns, draft report, subject list. */
export async function breachDetail(main: HTMLElement, id: string, minPosition?: string): Promise<ViewHandle> {
  const body = h('div');
  main.append(pageHeader(`${t('breachesTitle')}: ${id}`, h('a', { href: '#/breaches', class: 'back' }, `← ${t('breachList')}`)), body);
  let answer: BreachAnswer | undefined;
  // Filing a report or notifying the persons closes its clock (BreachReported / SubjectsNotified).
  const close: CloseClock = async (c) => {
    try {
      const r =
        c.kind === 'subject-notification'
          ? await postJson<{ lastPosition: number }>(`${path(id)}/notifications`, { count: answer?.affected.subjects ?? 0 })
          : await postJson<{ lastPosition: number }>(`${path(id)}/reports`, { report: c.kind });
      minPosition = String(r.lastPosition);
      await draw();
    } catch (err) {
      body.prepend(errorNotice(err));
    }
  };
  const draw = async () => {
    try {
      answer = await getJson<BreachAnswer>(path(id), { minPosition, limit: 25 });
      body.replaceChildren(...view(answer, close));
    } catch (err) {
      body.replaceChildren(errorNotice(err));
    }
  };
  await draw();
  const ticker = window.setInterval(() => {
    const clocks = body.querySelector('#clocks');
    if (answer && clocks) clocks.replaceWith(clocksTable(answer.clocks, close));
  }, 30_000);
  return { refresh: draw, dispose: () => window.clearInterval(ticker) };
}

type CloseClock = (c: DeadlineClock) => Promise<void>;

function clocksTable(clocks: DeadlineClock[], close: CloseClock): HTMLElement {
  const el = table(
    [t('clockKind'), t('regime'), t('basis'), t('dueAt'), t('status'), ''],
    clocks.map((c) => {
      const cd = c.dueAt && c.status === 'open' ? fmtCountdown(c.dueAt) : undefined;
      return [
        c.kind,
        c.regime,
        c.legalBasis,
        fmtDateTime(c.dueAt),
        c.status === 'closed'
          ? badge(`${t('closed')} ${fmtDateTime(c.closedAt)}`, c.closedLate ? 'warn' : 'ok')
          : cd
            ? h('span', { class: cd.overdue ? 'countdown overdue' : 'countdown' }, c.overdue ? `${t('overdue')} · ${cd.text}` : cd.text)
            : badge(t('open'), 'warn'),
        c.status === 'open' ? h('button', { type: 'button', class: 'small', onclick: () => void close(c) }, c.kind === 'subject-notification' ? t('recordNotified') : t('recordFiled')) : '',
      ];
    }),
  );
  el.id = 'clocks';
  return el;
}

function view(a: BreachAnswer, close: CloseClock): HTMLElement[] {
  const lang = currentLang();
  const csv = h('button', { type: 'button', onclick: async () => openBlob(await getBlob(`${path(a.breachId)}/subjects.csv`), `breach-${a.breachId}-subjects.csv`) }, t('downloadCsv'));
  const draft = h('button', { type: 'button', onclick: async () => openBlob(await getBlob(`${path(a.breachId)}/report`, { format: 'html' })) }, t('openDraft'));
  const facts: [string, string][] = [
    [t('holder'), `${a.holder.name ?? a.holder.id}${a.holder.country ? ` (${a.holder.country})` : ''}`],
    [t('windowFrom'), fmtDateTime(a.declared.window.from)],
    [t('windowTo'), fmtDateTime(a.declared.window.to)],
    [t('discoveredAt'), fmtDateTime(a.declared.discoveredAt)],
    [t('cause'), a.declared.cause ?? '—'],
    [t('regimes'), a.regimes.join(', ') || '—'],
  ];
  return [
    h(
      'div',
      { class: 'kpis' },
      h('div', { class: 'kpi kpi-bad' }, h('div', { class: 'kpi-value', id: 'affected-count' }, fmtNumber(a.affected.subjects)), h('div', { class: 'kpi-label' }, t('affected'))),
      h('div', { class: `kpi ${a.reportability.reportable ? 'kpi-bad' : ''}` }, h('div', { class: 'kpi-value kpi-text' }, a.reportability.reportable ? t('reportable') : t('notReportable')), h('div', { class: 'kpi-label' }, 'APPI Art. 26')),
      h('div', { class: 'actions' }, csv, draft),
    ),
    h(
      'div',
      { class: 'grid' },
      card(t('details'), h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
      card(
        t('triggers'),
        a.reportability.triggers.length
          ? h('ul', { class: 'triggers' }, a.reportability.triggers.map((x) => h('li', {}, h('strong', {}, x.article), ` — ${x.reason}`)))
          : h('p', { class: 'empty' }, t('none')),
      ),
    ),
    card(t('clocks'), clocksTable(a.clocks, close)),
    h(
      'div',
      { class: 'grid' },
      card(t('byItem'), table([t('items'), t('category'), t('affected')], a.affected.byItem.map((i) => [h('span', {}, i.label ?? i.item, i.sensitive ? [' ', badge(t('sensitive'), 'warn')] : null), i.category ?? '—', fmtNumber(i.subjects)]))),
      card(t('byController'), table([t('controller'), t('regime'), t('affected')], a.affected.byController.map((c) => [c.name ?? c.controller, c.regime ?? '—', fmtNumber(c.subjects)]))),
    ),
    h(
      'div',
      { class: 'grid' },
      card(t('byCategory'), table([t('category'), t('affected')], a.affected.byCategory.map((c) => [c.category, fmtNumber(c.subjects)]))),
      card(
        t('otherParties'),
        a.otherParties.length
          ? table([t('recipient'), t('country'), t('items'), t('affected')], a.otherParties.map((p) => [p.name ?? p.party, p.country ?? '—', p.items.join(', '), fmtNumber(p.subjects)]))
          : h('p', { class: 'empty' }, t('none')),
      ),
    ),
    card(
      t('affected'),
      table(
        [t('subject'), t('controller'), t('items')],
        a.subjects.items.map((s) => [h('a', { href: `#/lineage/${encodeURIComponent(s.subjectRef)}`, class: 'mono' }, s.subjectRef), s.controllers.join(', '), s.items.join(', ')]),
      ),
      a.subjects.nextCursor ? h('p', { class: 'hint' }, t('firstN', { n: a.subjects.items.length })) : null,
    ),
    card(
      t('draftReport'),
      h(
        'dl',
        { class: 'draft' },
        a.draftReport.fields.flatMap((f) => [h('dt', {}, f.heading[lang]), h('dd', {}, f.toBeFilled ? [badge(t('toBeFilled'), 'warn'), ' '] : null, String(f.value ?? '').replace(/^to be filled:\s*/i, ''))]),
      ),
    ),
  ];
}
