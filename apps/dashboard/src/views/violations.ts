import { getJson } from '../api';
import { codeText, erasureStateText } from '../codes';
import { badge, card, field, filterForm, h, select, table } from '../dom';
import { fmtDateTime, t } from '../i18n';
import { latestPolicies, partyNames } from '../policies-cache';
import { VIOLATION_CODES, type ErasurePage, type FlowPage, type ViolationPage, type ViolationView } from '../types';
import { errorNotice, load, pageHeader, type RouteParams, type ViewHandle } from '../view';

/** Violations filtered by controller, code and period; each drills into the flow and events behind it. */
export async function render(main: HTMLElement, params: RouteParams): Promise<ViewHandle> {
  const q = params.query;
  const names = await partyNames();
  const controllers = await latestPolicies().then(
    (ps) => ps.map((p) => ({ value: p.controller, label: p.document.name })),
    () => [],
  );
  const controller = select([{ value: '', label: t('all') }, ...controllers], q.get('controller') ?? '', { name: 'controller' });
  const code = select([{ value: '', label: t('all') }, ...VIOLATION_CODES.map((c) => ({ value: c, label: `${c} — ${codeText(c)}` }))], q.get('code') ?? '', {
    name: 'code',
  });
  const from = h('input', { type: 'date', name: 'from', value: q.get('from') ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: q.get('to') ?? '' });
  const form = filterForm([field(t('controller'), controller), field(t('code'), code), field(t('from'), from), field(t('to'), to)], t('apply'), () => {
    const next = new URLSearchParams();
    for (const [k, el] of [
      ['controller', controller],
      ['code', code],
      ['from', from],
      ['to', to],
    ] as const)
      if (el.value) next.set(k, el.value);
    location.hash = `#/violations?${next}`;
  });
  const list = h('div');
  const detail = h('div', { id: 'evidence', class: 'evidence', tabindex: '-1' });
  main.append(pageHeader(t('violationsTitle')), form, h('div', { class: 'split' }, h('div', { class: 'split-main' }, list), detail));

  const filter = {
    controller: q.get('controller') ?? undefined,
    code: q.get('code') ?? undefined,
    from: q.get('from') ? `${q.get('from')}T00:00:00Z` : undefined,
    to: q.get('to') ? `${q.get('to')}T23:59:59.999Z` : undefined,
  };
  let rows: ViolationView[] = [];
  let cursor: string | null = null;

  const showEvidence = async (v: ViolationView, focus: boolean) => {
    await load(detail, () => evidence(v, names));
    if (focus) detail.focus();
  };

  const draw = async (more: boolean) => {
    const page = await getJson<ViolationPage>('/v1/violations', { ...filter, limit: 50, cursor: more ? cursor : undefined });
    rows = more ? [...rows, ...page.items] : page.items;
    cursor = page.nextCursor;
    if (!rows.length) return list.replaceChildren(h('p', { class: 'empty' }, t('noViolations')));
    list.replaceChildren(
      table(
        [t('when'), t('code'), t('controller'), t('holder'), t('subject'), t('evidence')],
        rows.map((v) => [
          h('time', { datetime: v.occurredAt }, fmtDateTime(v.occurredAt, v.controller)),
          h('span', {}, badge(v.code, 'bad'), h('small', { class: 'code-text' }, codeText(v.code))),
          names.get(v.controller) ?? v.controller,
          names.get(v.holder) ?? v.holder,
          h('a', { href: `#/lineage/${encodeURIComponent(v.subjectRef)}`, class: 'mono' }, v.subjectRef),
          h('button', { type: 'button', class: 'link', onclick: () => void showEvidence(v, true) }, t('showEvidence')),
        ]),
        t('violationsTitle'),
      ),
      ...(cursor ? [h('button', { type: 'button', class: 'more', onclick: () => void draw(true) }, t('moreResults'))] : []),
    );
  };

  try {
    await draw(false);
    const wanted = q.get('event');
    const match = wanted ? rows.find((r) => r.eventId === wanted) : undefined;
    if (match) await showEvidence(match, false);
  } catch (err) {
    list.replaceChildren(errorNotice(err));
  }
  return { refresh: () => draw(false).catch(() => undefined) };
}

/** ERASURE_NOT_PROPAGATED rests on the controller's erasure: show the recipient's open obligation. */
async function erasureEvidence(v: ViolationView, names: Map<string, string>, dl: (pairs: [string, Node | string][]) => HTMLElement): Promise<Node> {
  const page = await getJson<ErasurePage>('/v1/erasures', { subjectRef: v.subjectRef, holder: v.holder, limit: 50 }).catch(() => undefined);
  const o = page?.items.find((e) => e.eventId === v.eventId);
  if (!o) return h('p', { class: 'notice notice-muted' }, t('noFlowRow'));
  return h(
    'div',
    {},
    h('h3', {}, t('erasureObligation')),
    dl([
      [t('holder'), names.get(o.holder) ?? o.holder],
      [t('items'), o.items.join(', ')],
      [t('erasedAt'), fmtDateTime(o.erasedAt, v.controller)],
      [t('dueAt'), fmtDateTime(o.dueAt, v.controller)],
      [
        t('status'),
        badge(
          o.status === 'done' ? `${erasureStateText('done')} ${fmtDateTime(o.closedAt, v.controller)}` : erasureStateText(o.status),
          o.status === 'done' ? 'ok' : 'bad',
        ),
      ],
      [t('eventIds'), h('code', {}, o.eventId)],
    ]),
  );
}

/** The violation, the judged flow behind it (found by its eventId at its instant) and the event ids. */
async function evidence(v: ViolationView, names: Map<string, string>): Promise<Node> {
  const page = await getJson<FlowPage>('/v1/flows', { controller: v.controller, from: v.occurredAt, to: v.occurredAt, limit: 100 });
  const flow = page.items.find((f) => f.eventId === v.eventId);
  const dl = (pairs: [string, Node | string][]) =>
    h(
      'dl',
      { class: 'facts' },
      pairs.flatMap(([k, val]) => [h('dt', {}, k), h('dd', {}, val)]),
    );
  return card(
    t('evidence'),
    h('p', {}, badge(v.code, 'bad'), ' ', h('strong', {}, codeText(v.code))),
    h('p', {}, v.message),
    dl([
      [t('eventId'), h('code', {}, v.eventId)],
      [t('when'), fmtDateTime(v.occurredAt, v.controller)],
      [t('subject'), h('a', { href: `#/lineage/${encodeURIComponent(v.subjectRef)}`, class: 'mono' }, v.subjectRef)],
      // Recipient and consent violations concern the whole flow, not particular items: the flow lists them.
      ...(v.items.length ? [[t('items'), v.items.join(', ')] as [string, string]] : []),
    ]),
    flow ? h('h3', {}, t('flowDetail')) : null,
    flow
      ? dl([
          [t('type'), flow.type],
          [t('holder'), names.get(flow.holder ?? '') ?? flow.holder ?? '—'],
          [t('recipient'), flow.recipient ? (names.get(flow.recipient) ?? flow.recipient) : '—'],
          [t('items'), flow.items.join(', ')],
          [t('purposes'), flow.purposes.join(', ') || '—'],
          [t('basis'), flow.basis ?? '—'],
          [t('policyVersion'), flow.policyVersion ?? '—'],
          [
            t('verdict'),
            flow.verdict === 'allowed'
              ? badge(t('allowed'), 'ok')
              : h(
                  'span',
                  {},
                  (flow.codes.length ? flow.codes : [t('violation')]).map((c) => badge(c, 'bad')),
                ),
          ],
          [t('eventIds'), h('code', {}, flow.eventId)],
        ])
      : v.code === 'ERASURE_NOT_PROPAGATED'
        ? await erasureEvidence(v, names, dl)
        : h('p', { class: 'notice notice-muted' }, t('noFlowRow')),
    h('p', {}, h('a', { href: `#/lineage/${encodeURIComponent(v.subjectRef)}`, class: 'button' }, t('openLineage'))),
  );
}
