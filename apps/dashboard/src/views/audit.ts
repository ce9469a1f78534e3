import { getJson } from '../api';
import { field, filterForm, h, table } from '../dom';
import { fmtDateTime, fmtNumber, t } from '../i18n';
import type { AuditPage } from '../types';
import { load, pageHeader, type RouteParams, type ViewHandle } from '../view';

/** Who read which subject's lineage or which breach (the accountability trail), newest first. */
export async function render(main: HTMLElement, params: RouteParams): Promise<ViewHandle> {
  const target = h('input', { type: 'search', name: 'target', size: 36, value: params.query.get('target') ?? '', autocomplete: 'off' });
  const form = filterForm([field(t('auditTarget'), target)], t('apply'), () => {
    location.hash = target.value.trim() ? `#/audit?target=${encodeURIComponent(target.value.trim())}` : '#/audit';
  });
  const list = h('div');
  main.append(pageHeader(t('auditTitle')), form, list);
  const draw = (quiet: boolean) => load(list, () => entries(params.query.get('target') ?? undefined), quiet);
  await draw(false);
  return { refresh: () => draw(true).then(() => undefined) };
}

function targetLink(e: AuditPage['items'][number]): Node | string {
  if (e.target === '*') return '—';
  if (e.action.startsWith('lineage')) return h('a', { href: `#/lineage/${encodeURIComponent(e.target)}`, class: 'mono' }, e.target);
  if (e.action.startsWith('breach')) return h('a', { href: `#/breaches/${encodeURIComponent(e.target)}` }, e.target);
  return h('span', { class: 'mono' }, e.target);
}

async function entries(target?: string): Promise<Node[]> {
  const page = await getJson<AuditPage>('/v1/audit', { target, limit: 100 });
  if (!page.items.length) return [h('p', { class: 'empty' }, t('none'))];
  return [
    h('p', { class: 'muted' }, t('auditTotal', { n: fmtNumber(page.total) })),
    table(
      [t('when'), t('auditActor'), t('auditAction'), t('auditTarget'), t('eventId')],
      page.items.map((e) => [
        fmtDateTime(e.occurredAt),
        h('code', { class: 'nowrap' }, e.actor),
        h('code', { class: 'nowrap' }, e.action),
        targetLink(e),
        h('code', {}, e.eventId),
      ]),
      t('auditTitle'),
    ),
  ];
}
