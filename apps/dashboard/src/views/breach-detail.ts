import { getBlob, getJson, postJson } from '../api';
import { art34ExemptionText, causeText, protectionText, regimeText, reportableText, riskLevelText } from '../codes';
import { badge, card, h, openBlob, table } from '../dom';
import { currentLang, fmtDateTime, fmtNumber, t } from '../i18n';
import type { BreachAnswer } from '../types';
import { errorNotice, pageHeader, type ViewHandle } from '../view';
import { assessmentCard, clocksTable, type CloseClock } from './breach-assessment';

const path = (id: string) => `/v1/breaches/${encodeURIComponent(id)}`;

/** One breach: blast radius, each controller's reportability under its regime, its clocks with countdowns, draft reports, subject list. */
export async function breachDetail(main: HTMLElement, id: string, minPosition?: string): Promise<ViewHandle> {
  const header = pageHeader(`${t('breachesTitle')}: ${id}`, h('a', { href: '#/breaches', class: 'back' }, `← ${t('breachList')}`));
  const heading = header.querySelector('h1')!;
  const body = h('div');
  main.append(header, body);
  let answer: BreachAnswer | undefined;
  // Filing a report or notifying the persons closes its clock (BreachReported / SubjectsNotified), for that controller.
  const close: CloseClock = async (c) => {
    try {
      const r =
        c.kind === 'subject-notification'
          ? await postJson<{ lastPosition: number }>(`${path(id)}/notifications`, {
              count: answer?.assessments.find((a) => a.controller === c.controller)?.persons ?? answer?.affected.subjects ?? 0,
            })
          : await postJson<{ lastPosition: number }>(`${path(id)}/reports`, { report: c.kind, controller: c.controller });
      minPosition = String(r.lastPosition);
      await draw();
    } catch (err) {
      body.prepend(errorNotice(err));
    }
  };
  const render = () => {
    if (!answer) return;
    if (answer.declared.title) heading.textContent = `${t('breachesTitle')}: ${answer.declared.title}`;
    body.replaceChildren(...view(answer, close));
  };
  const draw = async () => {
    try {
      answer = await getJson<BreachAnswer>(path(id), { minPosition, limit: 25 });
      render();
    } catch (err) {
      body.replaceChildren(errorNotice(err));
    }
  };
  await draw();
  // Countdowns move on without a new read.
  const ticker = window.setInterval(() => {
    for (const a of answer?.assessments ?? []) body.querySelector(`[data-clocks="${CSS.escape(a.controller)}"]`)?.replaceWith(clocksTable(a.clocks, close));
  }, 30_000);
  return { refresh: draw, dispose: () => window.clearInterval(ticker) };
}

function view(a: BreachAnswer, close: CloseClock): HTMLElement[] {
  const lang = currentLang();
  const d = a.declared;
  // The breach's own instants in the zone of its controller (the first assessed), like its clocks.
  const zone = d.controller ?? a.assessments[0]?.controller;
  const csv = h(
    'button',
    { type: 'button', onclick: async () => openBlob(await getBlob(`${path(a.breachId)}/subjects.csv`), `breach-${a.breachId}-subjects.csv`) },
    t('downloadCsv'),
  );
  const ra = d.riskAssessment;
  const facts: [string, string][] = [
    [t('breachTitle'), d.title ?? '—'],
    ['ID', a.breachId],
    [t('holder'), `${a.holder.name ?? a.holder.id}${a.holder.country ? ` (${a.holder.country})` : ''}`],
    [t('windowFrom'), fmtDateTime(d.window.from, zone)],
    [t('windowTo'), fmtDateTime(d.window.to, zone)],
    [t('discoveredAt'), fmtDateTime(d.discoveredAt, zone)],
    [t('cause'), causeText(d.cause)],
    ...(d.description ? [[t('description'), d.description] as [string, string]] : []),
    [t('protection'), protectionText(d.protection ?? 'none')],
    ...(ra
      ? [
          [
            t('riskAssessment'),
            `${riskLevelText(ra.level)} — ${ra.assessedBy}${ra.assessedAt ? `, ${fmtDateTime(ra.assessedAt, zone)}` : ''}${ra.subjectNotificationExemption ? `; ${art34ExemptionText(ra.subjectNotificationExemption)}` : ''}`,
          ] as [string, string],
        ]
      : []),
    [t('regimes'), a.regimes.map((r) => regimeText(r)).join(', ') || '—'],
  ];
  const tone = a.reportability.reportable === true ? 'kpi-bad' : a.reportability.reportable === 'undetermined' ? 'kpi-warn' : '';
  return [
    h(
      'div',
      { class: 'kpis' },
      h(
        'div',
        { class: 'kpi kpi-bad' },
        h('div', { class: 'kpi-value', id: 'affected-count' }, fmtNumber(a.affected.subjects)),
        h('div', { class: 'kpi-label' }, t('affected')),
      ),
      h(
        'div',
        { class: `kpi ${tone}` },
        h('div', { class: 'kpi-value kpi-text', id: 'reportable' }, reportableText(a.reportability.reportable)),
        h('div', { class: 'kpi-label' }, a.reportability.article),
      ),
      h('div', { class: 'actions' }, csv),
    ),
    card(
      t('details'),
      h(
        'dl',
        { class: 'facts' },
        facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
    ),
    h('h2', { class: 'section-title' }, t('assessments')),
    ...a.assessments.map((x) => assessmentCard(x, a.breachId, close)),
    h(
      'div',
      { class: 'grid' },
      card(
        t('byItem'),
        table(
          [t('items'), t('category'), t('affected')],
          a.affected.byItem.map((i) => [
            h('span', {}, i.label ?? i.item, i.sensitive ? [' ', badge(t('sensitive'), 'warn')] : null),
            i.category ?? '—',
            fmtNumber(i.subjects),
          ]),
        ),
      ),
      card(
        t('byController'),
        table(
          [t('controller'), t('regime'), t('affected')],
          a.affected.byController.map((c) => [c.name ?? c.controller, regimeText(c.regime), fmtNumber(c.subjects)]),
        ),
      ),
    ),
    h(
      'div',
      { class: 'grid' },
      card(
        t('byCategory'),
        table(
          [t('category'), t('affected')],
          a.affected.byCategory.map((c) => [c.category, fmtNumber(c.subjects)]),
        ),
      ),
      card(
        t('otherParties'),
        a.otherParties.length
          ? table(
              [t('recipient'), t('country'), t('items'), t('affected')],
              a.otherParties.map((p) => [p.name ?? p.party, p.country ?? '—', p.items.join(', '), fmtNumber(p.subjects)]),
            )
          : h('p', { class: 'empty' }, t('none')),
      ),
    ),
    card(
      t('affected'),
      table(
        [t('subject'), t('controller'), t('items')],
        a.subjects.items.map((s) => [
          h('a', { href: `#/lineage/${encodeURIComponent(s.subjectRef)}`, class: 'mono' }, s.subjectRef),
          s.controllers.join(', '),
          s.items.join(', '),
        ]),
      ),
      a.subjects.nextCursor ? h('p', { class: 'hint' }, t('firstN', { n: a.subjects.items.length })) : null,
    ),
    a.draftReport
      ? card(
          t('draftReport'),
          h(
            'dl',
            { class: 'draft' },
            a.draftReport.fields.flatMap((f) => [
              h('dt', {}, f.heading[lang]),
              h('dd', {}, f.toBeFilled ? [badge(t('toBeFilled'), 'warn'), ' '] : null, String(f.value ?? '').replace(/^to be filled:\s*/i, '')),
            ]),
          ),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}
