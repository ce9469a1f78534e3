import { getBlob } from '../api';
import { reportabilitySentence } from '../../../../libs/domain/src/presentation/breach-sentence';
import { clockText, openFactText, regimeText, reportableText, triggerText } from '../codes';
import { badge, card, h, openBlob, table } from '../dom';
import { currentLang, fmtCountdown, fmtDateTime, fmtNumber, t } from '../i18n';
import type { ControllerBreachAssessment, DeadlineClock } from '../types';
import { reportableBadge } from './breach-common';

const path = (id: string) => `/v1/breaches/${encodeURIComponent(id)}`;

export type CloseClock = (c: DeadlineClock) => Promise<void>;

/** One controller's clocks; every instant in that controller's regime's zone. */
export function clocksTable(clocks: DeadlineClock[], close: CloseClock): HTMLElement {
  if (!clocks.length) return h('p', { class: 'empty clocks' }, t('noClocks'));
  const el = table(
    [t('clockKind'), t('basis'), t('target'), t('dueAt'), t('status'), ''],
    clocks.map((c) => {
      const cd = c.dueAt && c.status === 'open' ? fmtCountdown(c.dueAt) : undefined;
      return [
        h('span', {}, clockText(c.kind), c.provisional ? [' ', badge(t('provisional'), 'warn')] : null),
        [c.legalBasis, c.dueBasis ? h('div', { class: 'sub' }, c.dueBasis) : null],
        fmtDateTime(c.targetAt, c.controller),
        fmtDateTime(c.dueAt, c.controller),
        c.status === 'closed'
          ? badge(`${t('closed')} ${fmtDateTime(c.closedAt, c.controller)}`, c.closedLate ? 'warn' : 'ok')
          : cd
            ? h('span', { class: cd.overdue ? 'countdown overdue' : 'countdown' }, c.overdue ? `${t('overdue')} · ${cd.text}` : cd.text)
            : badge(t('open'), 'warn'),
        c.status === 'open'
          ? h(
              'button',
              { type: 'button', class: 'small', onclick: () => void close(c) },
              c.kind === 'subject-notification' ? t('recordNotified') : t('recordFiled'),
            )
          : '',
      ];
    }),
  );
  el.classList.add('clocks');
  el.dataset.clocks = clocks[0].controller;
  return el;
}

/** One controller's duties under its own regime: the sentence, what fired or exempted it, what is still open, its clocks and its draft. */
export function assessmentCard(a: ControllerBreachAssessment, breachId: string, close: CloseClock): HTMLElement {
  const lang = currentLang();
  const r = a.reportability;
  const name = a.name ?? a.controller;
  const list = (items: (Node | string)[][]) =>
    h(
      'ul',
      { class: 'triggers' },
      items.map((x) => h('li', {}, ...x)),
    );
  const draft = a.draft
    ? h(
        'button',
        { type: 'button', onclick: async () => openBlob(await getBlob(`${path(breachId)}/report`, { format: 'html', controller: a.controller })) },
        t('openDraftOf', { name }),
      )
    : null;
  const el = card(
    `${name} — ${a.regime ? regimeText(a.regime) : t('noRegime')}`,
    h('p', { class: 'verdict' }, reportableBadge(r.reportable), ' ', h('span', { class: 'sentence' }, reportabilitySentence(r, lang))),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('persons')),
      h('dd', {}, fmtNumber(a.persons)),
      h('dt', {}, t('notifyPersons')),
      h(
        'dd',
        {},
        `${reportableText(r.notifySubjects.required)} — ${r.notifySubjects.article}`,
        lang === 'en' ? h('div', { class: 'sub' }, r.notifySubjects.reason) : null,
      ),
    ),
    r.triggers.length
      ? [
          h('h3', {}, t('triggers')),
          list(r.triggers.map((x) => [h('strong', {}, triggerText(x.trigger)), ` — ${x.article}`, ...(lang === 'en' ? [`: ${x.reason}`] : [])])),
        ]
      : null,
    r.exemptions.length
      ? [h('h3', {}, t('exemptions')), list(r.exemptions.map((x) => [h('strong', {}, x.article), ...(lang === 'en' ? [`: ${x.reason}`] : [])]))]
      : null,
    r.missing?.length ? [h('h3', {}, t('stillOpen')), list(r.missing.map((m) => [openFactText(m)]))] : null,
    h('h3', {}, t('clocks')),
    clocksTable(a.clocks, close),
    draft ? h('div', { class: 'actions' }, draft) : null,
  );
  el.dataset.controller = a.controller;
  el.classList.add('assessment');
  return el;
}
